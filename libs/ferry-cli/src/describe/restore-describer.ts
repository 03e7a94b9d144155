// `velero restore describe [--details]` as Velero's output.DescribeRestore prints it, from the
// Restore, its PodVolumeRestores and the documents fetched through DownloadRequests; then what
// Velero lacks: items/s and ETA of the restore, bytes, rate and ETA per moved volume. Pure.
import { DownloadTargetKind, type PodVolumeRestore, type Restore, type RestoreVolumeInfo } from '@ferry/api';
import type { BackupResults } from '@ferry/backup';
import { boolPointerString, emptyDisplay, formatLabelSelector, goTime } from '../format/go-values';
import { goDuration, joinedOr } from './backup-spec-section';
import { Describer } from './describer';
import { describeTrace, type TraceLink } from './trace-section';
import type { Fetched } from './fetched-document';
import { describeCsiSnapshotRestores, describePodVolumeRestores } from './restore-volume-sections';
import { describeItemOperations, describeResourceList, describeResult, type ItemOperation } from './shared-sections';
import { describeRestoreRate, type VolumeTransfer } from './transfer-sections';

/** The documents `restore describe` reads through DownloadRequests (only those it asks for). */
export interface RestoreDocuments {
  readonly results?: Fetched<BackupResults>;
  readonly volumeInfo?: Fetched<RestoreVolumeInfo[]>;
  readonly itemOperations?: Fetched<ItemOperation[]>;
  readonly resourceList?: Fetched<Record<string, string[]>>;
}

/** Everything `restore describe` prints from. */
export interface RestoreDescribeInput {
  readonly restore: Restore;
  readonly podVolumeRestores: readonly PodVolumeRestore[];
  /** The restore's DataDownloads and PodVolumeRestores as transfers (Ferry's rate section). */
  readonly transfers: readonly VolumeTransfer[];
  readonly details: boolean;
  readonly documents: RestoreDocuments;
  readonly nowMs: number;
  /** The object's trace (Ferry's addition, last); none when tracing was off. */
  readonly trace?: TraceLink;
}

/** The DownloadRequest kinds Velero's restore describer fetches, in its order. */
export function restoreDocumentKinds(restore: Restore, details: boolean): DownloadTargetKind[] {
  const status = restore.status ?? {};
  const kinds: DownloadTargetKind[] = [];
  if ((status.errors ?? 0) > 0 || (status.warnings ?? 0) > 0) kinds.push(DownloadTargetKind.RestoreResults);
  kinds.push(DownloadTargetKind.RestoreVolumeInfo);
  if (details && (status.restoreItemOperationsAttempted ?? 0) > 0) kinds.push(DownloadTargetKind.RestoreItemOperations);
  if (details) kinds.push(DownloadTargetKind.RestoreResourceList);
  return kinds;
}

function describePhaseAndProgress(d: Describer, restore: Restore): void {
  const phase = restore.status?.phase || 'New';
  const deleting = restore.metadata?.deletionTimestamp ? ' (Deleting)' : '';
  const note =
    phase === 'Failed' || phase === 'PartiallyFailed'
      ? ` (run 'velero restore logs ${restore.metadata?.name ?? ''}' for more information)`
      : '';
  d.print(`Phase:\t${phase}${deleting}${note}\n`);
  const progress = restore.status?.progress;
  if (progress) {
    const running = restore.status?.phase === 'InProgress';
    d.print(`${running ? 'Estimated total items to be restored' : 'Total items to be restored'}:\t${progress.totalItems ?? 0}\n`);
    d.print(`${running ? 'Items restored so far' : 'Items restored'}:\t${progress.itemsRestored ?? 0}\n`);
  }
  d.line();
  d.print(`Started:\t${goTime(restore.status?.startTimestamp) ?? '<n/a>'}\n`);
  d.print(`Completed:\t${goTime(restore.status?.completionTimestamp) ?? '<n/a>'}\n`);
  const validationErrors = restore.status?.validationErrors ?? [];
  if (validationErrors.length > 0) {
    d.line();
    d.print('Validation errors:');
    for (const error of validationErrors) d.print(`\t${error}\n`);
  }
}

function describeResults(d: Describer, restore: Restore, results: Fetched<BackupResults> | undefined): void {
  const errors = restore.status?.errors ?? 0;
  const warnings = restore.status?.warnings ?? 0;
  if ((errors === 0 && warnings === 0) || !results) return;
  if (results.state !== 'ok') {
    const message = results.state === 'error' ? results.message : 'file not found';
    d.print(`Warnings:\t<error getting warnings: ${message}>\n\nErrors:\t<error getting errors: ${message}>\n`);
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

function describeFilters(d: Describer, restore: Restore): void {
  const spec = restore.spec ?? {};
  d.line();
  d.print(`Backup:\t${spec.backupName ?? ''}\n`);
  d.line();
  d.print('Namespaces:\n');
  const included = spec.includedNamespaces ?? [];
  const all = included.length === 0 || (included.length === 1 && included[0] === '*');
  d.print(`\tIncluded:\t${all ? 'all namespaces found in the backup' : included.join(', ')}\n`);
  d.print(`\tExcluded:\t${joinedOr(spec.excludedNamespaces, emptyDisplay)}\n`);
  d.line();
  d.print('Resources:\n');
  d.print(`\tIncluded:\t${joinedOr(spec.includedResources, '*')}\n`);
  d.print(`\tExcluded:\t${joinedOr(spec.excludedResources, emptyDisplay)}\n`);
  d.print(`\tCluster-scoped:\t${boolPointerString(spec.includeClusterResources, 'excluded', 'included', 'auto')}\n`);
  d.line();
  d.map('Namespace mappings', spec.namespaceMapping);
  d.line();
  d.print(`Label selector:\t${spec.labelSelector ? formatLabelSelector(spec.labelSelector) : emptyDisplay}\n`);
  d.line();
  const or = spec.orLabelSelectors ?? [];
  d.print(`Or label selector:\t${or.length === 0 ? emptyDisplay : or.map((s) => formatLabelSelector(s)).join(' or ')}\n`);
  d.line();
  d.print(`Restore PVs:\t${boolPointerString(spec.restorePVs, 'false', 'true', 'auto')}\n`);
}

function describeSettings(d: Describer, restore: Restore): void {
  const spec = restore.spec ?? {};
  d.line();
  d.print(`Existing Resource Policy: \t${spec.existingResourcePolicy || emptyDisplay}\n`);
  d.print(`ItemOperationTimeout:\t${goDuration(spec.itemOperationTimeout)}\n`);
  d.line();
  d.print(`Preserve Service NodePorts:\t${boolPointerString(spec.preserveNodePorts, 'false', 'true', 'auto')}\n`);
  if (spec.resourceModifier) {
    d.line();
    d.print('Resource modifier:\n');
    d.print(`\tType:\t${spec.resourceModifier.kind}\n`);
    d.print(`\tName:\t${spec.resourceModifier.name}\n`);
  }
  if (spec.uploaderConfig) {
    d.line();
    d.print('Uploader config:\n');
    if (spec.uploaderConfig.writeSparseFiles === true) d.print('\tWrite Sparse Files:\ttrue\n');
    if ((spec.uploaderConfig.parallelFilesDownload ?? 0) > 0)
      d.print(`\tParallel Restore:\t${spec.uploaderConfig.parallelFilesDownload}\n`);
  }
}

function describeOperations(d: Describer, input: RestoreDescribeInput): void {
  const status = input.restore.status ?? {};
  const attempted = status.restoreItemOperationsAttempted ?? 0;
  d.line();
  if (attempted > 0 && !input.details) {
    d.print(
      `Restore Item Operations:\t${status.restoreItemOperationsCompleted ?? 0} of ${attempted} completed successfully, ${status.restoreItemOperationsFailed ?? 0} failed (specify --details for more information)\n`,
    );
  } else if (attempted > 0 && input.documents.itemOperations) {
    describeItemOperations(d, 'Restore', input.documents.itemOperations);
  }
  if (status.hookStatus) {
    d.line();
    d.print(`HooksAttempted: \t${status.hookStatus.hooksAttempted ?? 0}\n`);
    d.print(`HooksFailed: \t${status.hookStatus.hooksFailed ?? 0}\n`);
  }
}

/** The text of `restore describe` for `input`; Velero's sections first, then Ferry's rate section. */
export function describeRestore(input: RestoreDescribeInput): string {
  const d = new Describer();
  const { restore, documents } = input;
  d.metadata(restore.metadata ?? {});
  d.line();
  describePhaseAndProgress(d, restore);
  describeResults(d, restore, documents.results);
  describeFilters(d, restore);
  if (input.podVolumeRestores.length > 0) {
    d.line();
    describePodVolumeRestores(d, input.podVolumeRestores, input.details);
  }
  const volumeInfo = documents.volumeInfo;
  if (volumeInfo?.state === 'ok') describeCsiSnapshotRestores(d, volumeInfo.value, input.details);
  if (volumeInfo?.state === 'error') d.print(`\t<error getting restore volume info: ${volumeInfo.message}>\n`);
  describeSettings(d, restore);
  describeOperations(d, input);
  if (input.details && documents.resourceList) {
    d.line();
    describeResourceList(d, 'restore', documents.resourceList);
  }
  const status = restore.status ?? {};
  describeRestoreRate(d, {
    phase: status.phase,
    totalItems: status.progress?.totalItems,
    itemsRestored: status.progress?.itemsRestored,
    startTimestamp: status.startTimestamp ?? undefined,
    completionTimestamp: status.completionTimestamp ?? undefined,
    volumes: input.transfers,
    nowMs: input.nowMs,
  });
  describeTrace(d, input.trace);
  return d.render();
}
