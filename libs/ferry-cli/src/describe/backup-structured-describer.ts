// `velero backup describe NAME -o json` as Velero's DescribeBackupInSF builds it: one map with
// `metadata`, `phase`, `resourcePolicies`, `validationErrors`, `errors`/`warnings`, `spec`,
// `status` and `deletionAttempts`, from the same fetched data as the text describer. Velero's
// structured describer has no item operations and no Ferry additions (transfers, trace). Pure.
import { DownloadTargetKind, type Backup, type DeleteBackupRequest } from '@ferry/api';
import type { BackupResult, BackupResults } from '@ferry/backup';
import type { GoJsonObject, GoJsonValue } from '../format/go-json';
import { goTime } from '../format/go-values';
import { backupDocumentKinds, failedDeletionCount, type BackupDescribeInput } from './backup-describer';
import { structuredBackupSpec } from './backup-structured-spec';
import { structuredBackupVolumes } from './backup-structured-volumes';
import { backupSnapshotVolumes } from './backup-volume-sections';
import type { Fetched } from './fetched-document';

/** The DownloadRequest kinds Velero's structured describer fetches: the text describer's but the item operations. */
export const structuredBackupDocumentKinds = (backup: Backup, details: boolean): DownloadTargetKind[] =>
  backupDocumentKinds(backup, details).filter((kind) => kind !== DownloadTargetKind.BackupItemOperations);

/** Go's zero `time.Time` printed: a missing creation timestamp. */
const zeroGoTime = '0001-01-01 00:00:00 +0000 UTC';

/** Velero's message of a location CA that could not be read, as its structured describer stores it. */
export const caWarningOf = (failure: string): string => `Warning: Error getting cacert from BSL: ${failure}`;

/** `describeResultInSF`: `velero`, `cluster` and `namespace` (`[]` when empty, as Velero has it). */
export function structuredResult(result: BackupResult | undefined): GoJsonObject {
  const namespaces = result?.namespaces ?? {};
  return {
    velero: result?.velero && result.velero.length > 0 ? [...result.velero] : [],
    cluster: result?.cluster && result.cluster.length > 0 ? [...result.cluster] : [],
    namespace: Object.keys(namespaces).length > 0 ? { ...namespaces } : [],
  };
}

/**
 * `errors` and `warnings` (only when the backup has either): the counts when the results file is
 * not found, the failure (Velero stores an `error` value there, which Go encodes as `{}`; Ferry
 * stores its message), or each result when its count is above zero.
 */
export function structuredResults(backup: Backup, results: Fetched<BackupResults> | undefined): GoJsonObject {
  const errors = backup.status?.errors ?? 0;
  const warnings = backup.status?.warnings ?? 0;
  if (!results || results.state === 'not-found') return { errors: { count: errors }, warnings: { count: warnings } };
  if (results.state === 'error') {
    return {
      errors: { errorGettingErrors: `<error getting errors: ${results.message}>` },
      warnings: { errorGettingWarnings: `<error getting warnings: ${results.message}>` },
    };
  }
  return {
    errors: errors > 0 ? structuredResult(results.value.errors) : {},
    warnings: warnings > 0 ? structuredResult(results.value.warnings) : {},
  };
}

function structuredResourceList(list: Fetched<Record<string, string[]>> | undefined): GoJsonObject {
  if (!list || list.state === 'not-found') return { errorGettingResourceList: '<backup resource list not found>' };
  if (list.state === 'error') return { errorGettingResourceList: `<error getting backup resource list: ${list.message}>` };
  return { resourceList: { ...list.value } };
}

function structuredStatus(input: BackupDescribeInput): GoJsonObject {
  const { backup, details, documents } = input;
  const status = backup.status ?? {};
  const running = status.phase === 'InProgress';
  const caWarning = input.locationCaFailure === undefined ? undefined : caWarningOf(input.locationCaFailure);
  return {
    backupFormatVersion: status.formatVersion ?? '',
    started: goTime(status.startTimestamp) ?? '<n/a>',
    completed: goTime(status.completionTimestamp) ?? '<n/a>',
    expiration: goTime(status.expiration) ?? '<nil>',
    ...(status.progress
      ? {
          [running ? 'estimatedTotalItemsToBeBackedUp' : 'totalItemsToBeBackedUp']: status.progress.totalItems ?? 0,
          [running ? 'itemsBackedUpSoFar' : 'itemsBackedUp']: status.progress.itemsBackedUp ?? 0,
        }
      : {}),
    ...(details ? { ...(caWarning ? { warningGettingBSLCACert: caWarning } : {}), ...structuredResourceList(documents.resourceList) } : {}),
    backupVolumes: structuredBackupVolumes(
      details,
      backupSnapshotVolumes(documents.volumeInfos ?? { state: 'not-found' }, documents.legacyVolumes),
      input.podVolumeBackups,
      caWarning,
    ),
    ...(status.hookStatus
      ? { hooksAttempted: status.hookStatus.hooksAttempted ?? 0, hooksFailed: status.hookStatus.hooksFailed ?? 0 }
      : {}),
  };
}

/** `deletionAttempts`: the failed count (when above zero) and each request's time, phase and errors. */
export function structuredDeletionAttempts(requests: readonly DeleteBackupRequest[]): GoJsonObject {
  const failed = failedDeletionCount(requests);
  const attempts = requests.map((request): GoJsonValue => {
    const errors = request.status?.errors ?? [];
    return {
      creationTimestamp: goTime(request.metadata?.creationTimestamp) ?? zeroGoTime,
      phase: request.status?.phase ?? '',
      ...(errors.length > 0 ? { errors: [...errors] } : {}),
    };
  });
  return { ...(failed > 0 ? { failed } : {}), deleteBackupRequests: attempts };
}

/** The document of `backup describe -o json` for `input` (encode it with `goJson`). */
export function describeBackupStructured(input: BackupDescribeInput): GoJsonObject {
  const { backup } = input;
  const metadata = backup.metadata ?? {};
  const status = backup.status ?? {};
  const spec = backup.spec ?? {};
  const hasResults = (status.errors ?? 0) > 0 || (status.warnings ?? 0) > 0;
  const validationErrors = status.validationErrors ?? [];
  return {
    metadata: {
      name: metadata.name ?? '',
      namespace: metadata.namespace ?? '',
      labels: metadata.labels ? { ...metadata.labels } : null,
      annotations: metadata.annotations ? { ...metadata.annotations } : null,
    },
    phase: status.phase ?? '',
    ...(spec.resourcePolicy ? { resourcePolicies: { type: spec.resourcePolicy.kind, name: spec.resourcePolicy.name } } : {}),
    ...(validationErrors.length > 0 ? { validationErrors: [...validationErrors] } : {}),
    ...(hasResults && input.locationCaFailure !== undefined
      ? { warningsGettingBSLCACert: { warningGettingBSLCACert: caWarningOf(input.locationCaFailure) } }
      : {}),
    ...(hasResults ? structuredResults(backup, input.documents.results) : {}),
    spec: structuredBackupSpec(spec),
    status: structuredStatus(input),
    ...(input.deleteRequests.length > 0 ? { deletionAttempts: structuredDeletionAttempts(input.deleteRequests) } : {}),
  };
}
