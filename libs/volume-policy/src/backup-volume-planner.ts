// Plans every volume decision of one backup at once, from objects fetched in bulk: a snapshot
// decision per PVC (CSI path) and per PV (native path), an fs-backup decision per pod volume.
// Lookups go through indexes built once, so the whole plan is O(objects × policies).
import type { VolumeActionType } from '@ferry/api';
import type { BackupVolumeSettings } from './backup-volume-settings';
import { claimMountsOfPv, indexClaimMounts } from './claim-mount-index';
import { selectDataMover, type DataMoverChoice } from './data-mover-selector';
import type { ObjectRef, VolumeDecision } from './decision-reason';
import { decideFsBackup } from './fs-backup-decider';
import type { ResourcePolicies } from './resource-policies';
import { decideSnapshot } from './snapshot-decider';
import { claimNameOf, objectKey, type PersistentVolumeClaimInput, type PersistentVolumeInput, type PodInput } from './volume-inputs';
import { newWorkMeter, type WorkStats } from './work-meter';

/** Everything about one backup's volumes, fetched by the caller (e.g. with list calls). */
export interface BackupVolumePlanInput {
  readonly backup: BackupVolumeSettings;
  /** Already combined (see `combinePolicies`); absent when the Backup has none. */
  readonly policies?: ResourcePolicies;
  /**
   * Pods of the backup's namespaces. For the "PV already taken by fs-backup" rule Velero looks at
   * every pod in the claim's namespace, so include pods the backup's label selector leaves out.
   */
  readonly pods: readonly PodInput[];
  readonly persistentVolumeClaims: readonly PersistentVolumeClaimInput[];
  /** PVs to decide natively, and PVs looked up by the claims' `spec.volumeName`. */
  readonly persistentVolumes: readonly PersistentVolumeInput[];
}

/** What a plan entry is about. */
export type PlanTarget =
  | { readonly kind: 'pvc'; readonly claim: ObjectRef; readonly volumeName: string }
  | { readonly kind: 'pv'; readonly name: string; readonly claim?: ObjectRef }
  | { readonly kind: 'pod-volume'; readonly pod: ObjectRef; readonly volume: string; readonly claimName?: string };

/** One decision of the plan. */
export interface VolumePlanEntry {
  readonly target: PlanTarget;
  /** `snapshot` for PVCs and PVs, `fs-backup` for pod volumes. */
  readonly approach: 'snapshot' | 'fs-backup';
  readonly decision: VolumeDecision;
  /** The action of the volume policy that decided, when one did. */
  readonly policyAction?: VolumeActionType;
  /** For a PVC to be snapshotted: the DataUpload `spec.datamover` ([newest]). */
  readonly dataMover?: DataMoverChoice;
}

/** The plan: entries in input order (PVCs, then PVs, then pod volumes) and the work it took. */
export interface BackupVolumePlan {
  readonly entries: readonly VolumePlanEntry[];
  readonly stats: WorkStats;
}

/** Plans all volume decisions of a backup. Pure; never throws; linear in the number of objects. */
export function planBackupVolumes(input: BackupVolumePlanInput): BackupVolumePlan {
  const meter = newWorkMeter();
  const { backup, policies } = input;
  const pvByName = new Map<string, PersistentVolumeInput>();
  for (const pv of input.persistentVolumes) {
    pvByName.set(pv.metadata?.name ?? '', pv);
    meter.indexEntries++;
  }
  const pvcByKey = new Map<string, PersistentVolumeClaimInput>();
  for (const pvc of input.persistentVolumeClaims) {
    pvcByKey.set(objectKey(pvc.metadata?.namespace, pvc.metadata?.name), pvc);
    meter.indexEntries++;
  }
  const mounts = indexClaimMounts(input.pods, meter);
  const boundPv = (pvc: PersistentVolumeClaimInput | undefined): PersistentVolumeInput | undefined => {
    const name = pvc?.spec?.volumeName;
    return name ? pvByName.get(name) : undefined;
  };
  const entries: VolumePlanEntry[] = [];

  for (const pvc of input.persistentVolumeClaims) {
    const pv = boundPv(pvc);
    const decision = decideSnapshot(
      { policies, backup, subject: { kind: 'pvc', pvc, ...(pv ? { pv } : {}) }, claimMounts: pv ? claimMountsOfPv(mounts, pv) : [] },
      meter,
    );
    const claim = { namespace: pvc.metadata?.namespace ?? '', name: pvc.metadata?.name ?? '' };
    entries.push({
      target: { kind: 'pvc', claim, volumeName: pvc.spec?.volumeName ?? '' },
      approach: 'snapshot',
      decision,
      ...policyActionOf(decision),
      ...(decision.outcome === 'perform' ? { dataMover: selectDataMover(decision, backup) } : {}),
    });
  }

  for (const pv of input.persistentVolumes) {
    const decision = decideSnapshot({ policies, backup, subject: { kind: 'pv', pv }, claimMounts: claimMountsOfPv(mounts, pv) }, meter);
    const claimRef = pv.spec?.claimRef;
    const claim = claimRef ? { claim: { namespace: claimRef.namespace ?? '', name: claimRef.name ?? '' } } : {};
    entries.push({
      target: { kind: 'pv', name: pv.metadata?.name ?? '', ...claim },
      approach: 'snapshot',
      decision,
      ...policyActionOf(decision),
    });
  }

  for (const pod of input.pods) {
    const namespace = pod.metadata?.namespace ?? '';
    for (const volume of pod.spec?.volumes ?? []) {
      const claimName = claimNameOf(volume);
      const pvc = claimName === undefined ? undefined : pvcByKey.get(objectKey(namespace, claimName));
      const pv = boundPv(pvc);
      const decision = decideFsBackup({ policies, backup, pod, volume, ...(pvc ? { pvc } : {}), ...(pv ? { pv } : {}) }, meter);
      entries.push({
        target: {
          kind: 'pod-volume',
          pod: { namespace, name: pod.metadata?.name ?? '' },
          volume: volume.name,
          ...(claimName === undefined ? {} : { claimName }),
        },
        approach: 'fs-backup',
        decision,
        ...policyActionOf(decision),
      });
    }
  }
  return { entries, stats: { ...meter } };
}

function policyActionOf(decision: VolumeDecision): { policyAction?: VolumeActionType } {
  return decision.reason.kind === 'policy-match' ? { policyAction: decision.reason.action.type } : {};
}
