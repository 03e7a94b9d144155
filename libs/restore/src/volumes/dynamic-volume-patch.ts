// Velero's restore finalizer step `patchDynamicPVWithVolumeInfo` (pkg/controller/
// restore_finalizer_controller.go): a volume the restore re-provisioned dynamically (its data came
// back through a pod volume restore, a CSI snapshot or a data mover) gets the backed-up PV's reclaim
// policy and labels (`pvInfo` of the backup's volume info) once its claim is bound. Pure.
import type { BackupVolumeInfo } from '@ferry/api';
import { asObject, mappedNamespace, nestedValue, type ItemJson } from '../items/item-json';
import type { RestoredClaimRef } from '../volume-info/restored-claim-list';
import { csiPvcRestorerName, type RestoreOperation } from './restore-item-operations';

/** A restored claim whose new PV takes the backed-up PV's reclaim policy and labels. */
export interface DynamicVolumeTarget {
  readonly claimNamespace: string;
  readonly claimName: string;
  /** The backed-up PV's name (for messages). */
  readonly backedUpVolume: string;
  readonly reclaimPolicy: string;
  readonly labels: Readonly<Record<string, string>> | undefined;
}

/**
 * The targets: volume info entries backed up by pod volume backup or CSI snapshot with `pvInfo`,
 * whose claim (namespace mapped) the restore created. Pure.
 */
export function dynamicVolumeTargets(
  volumeInfos: readonly BackupVolumeInfo[],
  namespaceMapping: Readonly<Record<string, string>>,
  restoredClaims: readonly RestoredClaimRef[],
): DynamicVolumeTarget[] {
  const restored = new Set(restoredClaims.map((claim) => `${claim.namespace}/${claim.name}`));
  return volumeInfos.flatMap((info) => {
    if ((info.backupMethod !== 'PodVolumeBackup' && info.backupMethod !== 'CSISnapshot') || !info.pvInfo) return [];
    const namespace = mappedNamespace(namespaceMapping, info.pvcNamespace ?? '') ?? info.pvcNamespace ?? '';
    if (!restored.has(`${namespace}/${info.pvcName ?? ''}`)) return [];
    return [
      {
        claimNamespace: namespace,
        claimName: info.pvcName ?? '',
        backedUpVolume: info.pvName ?? '',
        reclaimPolicy: info.pvInfo.reclaimPolicy ?? '',
        labels: info.pvInfo.labels ?? undefined,
      },
    ];
  });
}

/**
 * The phases of the operations that populate the target's claim, as Velero's `SelectByPVC` and its
 * check of the CSI PVC restorer select them: operations of that action on the core
 * `persistentvolumeclaims` resource with the claim's namespace and name, in order. Pure.
 */
export function claimOperationPhases(operations: readonly RestoreOperation[], target: DynamicVolumeTarget): string[] {
  return operations
    .filter(({ spec }) => {
      const { Group, Resource, Namespace, Name } = spec.resourceIdentifier;
      return (
        spec.restoreItemAction === csiPvcRestorerName &&
        Group === '' &&
        Resource === 'persistentvolumeclaims' &&
        Namespace === target.claimNamespace &&
        Name === target.claimName
      );
    })
    .map((operation) => operation.status.phase ?? '');
}

/** What one look at a target's claim and volume comes to. */
export type DynamicVolumeCheck =
  /** Not bound yet: look again; `reason` says what is missing (for the restore's waiting report). */
  | { readonly kind: 'wait'; readonly reason: string }
  /** Nothing (more) to do; `skipped` says why when the patch is left out. */
  | { readonly kind: 'done'; readonly skipped?: string }
  /** A JSON merge patch of the PV. */
  | { readonly kind: 'patch'; readonly volumeName: string; readonly patch: ItemJson }
  | { readonly kind: 'error'; readonly message: string };

/** What the finalizer read for a target. */
export interface DynamicVolumeState {
  /** The restored claim; undefined while it is not found. */
  readonly claim?: ItemJson | undefined;
  /** Its bound PV; undefined while it is not found. */
  readonly volume?: ItemJson | undefined;
  /** Phases of the claim's data mover operations ({@link claimOperationPhases}). */
  readonly operationPhases: readonly string[];
  /** Whether the claim's storage class binds on first consumer. */
  readonly waitsForFirstConsumer: boolean;
}

const stringMap = (value: unknown): Record<string, string> => (asObject(value) ?? {}) as Record<string, string>;

/** Velero's `needPatch`: the reclaim policy differs or a backed-up label is missing or different. Pure. */
export function needsVolumePatch(volume: ItemJson, target: DynamicVolumeTarget): boolean {
  if (nestedValue(volume, 'spec', 'persistentVolumeReclaimPolicy') !== target.reclaimPolicy) return true;
  const labels = stringMap(nestedValue(volume, 'metadata', 'labels'));
  return Object.entries(target.labels ?? {}).some(([key, value]) => labels[key] !== value);
}

/** The merge patch that makes the PV's labels exactly the backed-up ones and sets its reclaim policy. Pure. */
export function volumePatchFor(volume: ItemJson, target: DynamicVolumeTarget): ItemJson {
  const current = stringMap(nestedValue(volume, 'metadata', 'labels'));
  const wanted = target.labels ?? {};
  const labels: Record<string, string | null> = { ...wanted };
  for (const key of Object.keys(current)) if (!(key in wanted)) labels[key] = null;
  return { metadata: { labels }, spec: { persistentVolumeReclaimPolicy: target.reclaimPolicy } };
}

/** `VolumeSnapshot <name>`: the claim's data source, when it has one. */
function dataSourceOf(claim: ItemJson): string | undefined {
  const source = asObject(nestedValue(claim, 'spec', 'dataSourceRef')) ?? asObject(nestedValue(claim, 'spec', 'dataSource'));
  return source ? `${String(source['kind'])} ${String(source['name'])}` : undefined;
}

/** Why a claim that is not bound yet keeps the step waiting: its phase, and its data source when it has one. Pure. */
function claimWaitReason(claim: ItemJson): string {
  const phase = nestedValue(claim, 'status', 'phase');
  const source = dataSourceOf(claim);
  return `claim ${typeof phase === 'string' && phase !== '' ? phase : 'Pending'}${source ? ` (data source ${source})` : ''}, no PV bound yet`;
}

/** Why the claim's PV keeps the step waiting. Pure. */
function volumeWaitReason(volumeName: string, volume: ItemJson | undefined): string {
  if (!volume) return `PV ${volumeName} not found yet`;
  const phase = nestedValue(volume, 'status', 'phase');
  return `PV ${volumeName} ${typeof phase === 'string' && phase !== '' ? phase : 'Pending'}, not Bound yet`;
}

/** One step of Velero's poll for a target. Pure. */
export function checkDynamicVolume(target: DynamicVolumeTarget, state: DynamicVolumeState): DynamicVolumeCheck {
  if (!state.claim) return { kind: 'wait', reason: 'claim not created yet' };
  const unfinished = state.operationPhases.find((phase) => phase !== 'Completed');
  if (unfinished !== undefined) return { kind: 'done', skipped: `the operation to restore the PVC is not completed (phase ${unfinished})` };
  const phase = nestedValue(state.claim, 'status', 'phase');
  if (phase === 'Pending' && state.waitsForFirstConsumer)
    return { kind: 'done', skipped: 'its StorageClass binds on first consumer and the PVC is pending' };
  const volumeName = nestedValue(state.claim, 'spec', 'volumeName');
  if (phase !== 'Bound' || typeof volumeName !== 'string' || volumeName === '')
    return { kind: 'wait', reason: claimWaitReason(state.claim) };
  if (!state.volume || nestedValue(state.volume, 'status', 'phase') !== 'Bound' || !nestedValue(state.volume, 'spec', 'claimRef'))
    return { kind: 'wait', reason: volumeWaitReason(volumeName, state.volume) };
  const claimRef = asObject(nestedValue(state.volume, 'spec', 'claimRef')) ?? {};
  if (claimRef['name'] !== target.claimName || claimRef['namespace'] !== target.claimNamespace) {
    return {
      kind: 'error',
      message: `PV was bound by unexpected PVC, unexpected PVC: ${String(claimRef['namespace'])}/${String(claimRef['name'])}, expected PVC: ${target.claimNamespace}/${target.claimName}`,
    };
  }
  return needsVolumePatch(state.volume, target)
    ? { kind: 'patch', volumeName, patch: volumePatchFor(state.volume, target) }
    : { kind: 'done' };
}
