// Per-volume records (what the controller, exposer and movers learn about one volume of a backup or
// restore while it runs) folded into one summary per volume. Each fact keeps the value of the newest
// record that carried it, so redelivered or reordered records give the same summary. Pure.
import type { VolumeInfoMethod } from '@ferry/api';
import {
  durationBetween,
  withoutUndefined,
  type BackupVolumeSummary,
  type ClaimRef,
  type VolumeExposure,
  type VolumeSummary,
} from './volume-summary';

/** Whether a record is about a Backup or a Restore. */
export const VolumeRecordTargetKind = { Backup: 'backup', Restore: 'restore' } as const;
/** One of {@link VolumeRecordTargetKind}. */
export type VolumeRecordTargetKind = (typeof VolumeRecordTargetKind)[keyof typeof VolumeRecordTargetKind];

/** The Backup or Restore a record belongs to; `uid` tells runs of one name apart. */
export interface VolumeRecordTarget {
  readonly kind: VolumeRecordTargetKind;
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string | undefined;
}

/** The facts a record may carry; every one optional (a mover knows sizes, an exposer the node). */
export interface VolumeRecordFacts {
  readonly method?: VolumeInfoMethod | undefined;
  readonly snapshotDataMoved?: boolean | undefined;
  readonly snapshotHandle?: string | undefined;
  readonly bytes?: number | undefined;
  readonly incrementalBytes?: number | undefined;
  readonly uploaderType?: string | undefined;
  readonly dataMover?: string | undefined;
  readonly nodeName?: string | undefined;
  readonly result?: string | undefined;
  readonly startTimestamp?: string | undefined;
  readonly completionTimestamp?: string | undefined;
  readonly skipped?: boolean | undefined;
  readonly skippedReason?: string | undefined;
  readonly exposure?: VolumeExposure | undefined;
}

/**
 * One record: what `source` learnt at `recordedAt` about a volume of `target`. Only records naming
 * a `claim` are shown in claim histories (an fs-backup of an emptyDir has none).
 */
export interface VolumeRecord {
  readonly target: VolumeRecordTarget;
  readonly claim?: ClaimRef | undefined;
  readonly pvName?: string | undefined;
  /** Who published it (`controller`, `exposer`, `mover`). */
  readonly source: string;
  /** RFC 3339 time of the observation; the newest value of each fact wins. */
  readonly recordedAt: string;
  readonly facts: VolumeRecordFacts;
}

type Fact = keyof VolumeRecordFacts | 'pvName';
type FactValue = string | number | boolean | VolumeExposure;

/** The facts of one volume folded from its records, with the time each fact was recorded. */
export interface MergedVolumeRecord {
  readonly target: VolumeRecordTarget;
  readonly claim: ClaimRef;
  readonly values: Readonly<Partial<Record<Fact, FactValue>>>;
  readonly recordedAt: Readonly<Partial<Record<Fact, string>>>;
  /** Newest `recordedAt` of any record folded in. */
  readonly lastRecordedAt: string;
}

/**
 * Folds `record` into `merged` (undefined: the first record of this volume) and returns the new
 * merge; `merged` is not changed. A fact replaces the held one only when its record is at least as
 * new, so folding the same records in any order, or one twice, gives the same result. Pure.
 */
export function mergeVolumeRecord(
  merged: MergedVolumeRecord | undefined,
  record: VolumeRecord & { readonly claim: ClaimRef },
): MergedVolumeRecord {
  const values: Partial<Record<Fact, FactValue>> = { ...merged?.values };
  const times: Partial<Record<Fact, string>> = { ...merged?.recordedAt };
  const incoming = [...Object.entries(record.facts), ['pvName', record.pvName]] as [Fact, FactValue | undefined][];
  for (const [fact, value] of incoming) {
    const held = times[fact];
    if (value === undefined || (held !== undefined && Date.parse(held) > Date.parse(record.recordedAt))) continue;
    values[fact] = value;
    times[fact] = record.recordedAt;
  }
  const last = merged && Date.parse(merged.lastRecordedAt) > Date.parse(record.recordedAt) ? merged.lastRecordedAt : record.recordedAt;
  return { target: record.target, claim: record.claim, values, recordedAt: times, lastRecordedAt: last };
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const count = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const exposureOf = (value: unknown): VolumeExposure | undefined => (typeof value === 'object' ? (value as VolumeExposure) : undefined);

/** A merged record as a volume summary (the shape documents give), for volumes without a document yet. Pure. */
export function mergedRecordSummary(merged: MergedVolumeRecord): BackupVolumeSummary {
  const v = merged.values;
  return withoutUndefined<BackupVolumeSummary>({
    claim: merged.claim,
    pvName: text(v.pvName),
    method: text(v.method) as VolumeInfoMethod | undefined,
    snapshotDataMoved: v.snapshotDataMoved === true,
    snapshotHandle: text(v.snapshotHandle),
    bytes: count(v.bytes),
    incrementalBytes: count(v.incrementalBytes),
    uploaderType: text(v.uploaderType),
    dataMover: text(v.dataMover),
    nodeName: text(v.nodeName),
    skipped: v.skipped === true,
    skippedReason: text(v.skippedReason),
    result: text(v.result),
    startTimestamp: text(v.startTimestamp),
    completionTimestamp: text(v.completionTimestamp),
    durationMs: durationBetween(text(v.startTimestamp), text(v.completionTimestamp)),
    exposure: exposureOf(v.exposure),
  });
}

/** The summary fields records may add to a documented volume: what the exposer and movers knew. */
const recordedFields = [
  'pvName',
  'snapshotHandle',
  'bytes',
  'incrementalBytes',
  'uploaderType',
  'dataMover',
  'nodeName',
  'result',
  'startTimestamp',
  'completionTimestamp',
  'durationMs',
  'exposure',
] as const;

/** Whether the document leaves `field` out: absent, or a size of 0 (Velero writes 0 for a size it does not know, e.g. a restore's data movement). */
function leftOut(summary: VolumeSummary, field: (typeof recordedFields)[number]): boolean {
  const value: unknown = (summary as Partial<BackupVolumeSummary>)[field];
  return value === undefined || ((field === 'bytes' || field === 'incrementalBytes') && value === 0);
}

/**
 * A documented volume's summary with what its records add: each field the document leaves out
 * (the node and exposure of a moved volume, a restore's transfer bytes and times) from the merged
 * records; a field the document gives keeps the document's value. The document itself is not
 * touched. Pure.
 */
export function withRecordedFacts<S extends VolumeSummary>(summary: S, merged: MergedVolumeRecord | undefined): S {
  if (!merged) return summary;
  const recorded = mergedRecordSummary(merged) as Partial<Record<(typeof recordedFields)[number], unknown>>;
  const added = Object.fromEntries(
    recordedFields.filter((field) => leftOut(summary, field) && recorded[field] !== undefined).map((f) => [f, recorded[f]]),
  );
  return { ...summary, ...added };
}
