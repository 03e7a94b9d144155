// Builders of the Kubernetes objects a plan reads, with only the fields a test cares about. Unit
// tests feed them to the fake API server; integration tests create them in the real one.

/** A namespace. */
export const aNamespace = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

/** Options of {@link aPv}. */
export interface PvOptions {
  readonly claim?: { readonly namespace: string; readonly name: string };
  readonly storageClass?: string;
  readonly capacity?: string;
  /** Default: a CSI source of `csiDriver`. */
  readonly nfs?: { readonly server: string; readonly path: string };
  readonly csiDriver?: string;
}

/** A PV (CSI by default, NFS with `nfs`), optionally pre-bound to a claim. */
export function aPv(name: string, options: PvOptions = {}) {
  const source = options.nfs
    ? { nfs: options.nfs }
    : { csi: { driver: options.csiDriver ?? 'hostpath.csi.ferry.dev', volumeHandle: name } };
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: {
      capacity: { storage: options.capacity ?? '1Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: options.storageClass ?? '',
      ...(options.claim ? { claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', ...options.claim } } : {}),
      ...source,
    },
  };
}

/** Options of {@link aPvc}. */
export interface PvcOptions {
  /** Pre-binds to this PV (and sets phase Bound for the fake server). */
  readonly volumeName?: string;
  readonly storageClass?: string;
  readonly labels?: Record<string, string>;
  readonly capacity?: string;
  readonly phase?: string;
}

/** A PVC; `phase` only matters for the fake server (the real one sets status itself). */
export function aPvc(namespace: string, name: string, options: PvcOptions = {}) {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { namespace, name, ...(options.labels ? { labels: options.labels } : {}) },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: options.capacity ?? '1Gi' } },
      storageClassName: options.storageClass ?? 'standard',
      ...(options.volumeName ? { volumeName: options.volumeName } : {}),
    },
    status: { phase: options.phase ?? (options.volumeName ? 'Bound' : 'Pending') },
  };
}

/** One pod volume: a claim (`claimName`) or an emptyDir. */
export interface PodVolumeSpec {
  readonly name: string;
  readonly claimName?: string;
}

/** A pod with one container mounting every volume; `annotations` carry the legacy opt-in/out. */
export function aPod(
  namespace: string,
  name: string,
  volumes: readonly PodVolumeSpec[],
  options: { annotations?: Record<string, string>; labels?: Record<string, string> } = {},
) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace,
      name,
      ...(options.annotations ? { annotations: options.annotations } : {}),
      ...(options.labels ? { labels: options.labels } : {}),
    },
    spec: {
      containers: [{ name: 'app', image: 'busybox', volumeMounts: volumes.map((v) => ({ name: v.name, mountPath: `/data/${v.name}` })) }],
      volumes: volumes.map((v) =>
        v.claimName ? { name: v.name, persistentVolumeClaim: { claimName: v.claimName } } : { name: v.name, emptyDir: {} },
      ),
    },
  };
}

/** A ConfigMap with the given data (a policy document under one key, or a broken layout). */
export const aConfigMap = (namespace: string, name: string, data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { namespace, name },
  data,
});

/** A velero.io/v1 Backup. */
export const aBackup = (namespace: string, name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'velero.io/v1',
  kind: 'Backup',
  metadata: { namespace, name },
  spec,
});

/** A resource-policies document from `volumePolicies` entries (YAML is a superset of JSON). */
export function policyDocument(...volumePolicies: readonly { conditions?: Record<string, unknown>; action: { type: string } }[]): string {
  return JSON.stringify({ version: 'v1', volumePolicies }, null, 2);
}
