// Read-only views of a CSI snapshot exposure: its state (preparing / exposed / failed) and the
// diagnosis of every object it consists of. Nothing here creates or changes objects.
import type { DataUpload } from '@ferry/api';
import { diagnoseExposure, type ExposureDiagnosis, type KubeEvent, type Observed, type Pod } from '@ferry/exposer';
import type { ExposureState } from './exposer-roles';
import type { SnapshotExposureApi } from './snapshot-exposure-api';

const unrecoverableWaitingReasons: ReadonlySet<string> = new Set(['ImagePullBackOff', 'ErrImageNeverPull']);

/** True when the pod can never run the mover: Failed/Unknown, or its image cannot be pulled. */
export function isPodUnrecoverable(pod: Pod): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Unknown') return true;
  return (pod.status?.containerStatuses ?? []).some((status) => unrecoverableWaitingReasons.has(status.state?.waiting?.reason ?? ''));
}

async function observe<T>(read: () => Promise<T | undefined>): Promise<Observed<T & object>> {
  try {
    return ((await read()) ?? null) as Observed<T & object>;
  } catch (error) {
    return { fetchError: error instanceof Error ? error.message : String(error) };
  }
}

async function eventsOr(read: () => Promise<KubeEvent[]>): Promise<KubeEvent[]> {
  try {
    return await read();
  } catch {
    // Events only refine the diagnosis; a failed list must not hide the objects' own state.
    return [];
  }
}

const found = <T>(value: Observed<T & object> | undefined): (T & object) | undefined =>
  value && !('fetchError' in value) ? value : undefined;

/**
 * Fetches pod, backupPVC, PV, VS `<du>` and VSC `<du>` (with the Warning events of pod, PVC and VS)
 * in `namespace` and diagnoses them. Never rejects for a fetch failure: it becomes a finding.
 */
export async function diagnoseSnapshotExposure(api: SnapshotExposureApi, namespace: string, name: string): Promise<ExposureDiagnosis> {
  const [pod, pvc, vs, podEvents, pvcEvents, vsEvents] = await Promise.all([
    observe(() => api.findPod(namespace, name)),
    observe(() => api.findPvc(namespace, name)),
    observe(() => api.snapshots.find(namespace, name)),
    eventsOr(() => api.warningEvents(namespace, 'Pod', name)),
    eventsOr(() => api.warningEvents(namespace, 'PersistentVolumeClaim', name)),
    eventsOr(() => api.warningEvents(namespace, 'VolumeSnapshot', name)),
  ]);
  const pvName = found(pvc)?.spec?.volumeName;
  const vscName = found(vs)?.status?.boundVolumeSnapshotContentName ?? name;
  const [pv, vsc] = await Promise.all([
    pvName ? observe(() => api.findPv(pvName)) : Promise.resolve(undefined),
    observe(() => api.contents.find(undefined, vscName)),
  ]);
  const moverRunningOnNode = await moverOnPodNode(api, namespace, found(pod)?.spec?.nodeName);
  return diagnoseExposure({
    direction: 'backup',
    pod,
    podEvents,
    pvc,
    pvcEvents,
    vs,
    vsEvents,
    vsc,
    ...(pv !== undefined ? { pv } : {}),
    ...(moverRunningOnNode !== undefined ? { moverRunningOnNode } : {}),
  });
}

/**
 * Whether a mover runs on the node the exposure's pod was scheduled to; undefined when the pod has
 * no node yet or the lookup failed (the diagnosis then says nothing about it).
 */
export async function moverOnPodNode(
  api: Pick<SnapshotExposureApi, 'moverRunningOn'>,
  namespace: string,
  node: string | undefined,
): Promise<boolean | undefined> {
  return node ? api.moverRunningOn(namespace, node).catch(() => undefined) : undefined;
}

/** What a not-yet-running exposure waits for, from the objects that exist so far. */
async function waitingFor(api: SnapshotExposureApi, du: DataUpload, namespace: string, pod: Pod | undefined): Promise<string> {
  const name = du.metadata?.name ?? '';
  const pvc = await api.findPvc(namespace, name);
  if (!pvc) {
    const backupVs = await api.snapshots.find(namespace, name);
    if (backupVs) return `backupPVC ${namespace}/${name} to be created`;
    const sourceNamespace = du.spec?.sourceNamespace ?? '';
    const vsName = du.spec?.csiSnapshot?.volumeSnapshot ?? '';
    const userVs = await api.snapshots.find(sourceNamespace, vsName);
    if (!userVs) return `VolumeSnapshot ${sourceNamespace}/${vsName} to exist`;
    return userVs.status?.readyToUse === true
      ? `the takeover of VolumeSnapshot ${sourceNamespace}/${vsName}`
      : `VolumeSnapshot ${sourceNamespace}/${vsName} to be ready (not ready yet)`;
  }
  if (pvc.status?.phase !== 'Bound') return `backupPVC ${namespace}/${name} to be bound (phase ${pvc.status?.phase ?? 'Pending'})`;
  if (!pod) return `backup pod ${namespace}/${name} to be created`;
  return `backup pod ${namespace}/${name} to be Running (phase ${pod.status?.phase ?? 'Pending'})`;
}

/**
 * The state of the exposure of `du`: failed when the pod is unrecoverable (with the diagnosis),
 * exposed once the pod runs and the backupPVC is bound, else preparing with what it waits for.
 */
export async function readSnapshotExposureState(api: SnapshotExposureApi, du: DataUpload, namespace: string): Promise<ExposureState> {
  const name = du.metadata?.name ?? '';
  const pod = await api.findPod(namespace, name);
  if (pod && isPodUnrecoverable(pod)) {
    return { phase: 'failed', diagnosis: await diagnoseSnapshotExposure(api, namespace, name) };
  }
  if (pod?.status?.phase === 'Running' && pod.spec?.nodeName && pod.metadata.uid) {
    const pvc = await api.findPvc(namespace, name);
    const pvName = pvc?.spec?.volumeName;
    if (pvc?.status?.phase === 'Bound' && pvName) {
      const volume = pod.spec.volumes?.find((v) => v.persistentVolumeClaim.claimName === name);
      const readOnly =
        volume?.persistentVolumeClaim.readOnly === true || (pvc.spec?.accessModes ?? []).every((mode) => mode === 'ReadOnlyMany');
      return {
        phase: 'exposed',
        volume: {
          node: pod.spec.nodeName,
          podName: name,
          podUid: pod.metadata.uid,
          pvName,
          pvcName: name,
          volumeName: volume?.name ?? du.metadata?.uid ?? '',
          readOnly,
          ...(pvc.spec?.storageClassName ? { storageClass: pvc.spec.storageClassName } : {}),
        },
      };
    }
  }
  return { phase: 'preparing', waitingFor: await waitingFor(api, du, namespace, pod) };
}
