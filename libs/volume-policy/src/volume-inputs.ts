// Minimal structural shapes of the Kubernetes objects the volume rules read. Every field is
// optional and read-only, as in the API's JSON, so objects from @kubernetes/client-node (or plain
// JSON) can be passed as they are; this lib never imports a Kubernetes client. A volume source is
// "present" when its field is set and not null (Go's non-nil pointer).

/** Volume-source fields of a PersistentVolume spec, in Velero's type-detection order. */
export const persistentVolumeSourceKinds = [
  'awsElasticBlockStore',
  'azureDisk',
  'azureFile',
  'cephfs',
  'cinder',
  'csi',
  'fc',
  'flocker',
  'flexVolume',
  'gcePersistentDisk',
  'glusterfs',
  'hostPath',
  'iscsi',
  'local',
  'nfs',
  'photonPersistentDisk',
  'portworxVolume',
  'quobyte',
  'rbd',
  'scaleIO',
  'storageos',
  'vsphereVolume',
] as const;
/** One of {@link persistentVolumeSourceKinds}. */
export type PersistentVolumeSourceKind = (typeof persistentVolumeSourceKinds)[number];

/** Volume-source fields of a pod volume, in Velero's type-detection order (`image` is newest Kubernetes). */
export const podVolumeSourceKinds = [
  'awsElasticBlockStore',
  'azureDisk',
  'azureFile',
  'cephfs',
  'cinder',
  'csi',
  'fc',
  'flocker',
  'flexVolume',
  'gcePersistentDisk',
  'gitRepo',
  'glusterfs',
  'iscsi',
  'nfs',
  'secret',
  'rbd',
  'downwardAPI',
  'configMap',
  'projected',
  'ephemeral',
  'photonPersistentDisk',
  'portworxVolume',
  'quobyte',
  'scaleIO',
  'storageos',
  'vsphereVolume',
  'hostPath',
  'emptyDir',
  'image',
] as const;
/** One of {@link podVolumeSourceKinds}. */
export type PodVolumeSourceKind = (typeof podVolumeSourceKinds)[number];

/** The metadata fields read here. */
export interface ObjectMetaInput {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>> | null;
  readonly annotations?: Readonly<Record<string, string>> | null;
}

/** `nfs` of a PV or pod volume. */
export interface NfsSourceInput {
  readonly server?: string;
  readonly path?: string;
}

/** `csi` of a PV or pod volume. */
export interface CsiSourceInput {
  readonly driver?: string;
  readonly volumeAttributes?: Readonly<Record<string, string>> | null;
}

/** Other sources are only tested for presence. */
type PresenceOnly<K extends string> = { readonly [P in K]?: object | null };

/** A PersistentVolume: capacity, storage class, sources, claimRef. */
export interface PersistentVolumeInput {
  readonly metadata?: ObjectMetaInput;
  readonly spec?: PresenceOnly<Exclude<PersistentVolumeSourceKind, 'nfs' | 'csi'>> & {
    /** `storage` is a Kubernetes quantity; missing (or unparseable) counts as 0. */
    readonly capacity?: Readonly<Record<string, string>> | null;
    readonly storageClassName?: string;
    readonly nfs?: NfsSourceInput | null;
    readonly csi?: CsiSourceInput | null;
    readonly claimRef?: { readonly namespace?: string; readonly name?: string } | null;
  };
}

/** A PersistentVolumeClaim: labels, binding, phase, volume mode, access modes. */
export interface PersistentVolumeClaimInput {
  readonly metadata?: ObjectMetaInput;
  readonly spec?: {
    readonly volumeName?: string;
    /** Not read by any rule (Velero matches the PV's class); kept for callers' display. */
    readonly storageClassName?: string | null;
    readonly volumeMode?: string | null;
    readonly accessModes?: readonly string[] | null;
    /** Not read by any rule; kept for callers' display. */
    readonly resources?: { readonly requests?: Readonly<Record<string, string>> | null } | null;
  };
  readonly status?: { readonly phase?: string };
}

/** One entry of a pod's `spec.volumes`. */
export type PodVolumeInput = PresenceOnly<Exclude<PodVolumeSourceKind, 'nfs' | 'csi'>> & {
  readonly name: string;
  readonly persistentVolumeClaim?: { readonly claimName?: string } | null;
  readonly nfs?: NfsSourceInput | null;
  readonly csi?: CsiSourceInput | null;
};

/** A pod: namespace, annotations (legacy fs-backup opt-in/out) and volumes. */
export interface PodInput {
  readonly metadata?: ObjectMetaInput;
  readonly spec?: { readonly volumes?: readonly PodVolumeInput[] | null };
}

/** One pod volume together with its pod (what the fs-backup rules look at). */
export interface PodVolumeMount {
  readonly pod: PodInput;
  readonly volume: PodVolumeInput;
}

/** `namespace/name` of an object (empty parts stay empty). */
export function objectKey(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}/${name ?? ''}`;
}

/** The claim a pod volume mounts, if it is a PVC volume. */
export function claimNameOf(volume: PodVolumeInput): string | undefined {
  return volume.persistentVolumeClaim ? (volume.persistentVolumeClaim.claimName ?? '') : undefined;
}
