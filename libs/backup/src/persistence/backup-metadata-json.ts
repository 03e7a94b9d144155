// `velero-backup.json`: the Backup object as Velero's PutBackup stores it — Kubernetes' pretty JSON
// serializer (`encode.To(backup, "json")` = json.MarshalIndent with two spaces, no trailing
// newline) over the Go types: `kind` before `apiVersion`, ObjectMeta, BackupSpec and BackupStatus
// fields in their Go declaration order, Go's omitempty rules (struct-valued fields such as
// `spec.metadata`, `spec.hooks`, the durations and `status` are always written).
import type { Backup, BackupSpec, BackupStatus, LabelSelector } from '@ferry/api';
import { encodeGoJson, goMap, type GoJsonValue } from '../encoding/go-json';
import { indentGoJson } from './go-json-indent';

type Json = GoJsonValue;

const list = <T>(items: readonly T[] | null | undefined, each: (item: T) => Json = (item) => item as Json): Json =>
  items && items.length > 0 ? items.map(each) : undefined;
const map = (entries: Readonly<Record<string, string>> | null | undefined): Json =>
  entries && Object.keys(entries).length > 0 ? goMap(entries) : undefined;
const text = (value: string | null | undefined): Json => (value ? value : undefined);
const count = (value: number | null | undefined): Json => (value ? value : undefined);
const flag = (value: boolean | null | undefined): Json => (value === null || value === undefined ? undefined : value);
/** metav1.Duration: a struct, never omitted; the zero duration is `0s`. */
const duration = (value: string | undefined): Json => value ?? '0s';

function selector(value: LabelSelector | null | undefined): Json {
  if (!value) return undefined;
  return {
    matchLabels: map(value.matchLabels),
    matchExpressions: list(value.matchExpressions, (e) => ({ key: e.key, operator: e.operator, values: list(e.values) })),
  };
}

/** Any JSON the API server gave (managedFields' fieldsV1, owner references): kept in its key order. */
function passThrough(value: unknown): Json {
  if (value === null || typeof value !== 'object') return value as Json;
  if (Array.isArray(value)) return value.map(passThrough);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, passThrough(item)]));
}

function objectMeta(meta: Backup['metadata']): Json {
  const loose = meta as Record<string, unknown>;
  const managed = loose['managedFields'] as readonly Record<string, unknown>[] | undefined;
  return {
    name: text(meta.name),
    generateName: text(meta.generateName),
    namespace: text(meta.namespace),
    selfLink: text(loose['selfLink'] as string | undefined),
    uid: text(meta.uid),
    resourceVersion: text(meta.resourceVersion),
    generation: count(meta.generation),
    creationTimestamp: meta.creationTimestamp ?? null,
    deletionTimestamp: meta.deletionTimestamp ?? undefined,
    deletionGracePeriodSeconds: loose['deletionGracePeriodSeconds'] as Json,
    labels: map(meta.labels),
    annotations: map(meta.annotations),
    ownerReferences: list(meta.ownerReferences, (ref) => {
      const owner = ref as Record<string, unknown>;
      return {
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        name: ref.name,
        uid: ref.uid,
        controller: owner['controller'] as Json,
        blockOwnerDeletion: owner['blockOwnerDeletion'] as Json,
      };
    }),
    finalizers: list(meta.finalizers),
    managedFields: list(managed, (entry) => ({
      manager: text(entry['manager'] as string),
      operation: text(entry['operation'] as string),
      apiVersion: text(entry['apiVersion'] as string),
      time: entry['time'] as Json,
      fieldsType: text(entry['fieldsType'] as string),
      fieldsV1: passThrough(entry['fieldsV1']),
      subresource: text(entry['subresource'] as string),
    })),
  };
}

function hooks(spec: BackupSpec): Json {
  return {
    resources: list(spec.hooks?.resources, (resource) => {
      const exec = (hook: { exec: { container?: string; command: string[]; onError?: string; timeout?: string } }): Json => ({
        exec: {
          container: text(hook.exec.container),
          command: hook.exec.command,
          onError: text(hook.exec.onError),
          timeout: duration(hook.exec.timeout),
        },
      });
      return {
        name: resource.name,
        includedNamespaces: list(resource.includedNamespaces),
        excludedNamespaces: list(resource.excludedNamespaces),
        includedResources: list(resource.includedResources),
        excludedResources: list(resource.excludedResources),
        labelSelector: selector(resource.labelSelector),
        pre: list(resource.pre, exec),
        post: list(resource.post, exec),
      };
    }),
  };
}

function backupSpec(spec: BackupSpec): Json {
  return {
    metadata: { labels: map(spec.metadata?.labels), annotations: map(spec.metadata?.annotations) },
    includedNamespaces: list(spec.includedNamespaces),
    excludedNamespaces: list(spec.excludedNamespaces),
    includedResources: list(spec.includedResources),
    excludedResources: list(spec.excludedResources),
    includedClusterScopedResources: list(spec.includedClusterScopedResources),
    excludedClusterScopedResources: list(spec.excludedClusterScopedResources),
    includedNamespaceScopedResources: list(spec.includedNamespaceScopedResources),
    excludedNamespaceScopedResources: list(spec.excludedNamespaceScopedResources),
    labelSelector: selector(spec.labelSelector),
    orLabelSelectors: list(spec.orLabelSelectors, selector),
    snapshotVolumes: flag(spec.snapshotVolumes),
    ttl: duration(spec.ttl),
    volumeGroupSnapshotLabelKey: text(spec.volumeGroupSnapshotLabelKey),
    includeClusterResources: flag(spec.includeClusterResources),
    hooks: hooks(spec),
    storageLocation: text(spec.storageLocation),
    volumeSnapshotLocations: list(spec.volumeSnapshotLocations),
    defaultVolumesToRestic: flag(spec.defaultVolumesToRestic),
    defaultVolumesToFsBackup: flag(spec.defaultVolumesToFsBackup),
    orderedResources: map(spec.orderedResources),
    csiSnapshotTimeout: duration(spec.csiSnapshotTimeout),
    itemOperationTimeout: duration(spec.itemOperationTimeout),
    // TypedLocalObjectReference.apiGroup has no omitempty: a nil pointer is written as null.
    resourcePolicy: spec.resourcePolicy
      ? { apiGroup: spec.resourcePolicy.apiGroup ?? null, kind: spec.resourcePolicy.kind, name: spec.resourcePolicy.name }
      : undefined,
    snapshotMoveData: flag(spec.snapshotMoveData),
    datamover: text(spec.datamover),
    uploaderConfig: spec.uploaderConfig ? { parallelFilesUpload: count(spec.uploaderConfig.parallelFilesUpload) } : undefined,
    backupType: text(spec.backupType),
  };
}

function backupStatus(status: BackupStatus): Json {
  const progress = status.progress;
  const hookStatus = status.hookStatus;
  return {
    version: count(status.version),
    formatVersion: text(status.formatVersion),
    expiration: status.expiration ?? undefined,
    phase: text(status.phase),
    queuePosition: count(status.queuePosition),
    validationErrors: list(status.validationErrors),
    startTimestamp: status.startTimestamp ?? undefined,
    completionTimestamp: status.completionTimestamp ?? undefined,
    volumeSnapshotsAttempted: count(status.volumeSnapshotsAttempted),
    volumeSnapshotsCompleted: count(status.volumeSnapshotsCompleted),
    failureReason: text(status.failureReason),
    warnings: count(status.warnings),
    errors: count(status.errors),
    progress: progress ? { totalItems: count(progress.totalItems), itemsBackedUp: count(progress.itemsBackedUp) } : undefined,
    csiVolumeSnapshotsAttempted: count(status.csiVolumeSnapshotsAttempted),
    csiVolumeSnapshotsCompleted: count(status.csiVolumeSnapshotsCompleted),
    backupItemOperationsAttempted: count(status.backupItemOperationsAttempted),
    backupItemOperationsCompleted: count(status.backupItemOperationsCompleted),
    backupItemOperationsFailed: count(status.backupItemOperationsFailed),
    hookStatus: hookStatus ? { hooksAttempted: count(hookStatus.hooksAttempted), hooksFailed: count(hookStatus.hooksFailed) } : undefined,
  };
}

/**
 * The text of `velero-backup.json` for `backup` (its metadata as the API server returned it, the
 * prepared spec, the final status), as Velero's PutBackup writes it. Pure.
 */
export function encodeBackupMetadata(backup: Backup): string {
  const document: Json = {
    kind: 'Backup',
    apiVersion: 'velero.io/v1',
    metadata: objectMeta(backup.metadata),
    spec: backupSpec(backup.spec ?? {}),
    status: backupStatus(backup.status ?? {}),
  };
  return indentGoJson(encodeGoJson(document));
}
