// Diagnosis of a restore exposure (restorePod and restorePVC `<dd>`, the PV behind it): every
// object is fetched, a failed fetch is reported rather than thrown, and the pure diagnoseExposure
// of @ferry/exposer decides.
import { diagnoseExposure, type ExposureDiagnosis, type KubeEvent, type Observed } from '@ferry/exposer';
import type { OperationRef } from './exposer-roles';
import type { RestoreExposureApi } from './restore-exposure-api';
import { moverOnPodNode } from './snapshot-exposure-state';

async function observe<T extends object>(read: () => Promise<T | undefined>): Promise<Observed<T>> {
  try {
    return (await read()) ?? null;
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

/** Fetches the restore exposure of `operation` and diagnoses it; never throws for a failed fetch of an object. */
export async function diagnoseRestoreExposure(api: RestoreExposureApi, operation: OperationRef): Promise<ExposureDiagnosis> {
  const { namespace, name } = operation;
  const [pod, pvc, podEvents, pvcEvents] = await Promise.all([
    observe(() => api.findPod(namespace, name)),
    observe(() => api.findPvc(namespace, name)),
    eventsOr(() => api.warningEvents(namespace, 'Pod', name)),
    eventsOr(() => api.warningEvents(namespace, 'PersistentVolumeClaim', name)),
  ]);
  const pvName = pvc && !('fetchError' in pvc) ? pvc.spec?.volumeName : undefined;
  const pv = pvName ? await observe(() => api.findPv(pvName)) : undefined;
  const moverRunningOnNode = await moverOnPodNode(api, namespace, pod && !('fetchError' in pod) ? pod.spec?.nodeName : undefined);
  return diagnoseExposure({
    direction: 'restore',
    pod,
    podEvents,
    pvc,
    pvcEvents,
    ...(pv !== undefined ? { pv } : {}),
    ...(moverRunningOnNode !== undefined ? { moverRunningOnNode } : {}),
  });
}
