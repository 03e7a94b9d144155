// Pure builders of the CSI snapshot exposure (docs/velero-compatibility.md#csi-snapshot-exposure):
// the static VolumeSnapshotContent and VolumeSnapshot pair that takes over the user's snapshot, the
// backupPVC restored from it, and the backupPod mounting that PVC. No IO; the exposer service
// creates what these return.
import {
  apiVersionOf,
  dataUploadDefinition,
  ExposerPodGroup,
  ExternalLabel,
  SnapshotDeletionPolicy,
  VeleroLabel,
  volumeSnapshotDefinition,
  type DataUpload,
  type VolumeSnapshot,
  type VolumeSnapshotContent,
} from '@ferry/api';
import { built, ExposerProblemCode, failed, type BuildResult } from './build-result';
import {
  controllerRefTo,
  exposerNodeAffinityTerms,
  exposerPodSpec,
  HostnameLabel,
  type ExposerPodTemplate,
  type ExposureOwner,
} from './exposer-pod-template';
import type { NodeSelectorTerm, PersistentVolumeClaim, Pod } from './kube-types';
import { quantityTextIsZero } from '@ferry/kube-values';

/** Resolved backupPVC settings for the source storage class (node-agent ConfigMap `backupPVC`). */
export interface BackupPvcSettings {
  /** Storage class of the backupPVC; absent = the source PVC's class. */
  storageClass?: string;
  readOnly: boolean;
  annotations?: Record<string, string>;
  /** Run the pod as `spc_t` so SELinux does not relabel the volume; only honoured with readOnly. */
  spcNoRelabeling: boolean;
}

/** Everything the backup builders read; all objects already fetched by the caller. */
export interface BackupExposureInput {
  dataUpload: DataUpload;
  sourcePvc: PersistentVolumeClaim;
  /** The user's VolumeSnapshot, ready to use. */
  sourceVs: VolumeSnapshot;
  /** The VolumeSnapshotContent bound to {@link BackupExposureInput.sourceVs}. */
  sourceVsc: VolumeSnapshotContent;
  pvcSettings: BackupPvcSettings;
  /** Ferry's (Velero's) namespace: all intermediate namespaced objects live here. */
  namespace: string;
  podTemplate: ExposerPodTemplate;
  /** Required node terms of the source PV when its class is WaitForFirstConsumer. */
  volumeTopologyTerms?: NodeSelectorTerm[];
}

const snapshotApiVersion = apiVersionOf(volumeSnapshotDefinition);

/** The DU as owner of intermediate objects, or a problem when it lacks name or UID. */
export function dataUploadOwner(du: DataUpload): BuildResult<ExposureOwner> {
  const { name, uid } = du.metadata ?? {};
  if (!name || !uid) {
    return failed(
      ExposerProblemCode.ObjectIdentityMissing,
      'DataUpload has no metadata.name/uid: pass the object as read from the API server',
    );
  }
  return built({ apiVersion: apiVersionOf(dataUploadDefinition), kind: dataUploadDefinition.kind, name, uid });
}

/**
 * Static VolumeSnapshotContent `<du>` over the user's physical snapshot: same snapshotHandle,
 * driver and class, deletionPolicy Delete (cleanup removes the snapshot with it), the CSI
 * managed-by label kept, bound to VolumeSnapshot `<du>` in Ferry's namespace. `backupVsUid` is the
 * UID of the created VS when known. Fails when the source VSC has no handle or driver yet.
 */
export function buildBackupVsc(input: BackupExposureInput, backupVsUid?: string): BuildResult<VolumeSnapshotContent> {
  const name = input.dataUpload.metadata?.name ?? '';
  const source = input.sourceVsc;
  const handle = source.status?.snapshotHandle;
  const vscName = source.metadata?.name ?? '(unnamed)';
  if (!handle) {
    return failed(
      ExposerProblemCode.SnapshotHandleMissing,
      `VolumeSnapshotContent ${vscName} has no status.snapshotHandle: wait until it is ready`,
    );
  }
  if (!source.spec.driver) {
    return failed(ExposerProblemCode.SnapshotDriverMissing, `VolumeSnapshotContent ${vscName} has no spec.driver`);
  }
  const managedBy = source.metadata?.labels?.[ExternalLabel.SnapshotManagedBy];
  return built({
    apiVersion: snapshotApiVersion,
    kind: 'VolumeSnapshotContent',
    metadata: { name, ...(managedBy ? { labels: { [ExternalLabel.SnapshotManagedBy]: managedBy } } : {}) },
    spec: {
      deletionPolicy: SnapshotDeletionPolicy.Delete,
      driver: source.spec.driver,
      source: { snapshotHandle: handle },
      ...(source.spec.volumeSnapshotClassName ? { volumeSnapshotClassName: source.spec.volumeSnapshotClassName } : {}),
      volumeSnapshotRef: {
        apiVersion: snapshotApiVersion,
        kind: 'VolumeSnapshot',
        name,
        namespace: input.namespace,
        ...(backupVsUid ? { uid: backupVsUid } : {}),
      },
    },
  });
}

/**
 * VolumeSnapshot `<du>` in Ferry's namespace, statically bound to VolumeSnapshotContent `<du>`;
 * annotations and snapshot class copied from the user's VS. No owner reference: cleanup deletes it
 * explicitly, so the snapshot outlives a DU deleted mid-way only until cleanup runs.
 */
export function buildBackupVs(input: BackupExposureInput): VolumeSnapshot {
  const name = input.dataUpload.metadata?.name ?? '';
  const { annotations } = input.sourceVs.metadata ?? {};
  const className = input.sourceVs.spec.volumeSnapshotClassName;
  return {
    apiVersion: snapshotApiVersion,
    kind: 'VolumeSnapshot',
    metadata: { name, namespace: input.namespace, ...(annotations ? { annotations: { ...annotations } } : {}) },
    spec: { source: { volumeSnapshotContentName: name }, ...(className ? { volumeSnapshotClassName: className } : {}) },
  };
}

/** Size of the backupPVC: the VS restoreSize when non-zero, else the source PVC's request. */
export function backupVolumeSize(input: BackupExposureInput): BuildResult<string> {
  const restoreSize = input.sourceVs.status?.restoreSize;
  if (restoreSize !== undefined && !quantityTextIsZero(restoreSize)) return built(String(restoreSize));
  const requested = input.sourcePvc.spec?.resources?.requests?.['storage'];
  if (requested) return built(requested);
  return failed(
    ExposerProblemCode.VolumeSizeUnknown,
    `neither VolumeSnapshot ${input.sourceVs.metadata?.name ?? ''} restoreSize nor PVC ${input.sourcePvc.metadata.name ?? ''} storage request is set`,
  );
}

/**
 * backupPVC `<du>`: restored from VolumeSnapshot `<du>`; ReadOnlyMany when readOnly else
 * ReadWriteOnce; configured class or the source's; source volumeMode; configured annotations; no
 * labels; controller owner reference to the DU (garbage-collected with it).
 */
export function buildBackupPvc(input: BackupExposureInput): BuildResult<PersistentVolumeClaim> {
  const owner = dataUploadOwner(input.dataUpload);
  if (!owner.ok) return owner;
  const size = backupVolumeSize(input);
  if (!size.ok) return size;
  const { pvcSettings } = input;
  const storageClassName = pvcSettings.storageClass ?? input.sourcePvc.spec?.storageClassName;
  const volumeMode = input.sourcePvc.spec?.volumeMode;
  const annotations =
    pvcSettings.annotations && Object.keys(pvcSettings.annotations).length > 0 ? { annotations: { ...pvcSettings.annotations } } : {};
  return built({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: owner.value.name, namespace: input.namespace, ...annotations, ownerReferences: [controllerRefTo(owner.value)] },
    spec: {
      accessModes: [pvcSettings.readOnly ? 'ReadOnlyMany' : 'ReadWriteOnce'],
      ...(storageClassName ? { storageClassName } : {}),
      ...(volumeMode ? { volumeMode } : {}),
      dataSource: { apiGroup: volumeSnapshotDefinition.group, kind: 'VolumeSnapshot', name: owner.value.name },
      resources: { requests: { storage: size.value } },
    },
  });
}

/**
 * backupPod `<du>` running `/velero data-mover backup` over the backupPVC: DU and group labels,
 * controller owner reference to the DU, node affinity (loadAffinity × PV topology, never Windows),
 * spread over hostnames, read-only mount when readOnly, SELinux `spc_t` only for spcNoRelabeling
 * with readOnly. The exposer does not wait for it; the node-agent on its node picks it up.
 */
export function buildBackupPod(input: BackupExposureInput): BuildResult<Pod> {
  const owner = dataUploadOwner(input.dataUpload);
  if (!owner.ok) return owner;
  const { name, uid } = owner.value;
  const { podTemplate, pvcSettings } = input;
  const volumeMode = input.sourcePvc.spec?.volumeMode ?? 'Filesystem';
  const spec = exposerPodSpec({
    template: podTemplate,
    ownerUid: uid,
    claimName: name,
    volumeMode,
    readOnly: pvcSettings.readOnly,
    command: ['/velero', 'data-mover', 'backup'],
    args: [
      `--volume-path=/${uid}`,
      `--volume-mode=${volumeMode}`,
      `--data-upload=${name}`,
      `--resource-timeout=${input.dataUpload.spec?.operationTimeout ?? '10m'}`,
    ],
    nodeAffinityTerms: exposerNodeAffinityTerms(podTemplate.nodeAffinityTerms, input.volumeTopologyTerms),
  });
  spec.topologySpreadConstraints = [
    {
      maxSkew: 1,
      topologyKey: HostnameLabel,
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: { [VeleroLabel.ExposerPodGroup]: ExposerPodGroup.SnapshotExposer } },
    },
  ];
  if (pvcSettings.spcNoRelabeling && pvcSettings.readOnly) {
    spec.securityContext = { ...spec.securityContext, seLinuxOptions: { type: 'spc_t' } };
  }
  const labels = { ...podTemplate.labels, [VeleroLabel.DataUpload]: name, [VeleroLabel.ExposerPodGroup]: ExposerPodGroup.SnapshotExposer };
  const annotations =
    podTemplate.annotations && Object.keys(podTemplate.annotations).length > 0 ? { annotations: { ...podTemplate.annotations } } : {};
  return built({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: input.namespace, labels, ...annotations, ownerReferences: [controllerRefTo(owner.value)] },
    spec,
  });
}
