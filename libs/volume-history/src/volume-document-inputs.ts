// A run's volume document from its records: the publisher side names each input of the document
// with a volume key (stable across publications, so a newer record of a volume replaces the older),
// the service side keeps the newest input per key and, when the run is sealed with the list of its
// keys, generates Velero's document (§7 keys, Go's bytes) from exactly those inputs in that order.
// Generation is @ferry/backup's and @ferry/restore's; this file only orders and checks. Pure.
import type { BackupVolumeInfo, RestoreVolumeInfo } from '@ferry/api';
import { VolumeKey } from '@ferry/contracts';
import { backupVolumeInfos, encodeBackupVolumeInfos, encodeRestoreVolumeInfos, type VolumeInfoInput } from '@ferry/backup';
import {
  restoreVolumeInfos,
  type DataDownloadFacts,
  type PodVolumeRestoreFacts,
  type RestoredClaim,
  type RestoreVolumeInfoInputs,
} from '@ferry/restore';
import type { ClaimRef } from './volume-summary';

/** One input of a run's document: a backup volume, or one item of a restore's inputs. */
export type VolumeDocumentInput =
  | { readonly kind: 'backup-volume'; readonly value: VolumeInfoInput }
  | { readonly kind: 'restored-claim'; readonly value: RestoredClaim }
  | { readonly kind: 'pod-volume-restore'; readonly value: PodVolumeRestoreFacts }
  | { readonly kind: 'data-download'; readonly value: DataDownloadFacts };

/** An input named by its volume key, with the claim it is about (when there is one), ready to publish. */
export interface KeyedVolumeInput {
  readonly volumeKey: string;
  readonly claim?: ClaimRef | undefined;
  readonly input: VolumeDocumentInput;
}

/** A stored record as the seal reads it: its key, time and input (records without input are skipped). */
export interface RecordedVolumeInput {
  readonly volumeKey: string;
  readonly recordedAt: string;
  readonly input?: VolumeDocumentInput | undefined;
}

/** A generated document: its entries and the exact text to gzip, or the keys no record gave an input for. */
export type GeneratedVolumeDocument<T> =
  { readonly ok: true; readonly entries: T[]; readonly text: string } | { readonly ok: false; readonly missingKeys: string[] };

/** Keys made unique in order: a repeated key gets `#2`, `#3`… (its publications keep the same suffix). */
function uniqueKeys<T extends { volumeKey: string }>(items: T[]): T[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const n = (seen.get(item.volumeKey) ?? 0) + 1;
    seen.set(item.volumeKey, n);
    return n === 1 ? item : { ...item, volumeKey: `${item.volumeKey}#${n}` };
  });
}

function backupKeyed(input: VolumeInfoInput): KeyedVolumeInput {
  const wrap = { kind: 'backup-volume', value: input } as const;
  switch (input.kind) {
    case 'fs-backup': {
      const { pod, volume } = input.podVolumeBackup;
      return { volumeKey: VolumeKey.podVolume(pod, volume), claim: input.claim?.claim, input: wrap };
    }
    case 'skipped':
      return input.claim
        ? { volumeKey: VolumeKey.claim(input.claim), claim: input.claim, input: wrap }
        : { volumeKey: VolumeKey.volume(input.volume.name), input: wrap };
    default:
      return { volumeKey: VolumeKey.claim(input.claim), claim: input.claim, input: wrap };
  }
}

/** The backup's inputs keyed, in the document's input order. Pure. */
export function keyedBackupInputs(inputs: readonly VolumeInfoInput[]): KeyedVolumeInput[] {
  return uniqueKeys(inputs.map(backupKeyed));
}

/** The restore's inputs keyed item by item (claims, pod volume restores, data downloads), in their order. Pure. */
export function keyedRestoreInputs(inputs: RestoreVolumeInfoInputs): KeyedVolumeInput[] {
  return uniqueKeys([
    ...inputs.claims.map((value) => ({
      volumeKey: VolumeKey.claim(value),
      claim: { namespace: value.namespace, name: value.name },
      input: { kind: 'restored-claim', value } as const,
    })),
    ...inputs.podVolumeRestores.map((value) => ({
      volumeKey: VolumeKey.podVolume(value.pod, value.volume),
      input: { kind: 'pod-volume-restore', value } as const,
    })),
    ...inputs.dataDownloads.map((value) => {
      const claim = { namespace: value.targetVolume.namespace, name: value.targetVolume.pvc };
      return { volumeKey: VolumeKey.download(claim), claim, input: { kind: 'data-download', value } as const };
    }),
  ]);
}

/** The newest input per volume key (ties: the later record), records without input left out. Pure. */
export function newestInputs(records: Iterable<RecordedVolumeInput>): Map<string, VolumeDocumentInput> {
  const newest = new Map<string, { at: number; input: VolumeDocumentInput }>();
  for (const record of records) {
    if (!record.input) continue;
    const at = Date.parse(record.recordedAt);
    const held = newest.get(record.volumeKey);
    if (!held || held.at <= at) newest.set(record.volumeKey, { at, input: record.input });
  }
  return new Map([...newest].map(([key, { input }]) => [key, input]));
}

function inputsOf(
  newest: ReadonlyMap<string, VolumeDocumentInput>,
  volumeKeys: readonly string[],
): { inputs: VolumeDocumentInput[]; missingKeys: string[] } {
  const inputs: VolumeDocumentInput[] = [];
  const missingKeys: string[] = [];
  for (const key of volumeKeys) {
    const input = newest.get(key);
    if (input) inputs.push(input);
    else missingKeys.push(key);
  }
  return { inputs, missingKeys };
}

/**
 * The backup's document from the inputs of `volumeKeys` (in that order): Velero's BackupVolumeInfo
 * list and its JSON text. Not ok when a key has no input, or its input is not a backup volume. Pure.
 */
export function generateBackupDocument(
  newest: ReadonlyMap<string, VolumeDocumentInput>,
  volumeKeys: readonly string[],
): GeneratedVolumeDocument<BackupVolumeInfo> {
  const { inputs, missingKeys } = inputsOf(newest, volumeKeys);
  const volumes = inputs.flatMap((input) => (input.kind === 'backup-volume' ? [input.value] : []));
  if (missingKeys.length > 0 || volumes.length !== inputs.length) {
    return { ok: false, missingKeys: volumeKeys.filter((key) => newest.get(key)?.kind !== 'backup-volume') };
  }
  const entries = backupVolumeInfos(volumes);
  return { ok: true, entries, text: encodeBackupVolumeInfos(entries) };
}

/** The restore's document from the inputs of `volumeKeys`: Velero's RestoreVolumeInfo list and its JSON text. Pure. */
export function generateRestoreDocument(
  newest: ReadonlyMap<string, VolumeDocumentInput>,
  volumeKeys: readonly string[],
): GeneratedVolumeDocument<RestoreVolumeInfo> {
  const { inputs, missingKeys } = inputsOf(newest, volumeKeys);
  const wrong = volumeKeys.filter((key) => newest.get(key)?.kind === 'backup-volume');
  if (missingKeys.length > 0 || wrong.length > 0) return { ok: false, missingKeys: [...missingKeys, ...wrong] };
  const restoreInputs: RestoreVolumeInfoInputs = {
    claims: inputs.flatMap((i) => (i.kind === 'restored-claim' ? [i.value] : [])),
    podVolumeRestores: inputs.flatMap((i) => (i.kind === 'pod-volume-restore' ? [i.value] : [])),
    nativeSnapshots: [],
    dataDownloads: inputs.flatMap((i) => (i.kind === 'data-download' ? [i.value] : [])),
  };
  const entries = restoreVolumeInfos(restoreInputs);
  return { ok: true, entries, text: encodeRestoreVolumeInfos(entries) };
}
