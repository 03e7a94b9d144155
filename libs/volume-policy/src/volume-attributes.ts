// The attributes a volume policy matches on, extracted from what the caller has: a PV (plus its
// PVC), a pod volume (plus its PVC), or a PVC alone. Mirrors Velero's structuredVolume.
import { parseQuantity, zeroQuantity, type Quantity } from '@ferry/kube-values';
import {
  persistentVolumeSourceKinds,
  podVolumeSourceKinds,
  type CsiSourceInput,
  type NfsSourceInput,
  type PersistentVolumeClaimInput,
  type PersistentVolumeInput,
  type PodVolumeInput,
} from './volume-inputs';

/** Values of the `volumeTypes` condition that Velero knows ([newest] `image`). */
export const SupportedVolumeType = {
  AwsAzureDisk: 'awsAzureDisk',
  AwsElasticBlockStore: 'awsElasticBlockStore',
  AzureDisk: 'azureDisk',
  AzureFile: 'azureFile',
  Cinder: 'cinder',
  CephFS: 'cephfs',
  ConfigMap: 'configMap',
  Csi: 'csi',
  DownwardApi: 'downwardAPI',
  EmptyDir: 'emptyDir',
  Ephemeral: 'ephemeral',
  Fc: 'fc',
  Flocker: 'flocker',
  FlexVolume: 'flexVolume',
  GitRepo: 'gitRepo',
  Glusterfs: 'glusterfs',
  GcePersistentDisk: 'gcePersistentDisk',
  HostPath: 'hostPath',
  Iscsi: 'iscsi',
  Local: 'local',
  Nfs: 'nfs',
  PhotonPersistentDisk: 'photonPersistentDisk',
  PortworxVolume: 'portworxVolume',
  Projected: 'projected',
  Quobyte: 'quobyte',
  Rbd: 'rbd',
  ScaleIO: 'scaleIO',
  Secret: 'secret',
  StorageOS: 'storageOS',
  VsphereVolume: 'vsphereVolume',
  Image: 'image',
} as const;
/** One of {@link SupportedVolumeType}. Any other string is accepted in a policy and never matches. */
export type SupportedVolumeType = (typeof SupportedVolumeType)[keyof typeof SupportedVolumeType];

/** What a policy's conditions are evaluated against. */
export interface VolumeAttributes {
  /** PV `spec.capacity.storage`; 0 for pod volumes, PVC-only input and PVs without it. */
  readonly capacity: Quantity;
  /** PV `spec.storageClassName`; `""` for pod volumes and PVC-only input. */
  readonly storageClass: string;
  readonly nfs?: { readonly server: string; readonly path: string };
  readonly csi?: { readonly driver: string; readonly volumeAttributes: Readonly<Record<string, string>> };
  /** First present source in Velero's order, or `""` (e.g. a pod volume that is a PVC). */
  readonly volumeType: string;
  /** PVC labels, only when the PVC has at least one. */
  readonly pvcLabels?: Readonly<Record<string, string>>;
  /** PVC `status.phase`, `""` without a PVC. */
  readonly pvcPhase: string;
  /** PVC `spec.volumeMode`, `""` when unset or without a PVC. */
  readonly pvcVolumeMode: string;
  /** PVC `spec.accessModes`, empty without a PVC. */
  readonly pvcAccessModes: readonly string[];
}

/**
 * The volume data a policy is matched against (Velero's VolumeFilterData). A PV wins over a pod
 * volume; the PVC is optional except in the PVC-only form (e.g. an unbound claim).
 */
export type VolumeFilterData =
  | { readonly kind: 'pv'; readonly pv: PersistentVolumeInput; readonly pvc?: PersistentVolumeClaimInput }
  | { readonly kind: 'pod-volume'; readonly podVolume: PodVolumeInput; readonly pvc?: PersistentVolumeClaimInput }
  | { readonly kind: 'pvc'; readonly pvc: PersistentVolumeClaimInput };

const present = (value: unknown): boolean => value !== undefined && value !== null;
/** JSON field name → Velero volume type (only `storageos` is spelled differently). */
const typeName = (field: string): string => (field === 'storageos' ? SupportedVolumeType.StorageOS : field);

/** Extracts the matchable attributes. Pure. */
export function volumeAttributesOf(data: VolumeFilterData): VolumeAttributes {
  const base = data.kind === 'pv' ? fromPv(data.pv) : data.kind === 'pod-volume' ? fromPodVolume(data.podVolume) : empty();
  return { ...base, ...fromPvc(data.pvc) };
}

type SourceAttributes = Pick<VolumeAttributes, 'capacity' | 'storageClass' | 'nfs' | 'csi' | 'volumeType'>;

function empty(): SourceAttributes {
  return { capacity: zeroQuantity, storageClass: '', volumeType: '' };
}

function fromPv(pv: PersistentVolumeInput): SourceAttributes {
  const spec = pv.spec ?? {};
  const storage = spec.capacity?.['storage'];
  const parsed = storage === undefined ? undefined : parseQuantity(storage);
  const sources: Readonly<Record<string, unknown>> = spec;
  return {
    capacity: parsed?.ok ? parsed.quantity : zeroQuantity,
    storageClass: spec.storageClassName ?? '',
    ...sourceAttributes(spec.nfs, spec.csi),
    volumeType: typeName(persistentVolumeSourceKinds.find((kind) => present(sources[kind])) ?? ''),
  };
}

function fromPodVolume(volume: PodVolumeInput): SourceAttributes {
  const sources: Readonly<Record<string, unknown>> = volume;
  return {
    capacity: zeroQuantity,
    storageClass: '',
    ...sourceAttributes(volume.nfs, volume.csi),
    volumeType: typeName(podVolumeSourceKinds.find((kind) => present(sources[kind])) ?? ''),
  };
}

function sourceAttributes(
  nfs: NfsSourceInput | null | undefined,
  csi: CsiSourceInput | null | undefined,
): Pick<VolumeAttributes, 'nfs' | 'csi'> {
  return {
    ...(nfs ? { nfs: { server: nfs.server ?? '', path: nfs.path ?? '' } } : {}),
    ...(csi ? { csi: { driver: csi.driver ?? '', volumeAttributes: csi.volumeAttributes ?? {} } } : {}),
  };
}

function fromPvc(pvc: PersistentVolumeClaimInput | undefined): Omit<VolumeAttributes, keyof SourceAttributes> {
  const labels = pvc?.metadata?.labels;
  return {
    ...(labels && Object.keys(labels).length > 0 ? { pvcLabels: labels } : {}),
    pvcPhase: pvc?.status?.phase ?? '',
    pvcVolumeMode: pvc?.spec?.volumeMode ?? '',
    pvcAccessModes: pvc?.spec?.accessModes ?? [],
  };
}
