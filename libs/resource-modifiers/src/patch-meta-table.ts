// The strategic-merge metadata of the kinds Velero's server scheme registers (pkg/cmd/server/
// server.go: velero.io v1 and v2alpha1, core v1, snapshot.storage.k8s.io v1,
// groupsnapshot.storage.k8s.io v1beta2, batch v1, apps v1) — the `patchStrategy` /
// `patchMergeKey` struct tags of k8s.io/api and apimachinery's ObjectMeta, and the struct fields
// that lead to them. Fields not listed here have no tags: objects merge key by key and lists are
// replaced whole. Other kinds (CRDs, networking, rbac…) are not in Velero's scheme: a strategic
// patch on them fails there, and here.

/** A field's tags and, for a struct or list-of-struct field with tagged fields inside, its type. */
export interface FieldMeta {
  /** `patchStrategy`, split at commas (`merge`, `retainKeys`, `replace`). */
  readonly strategies?: readonly string[];
  readonly mergeKey?: string;
  /** Name of the field's struct type (of its elements for a list) in {@link structTable}. */
  readonly type?: string;
}

const merge = (mergeKey?: string, type?: string): FieldMeta => ({
  strategies: ['merge'],
  ...(mergeKey ? { mergeKey } : {}),
  ...(type ? { type } : {}),
});
const struct = (type: string): FieldMeta => ({ type });

const containerLists: Readonly<Record<string, FieldMeta>> = {
  ports: merge('containerPort'),
  env: merge('name'),
  volumeMounts: merge('mountPath'),
  volumeDevices: merge('devicePath'),
};

const templated = (status: string) => ({ metadata: struct('ObjectMeta'), spec: struct('TemplatedSpec'), status: struct(status) });

/** Struct types with tagged fields below them, by Go type name. */
export const structTable: Readonly<Record<string, Readonly<Record<string, FieldMeta>>>> = {
  ObjectMeta: { ownerReferences: merge('uid'), finalizers: merge() },
  PodTemplateSpec: { metadata: struct('ObjectMeta'), spec: struct('PodSpec') },
  TemplatedSpec: { template: struct('PodTemplateSpec') },
  JobTemplateSpec: { metadata: struct('ObjectMeta'), spec: struct('TemplatedSpec') },
  CronJobSpec: { jobTemplate: struct('JobTemplateSpec') },
  PodSpec: {
    volumes: { strategies: ['merge', 'retainKeys'], mergeKey: 'name' },
    initContainers: merge('name', 'Container'),
    containers: merge('name', 'Container'),
    ephemeralContainers: merge('name', 'Container'),
    imagePullSecrets: merge('name'),
    hostAliases: merge('ip'),
    topologySpreadConstraints: merge('topologyKey'),
    schedulingGates: merge('name'),
    resourceClaims: { strategies: ['merge', 'retainKeys'], mergeKey: 'name' },
  },
  Container: containerLists,
  PodStatus: {
    conditions: merge('type'),
    hostIPs: merge('ip'),
    podIPs: merge('ip'),
    resourceClaimStatuses: { strategies: ['merge', 'retainKeys'], mergeKey: 'name' },
  },
  ConditionsStatus: { conditions: merge('type') },
  ServiceSpec: { ports: merge('port') },
  NodeSpec: { podCIDRs: merge() },
  NodeStatus: { conditions: merge('type'), addresses: merge('type') },
  DeploymentSpec: { template: struct('PodTemplateSpec'), strategy: { strategies: ['retainKeys'] } },
  Pod: { metadata: struct('ObjectMeta'), spec: struct('PodSpec'), status: struct('PodStatus') },
  PodTemplate: { metadata: struct('ObjectMeta'), template: struct('PodTemplateSpec') },
  ReplicationController: templated('ConditionsStatus'),
  Service: { metadata: struct('ObjectMeta'), spec: struct('ServiceSpec'), status: struct('ConditionsStatus') },
  ServiceAccount: { metadata: struct('ObjectMeta'), secrets: merge('name') },
  Node: { metadata: struct('ObjectMeta'), spec: struct('NodeSpec'), status: struct('NodeStatus') },
  Namespace: { metadata: struct('ObjectMeta'), status: struct('ConditionsStatus') },
  PersistentVolumeClaim: { metadata: struct('ObjectMeta'), status: struct('ConditionsStatus') },
  ComponentStatus: { metadata: struct('ObjectMeta'), conditions: merge('type') },
  Deployment: { metadata: struct('ObjectMeta'), spec: struct('DeploymentSpec'), status: struct('ConditionsStatus') },
  StatefulSet: templated('ConditionsStatus'),
  DaemonSet: templated('ConditionsStatus'),
  ReplicaSet: templated('ConditionsStatus'),
  Job: templated('ConditionsStatus'),
  CronJob: { metadata: struct('ObjectMeta'), spec: struct('CronJobSpec') },
  Metadata: { metadata: struct('ObjectMeta') },
};

/** Kinds registered in Velero's server scheme, by apiVersion. */
export const registeredKinds: Readonly<Record<string, readonly string[]>> = {
  v1: [
    'Binding',
    'ComponentStatus',
    'ConfigMap',
    'Endpoints',
    'Event',
    'LimitRange',
    'Namespace',
    'Node',
    'PersistentVolume',
    'PersistentVolumeClaim',
    'Pod',
    'PodTemplate',
    'RangeAllocation',
    'ReplicationController',
    'ResourceQuota',
    'Secret',
    'Service',
    'ServiceAccount',
  ],
  'apps/v1': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'batch/v1': ['CronJob', 'Job'],
  'snapshot.storage.k8s.io/v1': ['VolumeSnapshot', 'VolumeSnapshotClass', 'VolumeSnapshotContent'],
  'groupsnapshot.storage.k8s.io/v1beta2': ['VolumeGroupSnapshot', 'VolumeGroupSnapshotClass', 'VolumeGroupSnapshotContent'],
  'velero.io/v1': [
    'Backup',
    'BackupRepository',
    'BackupStorageLocation',
    'DeleteBackupRequest',
    'DownloadRequest',
    'PodVolumeBackup',
    'PodVolumeRestore',
    'Restore',
    'Schedule',
    'ServerStatusRequest',
    'VolumeSnapshotLocation',
  ],
  'velero.io/v2alpha1': ['DataDownload', 'DataUpload'],
};

/** The root struct of a registered kind: its own entry, or just ObjectMeta under `metadata`. */
export function rootStructOf(kind: string): string {
  return structTable[kind] === undefined ? 'Metadata' : kind;
}

/** A field's patch metadata as apimachinery's PatchMeta carries it. */
export interface PatchMeta {
  readonly strategies: readonly string[];
  readonly mergeKey: string;
}

/** apimachinery's LookupPatchMeta over {@link structTable}; unlisted fields have no tags. */
export interface PatchSchema {
  lookupStruct(key: string): { readonly schema: PatchSchema; readonly meta: PatchMeta };
  lookupSlice(key: string): { readonly schema: PatchSchema; readonly meta: PatchMeta };
  /** Kind of the Go type, for "cannot merge lists without merge key for <name>". */
  name(): string;
}

/** The schema of a struct type of {@link structTable} (an unknown name has no tagged fields). */
export function schemaOf(typeName: string | undefined): PatchSchema {
  const fields = typeName === undefined ? undefined : structTable[typeName];
  const lookup = (key: string) => {
    const field = fields?.[key];
    return { schema: schemaOf(field?.type), meta: { strategies: field?.strategies ?? [], mergeKey: field?.mergeKey ?? '' } };
  };
  return { lookupStruct: lookup, lookupSlice: lookup, name: () => 'struct' };
}
