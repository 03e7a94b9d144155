// Diagnosis of a stuck exposure from objects the caller already fetched (Velero's DiagnoseExpose,
// docs/velero-compatibility.md#exposure-diagnosis). Velero only logs it; Ferry returns it so the
// owner can write the one-line cause into the DU/DD status message and an Event.
import type { VolumeSnapshot, VolumeSnapshotContent } from '@ferry/api';
import type { KubeEvent, PersistentVolume, PersistentVolumeClaim, Pod } from './kube-types';
import {
  CauseRank,
  DiagnosedObject,
  podFinding,
  pvcFinding,
  pvFinding,
  vscFinding,
  vsFinding,
  type DiagnosisFinding,
  type RankedFinding,
} from './object-findings';

/** An object the caller failed to fetch (other than not-found). */
export interface FetchFailure {
  fetchError: string;
}

/** A fetched object: the object, `null` when not found, or the fetch failure. */
export type Observed<T> = T | null | FetchFailure;

/** Everything the diagnosis reads. Absent (undefined) = not applicable or not looked at. */
export interface ExposureObservations {
  /** Names the subjects: `backup pod`/`backupPVC` or `restore pod`/`restorePVC`. */
  direction: 'backup' | 'restore';
  pod?: Observed<Pod>;
  podEvents?: KubeEvent[];
  pvc?: Observed<PersistentVolumeClaim>;
  pvcEvents?: KubeEvent[];
  pv?: Observed<PersistentVolume>;
  vs?: Observed<VolumeSnapshot>;
  vsEvents?: KubeEvent[];
  vsc?: Observed<VolumeSnapshotContent>;
  /** Whether a mover (node-agent) runs on the pod's node; undefined = unknown. */
  moverRunningOnNode?: boolean;
}

/** The diagnosis: findings in object order (pod, PVC, PV, VS, VSC, node) and the best cause. */
export interface ExposureDiagnosis {
  findings: DiagnosisFinding[];
  /** One line for a status message, most specific problem first; absent when nothing is wrong. */
  cause?: string;
}

function isFetchFailure<T extends object>(value: Observed<T>): value is FetchFailure {
  return value !== null && 'fetchError' in value;
}

function observe<T extends object>(
  value: Observed<T> | undefined,
  object: DiagnosedObject,
  subject: string,
  inspect: (found: T) => RankedFinding,
): RankedFinding[] {
  if (value === undefined) return [];
  if (value === null) {
    return [
      {
        finding: { object, state: 'not found', problem: 'not found', details: [] },
        cause: { rank: CauseRank.NotFound, line: `${subject} not found` },
      },
    ];
  }
  if (isFetchFailure(value)) {
    const line = `error getting ${subject}: ${value.fetchError}`;
    return [{ finding: { object, state: 'unknown', problem: line, details: [] }, cause: { rank: CauseRank.FetchError, line } }];
  }
  return [inspect(value)];
}

function moverFinding(obs: ExposureObservations): RankedFinding[] {
  const pod = obs.pod;
  const node = pod && !isFetchFailure(pod) ? pod.spec?.nodeName : undefined;
  if (!node || obs.moverRunningOnNode === undefined) return [];
  if (obs.moverRunningOnNode) return [{ finding: { object: DiagnosedObject.Node, name: node, state: 'mover running', details: [] } }];
  const line = `no mover running on node ${node}`;
  return [
    {
      finding: { object: DiagnosedObject.Node, name: node, state: 'no mover', problem: line, details: [] },
      cause: { rank: CauseRank.NoMover, line },
    },
  ];
}

/**
 * Diagnoses an exposure from already-fetched objects. Pure and total: never throws, reports fetch
 * failures and missing objects as findings. The cause is the most specific problem found:
 * snapshot errors, then PVC provisioning failures, PV failures, image pulls, pod failures,
 * unschedulable pods, a missing mover, fetch errors, missing objects, generic pending states.
 */
export function diagnoseExposure(obs: ExposureObservations): ExposureDiagnosis {
  const podSubject = `${obs.direction} pod`;
  const pvcSubject = `${obs.direction}PVC`;
  const ranked = [
    ...observe(obs.pod, DiagnosedObject.Pod, podSubject, (p) => podFinding(p, obs.podEvents, podSubject)),
    ...observe(obs.pvc, DiagnosedObject.PersistentVolumeClaim, pvcSubject, (p) => pvcFinding(p, obs.pvcEvents, pvcSubject)),
    ...observe(obs.pv, DiagnosedObject.PersistentVolume, 'PV', pvFinding),
    ...observe(obs.vs, DiagnosedObject.VolumeSnapshot, `${obs.direction} VolumeSnapshot`, (v) => vsFinding(v, obs.vsEvents)),
    ...observe(obs.vsc, DiagnosedObject.VolumeSnapshotContent, `${obs.direction} VolumeSnapshotContent`, vscFinding),
    ...moverFinding(obs),
  ];
  const causes = ranked.flatMap((r) => (r.cause ? [r.cause] : [])).sort((a, b) => a.rank - b.rank);
  return { findings: ranked.map((r) => r.finding), ...(causes[0] ? { cause: causes[0].line } : {}) };
}
