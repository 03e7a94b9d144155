// `velero backup describe [--details]` as Velero's output.DescribeBackup prints it, from the
// Backup, its DeleteBackupRequests and PodVolumeBackups and the documents fetched through
// DownloadRequests; then what Velero lacks: bytes, duration and rate per volume. Pure.
import { DownloadTargetKind, type Backup, type BackupVolumeInfo, type DeleteBackupRequest, type PodVolumeBackup } from '@ferry/api';
import type { BackupResults } from '@ferry/backup';
import { goTime } from '../format/go-values';
import { describeBackupSpec, describeTemplateSettings } from './backup-spec-section';
import { describeBackupVolumes, type LegacyVolumeSources } from './backup-volume-sections';
import { Describer } from './describer';
import { describeTrace, type TraceLink } from './trace-section';
import type { Fetched } from './fetched-document';
import { describeItemOperations, describeResourceList, describeResult, type ItemOperation } from './shared-sections';
import { describeBackupTransfers } from './transfer-sections';

/** The documents `backup describe` reads through DownloadRequests (only those it asks for). */
export interface BackupDocuments {
  readonly results?: Fetched<BackupResults>;
  readonly volumeInfos?: Fetched<BackupVolumeInfo[]>;
  readonly itemOperations?: Fetched<ItemOperation[]>;
  readonly resourceList?: Fetched<Record<string, string[]>>;
  /** Read only after a 404 on the volume info, as Velero's describer does. */
  readonly legacyVolumes?: LegacyVolumeSources;
}

/** Everything `backup describe` prints from. */
export interface BackupDescribeInput {
  readonly backup: Backup;
  readonly deleteRequests: readonly DeleteBackupRequest[];
  readonly podVolumeBackups: readonly PodVolumeBackup[];
  readonly details: boolean;
  readonly documents: BackupDocuments;
  /** The object's trace (Ferry's addition, last); none when tracing was off. */
  readonly trace?: TraceLink;
  /**
   * Why the storage location's CA could not be read, when it could not: the structured describer
   * reports it in the document, as Velero's does; the text describer leaves it to the stderr warning.
   */
  readonly locationCaFailure?: string;
}

/**
 * The DownloadRequest kinds Velero's describer fetches for `backup`, in its order: results only
 * with errors or warnings, item operations only with `--details` and attempted operations, the
 * resource list only with `--details`, volume infos always.
 */
export function backupDocumentKinds(backup: Backup, details: boolean): DownloadTargetKind[] {
  const status = backup.status ?? {};
  const kinds: DownloadTargetKind[] = [];
  if ((status.errors ?? 0) > 0 || (status.warnings ?? 0) > 0) kinds.push(DownloadTargetKind.BackupResults);
  if (details && (status.backupItemOperationsAttempted ?? 0) > 0) kinds.push(DownloadTargetKind.BackupItemOperations);
  if (details) kinds.push(DownloadTargetKind.BackupResourceList);
  kinds.push(DownloadTargetKind.BackupVolumeInfos);
  return kinds;
}

function describePhase(d: Describer, backup: Backup): void {
  const phase = backup.status?.phase || 'New';
  const logsNote =
    phase === 'Failed' || phase === 'PartiallyFailed'
      ? ` (run \`velero backup logs ${backup.metadata?.name ?? ''}\` for more information)`
      : '';
  d.print(`Phase:\t${phase}${logsNote}\n`);
  if (phase === 'Queued') d.print(`Queue position:\t${backup.status?.queuePosition ?? 0}\n`);
  describeTemplateSettings(d, backup.spec ?? {}, backup.status?.validationErrors);
}

function describeResults(d: Describer, backup: Backup, results: Fetched<BackupResults> | undefined): void {
  const errors = backup.status?.errors ?? 0;
  const warnings = backup.status?.warnings ?? 0;
  if (errors === 0 && warnings === 0) return;
  if (!results || results.state === 'not-found') {
    d.print(`Errors:\t${errors}\n`);
    d.print(`Warnings:\t${warnings}\n`);
    return;
  }
  if (results.state === 'error') {
    d.print(`Warnings:\t<error getting warnings: ${results.message}>\n\nErrors:\t<error getting errors: ${results.message}>\n`);
    return;
  }
  if (warnings > 0) {
    d.line();
    describeResult(d, 'Warnings', results.value.warnings);
  }
  if (errors > 0) {
    d.line();
    describeResult(d, 'Errors', results.value.errors);
  }
}

function describeStatus(d: Describer, input: BackupDescribeInput): void {
  const { backup, details, documents } = input;
  const status = backup.status ?? {};
  d.print(`Backup Format Version:\t${status.formatVersion ?? ''}\n`);
  d.line();
  d.print(`Started:\t${goTime(status.startTimestamp) ?? '<n/a>'}\n`);
  d.print(`Completed:\t${goTime(status.completionTimestamp) ?? '<n/a>'}\n`);
  d.line();
  d.print(`Expiration:\t${goTime(status.expiration) ?? '<nil>'}\n`);
  d.line();
  if (status.progress) {
    const running = status.phase === 'InProgress';
    d.print(`${running ? 'Estimated total items to be backed up' : 'Total items to be backed up'}:\t${status.progress.totalItems ?? 0}\n`);
    d.print(`${running ? 'Items backed up so far' : 'Items backed up'}:\t${status.progress.itemsBackedUp ?? 0}\n`);
    d.line();
  }
  const attempted = status.backupItemOperationsAttempted ?? 0;
  if (attempted > 0 && !details) {
    d.print(
      `Backup Item Operations:\t${status.backupItemOperationsCompleted ?? 0} of ${attempted} completed successfully, ${status.backupItemOperationsFailed ?? 0} failed (specify --details for more information)\n`,
    );
  } else if (attempted > 0 && documents.itemOperations) {
    describeItemOperations(d, 'Backup', documents.itemOperations);
  }
  if (details && documents.resourceList) {
    describeResourceList(d, 'backup', documents.resourceList);
    d.line();
  }
  describeBackupVolumes(d, details, documents.volumeInfos ?? { state: 'not-found' }, documents.legacyVolumes, input.podVolumeBackups);
  if (status.hookStatus) {
    d.line();
    d.print(`HooksAttempted:\t${status.hookStatus.hooksAttempted ?? 0}\n`);
    d.print(`HooksFailed:\t${status.hookStatus.hooksFailed ?? 0}\n`);
  }
}

/** Velero's `failedDeletionCount`: the requests Processed with errors. */
export const failedDeletionCount = (requests: readonly DeleteBackupRequest[]): number =>
  requests.filter((r) => r.status?.phase === 'Processed' && (r.status.errors ?? []).length > 0).length;

function describeDeleteRequests(d: Describer, requests: readonly DeleteBackupRequest[]): void {
  const failed = failedDeletionCount(requests);
  d.print('Deletion Attempts');
  if (failed > 0) d.print(` (${failed} failed)`);
  d.line(':');
  requests.forEach((request, index) => {
    if (index > 0) d.line();
    d.print(`\t${goTime(request.metadata?.creationTimestamp) ?? ''}: ${request.status?.phase ?? ''}\n`);
    const errors = request.status?.errors ?? [];
    if (errors.length > 0) {
      d.print('\tErrors:\n');
      for (const error of errors) d.print(`\t\t${error}\n`);
    }
  });
}

/** The text of `backup describe` for `input`; Velero's sections first, then Ferry's transfer section. */
export function describeBackup(input: BackupDescribeInput): string {
  const d = new Describer();
  const { backup } = input;
  d.metadata(backup.metadata ?? {});
  d.line();
  describePhase(d, backup);
  d.line();
  describeResults(d, backup, input.documents.results);
  d.line();
  describeBackupSpec(d, backup.spec ?? {});
  d.line();
  describeStatus(d, input);
  if (input.deleteRequests.length > 0) {
    d.line();
    describeDeleteRequests(d, input.deleteRequests);
  }
  const volumeInfos = input.documents.volumeInfos;
  if (volumeInfos?.state === 'ok') describeBackupTransfers(d, volumeInfos.value);
  describeTrace(d, input.trace);
  return d.render();
}
