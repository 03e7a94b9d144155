// Per-object findings of the exposure diagnosis. Each returns the finding (what was seen) and, when
// the object explains a stuck exposure, a ranked cause line; lower rank = more specific.
import type { VolumeSnapshot, VolumeSnapshotContent } from '@ferry/api';
import type { KubeEvent, PersistentVolume, PersistentVolumeClaim, Pod } from './kube-types';

/** Objects a diagnosis reports on. */
export const DiagnosedObject = {
  Pod: 'Pod',
  PersistentVolumeClaim: 'PersistentVolumeClaim',
  PersistentVolume: 'PersistentVolume',
  VolumeSnapshot: 'VolumeSnapshot',
  VolumeSnapshotContent: 'VolumeSnapshotContent',
  Node: 'Node',
} as const;
/** One of {@link DiagnosedObject}. */
export type DiagnosedObject = (typeof DiagnosedObject)[keyof typeof DiagnosedObject];

/** What the diagnosis saw on one object: its state, the problem if any, and the raw details. */
export interface DiagnosisFinding {
  object: DiagnosedObject;
  name?: string;
  /** Phase or readiness, e.g. `Pending`, `readyToUse=false`, `not found`. */
  state: string;
  /** Why this object blocks the exposure, when it does. */
  problem?: string;
  /** Every fact gathered (conditions, Warning events, handles), one line each. */
  details: string[];
}

/** Specificity of a cause (lower wins). */
export const CauseRank = {
  SnapshotError: 0,
  ContentError: 1,
  ClaimProvisioning: 2,
  VolumeFailed: 3,
  ImagePull: 4,
  PodFailed: 5,
  PodUnschedulable: 6,
  NoMover: 7,
  FetchError: 8,
  NotFound: 9,
  Generic: 10,
} as const;

/** A finding plus its cause line and rank, when it has one. */
export interface RankedFinding {
  finding: DiagnosisFinding;
  cause?: { rank: number; line: string };
}

const imagePullReasons = new Set(['ImagePullBackOff', 'ErrImagePull', 'ErrImageNeverPull']);

function warnings(events: KubeEvent[] = []): string[] {
  return events.filter((e) => e.type === 'Warning').map((e) => `event ${e.reason ?? ''}: ${e.message ?? ''}`);
}

/** Rewrites API-server phrasing into the words users configure (`storage class 'x' not found`). */
export function humanizeEventMessage(message: string): string {
  return message.replace(/storageclass\.storage\.k8s\.io "([^"]+)" not found/g, "storage class '$1' not found");
}

/** Finding of the exposer pod: phase, node, conditions, image pull state and Warning events. */
export function podFinding(pod: Pod, events: KubeEvent[] | undefined, subject: string): RankedFinding {
  const phase = pod.status?.phase ?? 'Unknown';
  const node = pod.spec?.nodeName;
  const details = [
    `phase ${phase}`,
    ...(node ? [`node ${node}`] : []),
    ...(pod.status?.message ? [`message ${pod.status.message}`] : []),
    ...(pod.status?.conditions ?? []).map((c) => `condition ${c.type}=${c.status} ${c.reason ?? ''} ${c.message ?? ''}`.trimEnd()),
    ...warnings(events),
  ];
  const finding: DiagnosisFinding = { object: DiagnosedObject.Pod, name: pod.metadata.name, state: phase, details };
  const waiting = (pod.status?.containerStatuses ?? []).map((s) => s.state?.waiting).find((w) => imagePullReasons.has(w?.reason ?? ''));
  if (waiting) {
    const problem = `image pull failed: ${waiting.message ?? waiting.reason ?? ''}`;
    return { finding: { ...finding, problem }, cause: { rank: CauseRank.ImagePull, line: problem } };
  }
  if (phase === 'Failed' || phase === 'Unknown') {
    const problem = pod.status?.message ?? pod.status?.reason ?? 'no message';
    return { finding: { ...finding, problem }, cause: { rank: CauseRank.PodFailed, line: `${subject} ${phase}: ${problem}` } };
  }
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (phase === 'Pending' && scheduled?.status === 'False') {
    const problem = scheduled.message ?? scheduled.reason ?? 'not scheduled';
    return { finding: { ...finding, problem }, cause: { rank: CauseRank.PodUnschedulable, line: `${subject} Pending: ${problem}` } };
  }
  if (phase === 'Pending') return { finding, cause: { rank: CauseRank.Generic, line: `${subject} Pending` } };
  return { finding };
}

/** Finding of the intermediate PVC: phase, bound PV, Warning events (ProvisioningFailed first). */
export function pvcFinding(pvc: PersistentVolumeClaim, events: KubeEvent[] | undefined, subject: string): RankedFinding {
  const phase = pvc.status?.phase ?? 'Pending';
  const details = [`phase ${phase}`, ...(pvc.spec?.volumeName ? [`volume ${pvc.spec.volumeName}`] : []), ...warnings(events)];
  const finding: DiagnosisFinding = { object: DiagnosedObject.PersistentVolumeClaim, name: pvc.metadata.name, state: phase, details };
  if (phase === 'Bound') return { finding };
  const warning = (events ?? []).filter((e) => e.type === 'Warning');
  const provisioning = [...warning].reverse().find((e) => e.reason === 'ProvisioningFailed') ?? warning.at(-1);
  if (provisioning?.message) {
    const problem = humanizeEventMessage(provisioning.message);
    return { finding: { ...finding, problem }, cause: { rank: CauseRank.ClaimProvisioning, line: `${subject} ${phase}: ${problem}` } };
  }
  return { finding, cause: { rank: CauseRank.Generic, line: `${subject} ${phase}` } };
}

/** Finding of the PV bound to the intermediate PVC: phase, reason, message. */
export function pvFinding(pv: PersistentVolume): RankedFinding {
  const phase = pv.status?.phase ?? 'Unknown';
  const { reason, message } = pv.status ?? {};
  const details = [`phase ${phase}`, ...(reason ? [`reason ${reason}`] : []), ...(message ? [`message ${message}`] : [])];
  const finding: DiagnosisFinding = { object: DiagnosedObject.PersistentVolume, name: pv.metadata.name, state: phase, details };
  if (phase !== 'Failed') return { finding };
  const problem = message ?? reason ?? 'no message';
  return {
    finding: { ...finding, problem },
    cause: { rank: CauseRank.VolumeFailed, line: `PV ${pv.metadata.name ?? ''} Failed: ${problem}` },
  };
}

/** Finding of the backup VolumeSnapshot: bound content, readiness, error, Warning events. */
export function vsFinding(vs: VolumeSnapshot, events: KubeEvent[] | undefined): RankedFinding {
  const ready = vs.status?.readyToUse === true;
  const error = vs.status?.error?.message;
  const bound = vs.status?.boundVolumeSnapshotContentName;
  const details = [
    `readyToUse ${String(ready)}`,
    ...(bound ? [`content ${bound}`] : []),
    ...(error ? [`error ${error}`] : []),
    ...warnings(events),
  ];
  const finding: DiagnosisFinding = {
    object: DiagnosedObject.VolumeSnapshot,
    name: vs.metadata?.name,
    state: `readyToUse=${String(ready)}`,
    details,
  };
  if (ready) return { finding };
  if (error)
    return {
      finding: { ...finding, problem: error },
      cause: { rank: CauseRank.SnapshotError, line: `VolumeSnapshot not ready: ${error}` },
    };
  return { finding, cause: { rank: CauseRank.Generic, line: 'VolumeSnapshot not ready' } };
}

/** Finding of the backup VolumeSnapshotContent: readiness, error, snapshot handle. */
export function vscFinding(vsc: VolumeSnapshotContent): RankedFinding {
  const ready = vsc.status?.readyToUse === true;
  const error = vsc.status?.error?.message;
  const handle = vsc.status?.snapshotHandle ?? vsc.spec.source.snapshotHandle;
  const details = [`readyToUse ${String(ready)}`, ...(handle ? [`snapshotHandle ${handle}`] : []), ...(error ? [`error ${error}`] : [])];
  const finding: DiagnosisFinding = {
    object: DiagnosedObject.VolumeSnapshotContent,
    name: vsc.metadata?.name,
    state: `readyToUse=${String(ready)}`,
    details,
  };
  if (ready || !error) return { finding };
  return {
    finding: { ...finding, problem: error },
    cause: { rank: CauseRank.ContentError, line: `VolumeSnapshotContent not ready: ${error}` },
  };
}
