// `ferry backup describe NAME [--details] [-o plaintext|json]`: reads the Backup, its
// DeleteBackupRequests (by Velero's label selector) and PodVolumeBackups, fetches the documents
// Velero's describer fetches through DownloadRequests, and prints Velero's text or, with `-o json`,
// the document of Velero's structured describer — both from the one fetched input.
import {
  DownloadTargetKind,
  VeleroLabel,
  type Backup,
  type BackupVolumeInfo,
  type VolumeSnapshot,
  type VolumeSnapshotContent,
} from '@ferry/api';
import { decodeBackupResults, deletionRequestSelector, veleroLabelValue, type BackupResults } from '@ferry/backup';
import { backupDocumentKinds, describeBackup, type BackupDescribeInput, type BackupDocuments } from '../describe/backup-describer';
import { describeBackupStructured, structuredBackupDocumentKinds } from '../describe/backup-structured-describer';
import type { LegacyVolumeSources } from '../describe/backup-volume-sections';
import type { Fetched } from '../describe/fetched-document';
import { legacyCsiVolumeInfos, legacyNativeVolumeInfos, type NativeVolumeSnapshot } from '../describe/legacy-volume-infos';
import type { ItemOperation } from '../describe/shared-sections';
import type { Downloader } from '../velero/download-request-client';
import { locationCaCert } from '../velero/download-trust';
import { goJson } from '../format/go-json';
import { traceOf, type DescribeKind, type DescribeSession } from './describe-command';
import { trustedDownloader } from './download-flags';

/** Fetches and decodes the results document (`{"errors":…,"warnings":…}`). */
export async function fetchResults(
  downloader: Downloader,
  namespace: string,
  name: string,
  kind: DownloadTargetKind,
): Promise<Fetched<BackupResults>> {
  const fetched = await downloader.document({ namespace, name, kind });
  if (fetched.state !== 'ok') return fetched;
  const results = decodeBackupResults(fetched.value.toString('utf8'));
  return results ? { state: 'ok', value: results } : { state: 'error', message: `cannot decode ${kind} of ${name}` };
}

/** A fetched list mapped by `conclude`, its failure worded as Velero's `error to download|decode <what>: …`. */
function concluded<T>(fetched: Fetched<T[]>, what: string, conclude: (items: T[]) => BackupVolumeInfo[]): Fetched<BackupVolumeInfo[]> {
  if (fetched.state === 'ok') return { state: 'ok', value: conclude(fetched.value) };
  return { state: 'error', message: `error to download ${what}: ${fetched.state === 'error' ? fetched.message : 'file not found'}` };
}

/** The legacy volume sources of a backup without volume info, fetched only for attempted snapshots. */
async function fetchLegacyVolumes(downloader: Downloader, backup: Backup): Promise<LegacyVolumeSources> {
  const namespace = backup.metadata?.namespace ?? '';
  const target = (kind: DownloadTargetKind) => ({ namespace, name: backup.metadata?.name ?? '', kind });
  const none: Fetched<BackupVolumeInfo[]> = { state: 'ok', value: [] };
  const native =
    (backup.status?.volumeSnapshotsAttempted ?? 0) > 0
      ? concluded(
          await downloader.json<NativeVolumeSnapshot[]>(target(DownloadTargetKind.BackupVolumeSnapshots)),
          'native snapshot info',
          legacyNativeVolumeInfos,
        )
      : none;
  if ((backup.status?.csiVolumeSnapshotsAttempted ?? 0) === 0 || native.state !== 'ok') return { native, csi: none };
  const snapshots = await downloader.json<VolumeSnapshot[]>(target(DownloadTargetKind.CSIBackupVolumeSnapshots));
  if (snapshots.state !== 'ok') return { native, csi: concluded(snapshots, 'vs list', () => []) };
  const contents = await downloader.json<VolumeSnapshotContent[]>(target(DownloadTargetKind.CSIBackupVolumeSnapshotContents));
  return { native, csi: concluded(contents, 'vsc list', (items) => legacyCsiVolumeInfos(snapshots.value, items)) };
}

/** The documents of `kinds`, then — on a 404 of the volume info — the legacy volume sources. */
async function fetchDocuments(downloader: Downloader, backup: Backup, kinds: readonly DownloadTargetKind[]): Promise<BackupDocuments> {
  const namespace = backup.metadata?.namespace ?? '';
  const name = backup.metadata?.name ?? '';
  const target = (kind: DownloadTargetKind) => ({ namespace, name, kind });
  const documents: { -readonly [K in keyof BackupDocuments]: BackupDocuments[K] } = {};
  for (const kind of kinds) {
    if (kind === DownloadTargetKind.BackupResults) documents.results = await fetchResults(downloader, namespace, name, kind);
    if (kind === DownloadTargetKind.BackupItemOperations) documents.itemOperations = await downloader.json<ItemOperation[]>(target(kind));
    if (kind === DownloadTargetKind.BackupResourceList)
      documents.resourceList = await downloader.json<Record<string, string[]>>(target(kind));
    if (kind === DownloadTargetKind.BackupVolumeInfos) documents.volumeInfos = await downloader.json<BackupVolumeInfo[]>(target(kind));
  }
  if (documents.volumeInfos?.state === 'not-found') documents.legacyVolumes = await fetchLegacyVolumes(downloader, backup);
  return documents;
}

/**
 * Everything a describer of `backup` prints from: the Backup's deletion requests and pod volume
 * backups, the documents of `kinds` (with their legacy fallback) and the location CA failure.
 */
async function backupDescribeInput(
  backup: Backup,
  { io, resources, options }: DescribeSession,
  kinds: (backup: Backup, details: boolean) => DownloadTargetKind[],
): Promise<BackupDescribeInput> {
  const name = backup.metadata?.name ?? '';
  const namespace = backup.metadata?.namespace ?? options.namespace;
  const details = options.details === true;
  const { downloader, trust } = await trustedDownloader(io, resources, options, () =>
    locationCaCert(resources, namespace, backup.spec?.storageLocation ?? undefined),
  );
  const [deleteRequests, podVolumeBackups, documents] = await Promise.all([
    resources.deleteBackupRequests.list(namespace, { labelSelector: deletionRequestSelector(name, backup.metadata?.uid) }),
    resources.podVolumeBackups.list(namespace, { labelSelector: `${VeleroLabel.BackupName}=${veleroLabelValue(name)}` }),
    fetchDocuments(downloader, backup, kinds(backup, details)),
  ]);
  return {
    backup,
    deleteRequests,
    podVolumeBackups,
    details,
    documents,
    trace: traceOf(backup, options),
    ...(trust.locationCaFailure === undefined ? {} : { locationCaFailure: trust.locationCaFailure }),
  };
}

/** `backup describe`: Velero's text of each Backup, with Ferry's transfer and trace lines; `-o json` Velero's document. */
export const backupDescribeKind: DescribeKind<Backup> = {
  kind: 'Backup',
  detailed: true,
  reader: (resources) => resources.backups,
  describe: async (backup, session) => describeBackup(await backupDescribeInput(backup, session, backupDocumentKinds)),
  structured: async (backup, session) =>
    goJson(describeBackupStructured(await backupDescribeInput(backup, session, structuredBackupDocumentKinds))),
};
