// Pure builders of the generic restore exposure
// (docs/velero-compatibility.md#generic-restore-exposure): restorePVC `<dd>` shaped like the target
// PVC, restorePod `<dd>` writing into it, and the plan that hands the restored PV over to the
// target PVC. No IO.
import { apiVersionOf, dataDownloadDefinition, ExposerPodGroup, VeleroAnnotation, VeleroLabel, type DataDownload } from '@ferry/api';
import { built, ExposerProblemCode, failed, type BuildResult } from './build-result';
import {
  controllerRefTo,
  exposerNodeAffinityTerms,
  exposerPodSpec,
  HostnameLabel,
  type ExposerPodTemplate,
  type ExposureOwner,
} from './exposer-pod-template';
import { ExposureObjectKind, type ExposureStep } from './exposure-steps';
import type { PersistentVolumeClaim, Pod, ResourceRequirements } from './kube-types';

/** Everything the restore builders read; all objects already fetched by the caller. */
export interface RestoreExposureInput {
  dataDownload: DataDownload;
  /** The user's PVC the data is for (still unbound). */
  targetPvc: PersistentVolumeClaim;
  /** Ferry's namespace. */
  namespace: string;
  podTemplate: ExposerPodTemplate;
  /**
   * Node the scheduler chose for a WaitForFirstConsumer target (its `selected-node` annotation),
   * absent for Immediate classes or with ignoreDelayBinding.
   */
  selectedNode?: string;
}

/** The DD as owner of intermediate objects, or a problem when it lacks name or UID. */
export function dataDownloadOwner(dd: DataDownload): BuildResult<ExposureOwner> {
  const { name, uid } = dd.metadata ?? {};
  if (!name || !uid) {
    return failed(
      ExposerProblemCode.ObjectIdentityMissing,
      'DataDownload has no metadata.name/uid: pass the object as read from the API server',
    );
  }
  return built({ apiVersion: apiVersionOf(dataDownloadDefinition), kind: dataDownloadDefinition.kind, name, uid });
}

/**
 * restorePVC `<dd>` in Ferry's namespace: the target's access modes, class, volume mode,
 * resources, labels and annotations (selected-node set to the chosen node so the volume is
 * provisioned where the target's consumer runs); controller owner reference to the DD.
 */
export function buildRestorePvc(input: RestoreExposureInput): BuildResult<PersistentVolumeClaim> {
  const owner = dataDownloadOwner(input.dataDownload);
  if (!owner.ok) return owner;
  const { metadata, spec = {} } = input.targetPvc;
  const annotations = {
    ...metadata.annotations,
    ...(input.selectedNode ? { [VeleroAnnotation.SelectedNode]: input.selectedNode } : {}),
  };
  return built({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: owner.value.name,
      namespace: input.namespace,
      ...(metadata.labels ? { labels: { ...metadata.labels } } : {}),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      ownerReferences: [controllerRefTo(owner.value)],
    },
    spec: {
      ...(spec.accessModes ? { accessModes: [...spec.accessModes] } : {}),
      ...(spec.storageClassName ? { storageClassName: spec.storageClassName } : {}),
      ...(spec.volumeMode ? { volumeMode: spec.volumeMode } : {}),
      ...(spec.resources ? { resources: copyResources(spec.resources) } : {}),
    },
  });
}

function copyResources(r: ResourceRequirements): ResourceRequirements {
  return { ...(r.requests ? { requests: { ...r.requests } } : {}), ...(r.limits ? { limits: { ...r.limits } } : {}) };
}

/**
 * restorePod `<dd>` running `/velero data-mover restore` into the restorePVC (read-write): group
 * `generic-restore-exposer`, controller owner reference to the DD, nodeSelector hostname = the
 * selected node for WaitForFirstConsumer targets, loadAffinity terms, never Windows.
 */
export function buildRestorePod(input: RestoreExposureInput): BuildResult<Pod> {
  const owner = dataDownloadOwner(input.dataDownload);
  if (!owner.ok) return owner;
  const { name, uid } = owner.value;
  const { podTemplate } = input;
  const volumeMode = input.targetPvc.spec?.volumeMode ?? 'Filesystem';
  const spec = exposerPodSpec({
    template: podTemplate,
    ownerUid: uid,
    claimName: name,
    volumeMode,
    readOnly: false,
    command: ['/velero', 'data-mover', 'restore'],
    args: [
      `--volume-path=/${uid}`,
      `--volume-mode=${volumeMode}`,
      `--data-download=${name}`,
      `--resource-timeout=${input.dataDownload.spec?.operationTimeout ?? '10m'}`,
    ],
    nodeAffinityTerms: exposerNodeAffinityTerms(podTemplate.nodeAffinityTerms),
  });
  if (input.selectedNode) spec.nodeSelector = { [HostnameLabel]: input.selectedNode };
  const labels = { ...podTemplate.labels, [VeleroLabel.ExposerPodGroup]: ExposerPodGroup.GenericRestoreExposer };
  const annotations =
    podTemplate.annotations && Object.keys(podTemplate.annotations).length > 0 ? { annotations: { ...podTemplate.annotations } } : {};
  return built({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: input.namespace, labels, ...annotations, ownerReferences: [controllerRefTo(owner.value)] },
    spec,
  });
}

/** Inputs of {@link planVolumeHandover}. */
export interface VolumeHandoverInput {
  /** DD name: name of restorePod and restorePVC. */
  dataDownloadName: string;
  namespace: string;
  /** The PV the restorePVC is bound to, holding the restored data. */
  volumeName: string;
  /** Reclaim policy the PV had before the handover (restored at the end). */
  originalReclaimPolicy: string;
  targetPvc: { name: string; namespace: string };
}

/**
 * Hand the restored PV over to the target PVC: Retain first (deleting restorePVC must not delete
 * the data), delete restorePod and restorePVC, point the target PVC and the PV's claimRef at each
 * other, wait until the target is Bound, then restore the original reclaim policy.
 */
export function planVolumeHandover(input: VolumeHandoverInput): ExposureStep[] {
  const pv = { kind: ExposureObjectKind.PersistentVolume, name: input.volumeName };
  const target = { kind: ExposureObjectKind.PersistentVolumeClaim, ...input.targetPvc };
  const own = { name: input.dataDownloadName, namespace: input.namespace };
  return [
    { action: 'setReclaimPolicy', target: pv, policy: 'Retain' },
    { action: 'delete', target: { kind: ExposureObjectKind.Pod, ...own }, waitUntilGone: true },
    { action: 'delete', target: { kind: ExposureObjectKind.PersistentVolumeClaim, ...own }, waitUntilGone: true },
    { action: 'bindClaimToVolume', target, volumeName: input.volumeName },
    { action: 'resetVolumeClaimRef', target: pv, claim: input.targetPvc },
    { action: 'waitClaimBound', target },
    { action: 'setReclaimPolicy', target: pv, policy: input.originalReclaimPolicy },
  ];
}
