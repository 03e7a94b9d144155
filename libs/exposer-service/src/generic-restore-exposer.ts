// The generic restore exposer (docs/velero-compatibility.md#generic-restore-exposure): restorePVC
// `<dd>` and restorePod `<dd>` in the DataDownload's namespace make the target volume writable on a
// node; once the mover wrote the data, the restored PV is handed over to the user's target PVC.
// Every method is idempotent and keyed by the DataDownload, so a restarted exposer continues where
// it stopped.
import type { DataDownload } from '@ferry/api';
import {
  buildRestorePod,
  buildRestorePvc,
  dataDownloadOwner,
  diagnoseExposure,
  planVolumeHandover,
  type ExposerPodTemplate,
  type ExposureDiagnosis,
  type KubeEvent,
  type Observed,
} from '@ferry/exposer';
import { silentLogger, sleepUnlessAborted, waitUntilGone, type KubeClient, type KubeLogger } from '@ferry/kube';
import type { ParsedNodeAgentConfig } from '@ferry/node-agent-config';
import { ExposerServiceError, ExposerServiceErrorCode } from './errors';
import type { ExposureState, OperationRef, RestoreExposer } from './exposer-roles';
import { throwIfAborted } from './exposure-object-store';
import { createRestoreExposureApi, type RestoreExposureApi } from './restore-exposure-api';
import { ignoresDelayBinding, restorePodTemplate, selectorLabelsOf, targetReadiness, type RestoreTarget } from './restore-target-readiness';
import { isPodUnrecoverable, moverOnPodNode } from './snapshot-exposure-state';
import { runVolumeHandover } from './volume-handover-runner';

/** PV annotation holding the reclaim policy the restored PV had before the handover set Retain. */
export const OriginalReclaimPolicyAnnotation = 'ferry.dev/restore-original-reclaim-policy';

/** Options of {@link createGenericRestoreExposer}. */
export interface GenericRestoreExposerOptions {
  readonly kube: KubeClient;
  /** The node-agent configuration in effect (e.g. `NodeAgentConfigWatcher.current`), read on every expose. */
  readonly currentConfig: () => ParsedNodeAgentConfig | undefined;
  /** Restore pod settings from the node-agent daemonset; the configuration's are laid over them. */
  readonly podTemplate: ExposerPodTemplate;
  readonly logger?: KubeLogger;
  /** Polling period of every wait; default 250 ms. */
  readonly pollIntervalMs?: number;
  /** Bound of each deletion/binding wait in `completeRestore` and `cleanUp`; default 2 minutes. */
  readonly waitTimeoutMs?: number;
}

interface LoadedOperation {
  readonly dd: DataDownload;
  readonly target: RestoreTarget;
}

async function loadOperation(api: RestoreExposureApi, operation: OperationRef): Promise<LoadedOperation> {
  const where = `DataDownload ${operation.namespace}/${operation.name}`;
  if (operation.kind !== 'DataDownload') {
    throw new ExposerServiceError(
      ExposerServiceErrorCode.RestoreOperationInvalid,
      `the restore exposer handles DataDownloads, not ${operation.kind} ${operation.namespace}/${operation.name}`,
    );
  }
  const dd = await api.dataDownloads.find(operation.namespace, operation.name);
  if (!dd)
    throw new ExposerServiceError(ExposerServiceErrorCode.RestoreOperationInvalid, `${where} not found: it was deleted; nothing to expose`);
  const owner = dataDownloadOwner(dd);
  if (!owner.ok) throw new ExposerServiceError(ExposerServiceErrorCode.RestoreOperationInvalid, `${where}: ${owner.problem.message}`);
  const volume = dd.spec?.targetVolume;
  if (!volume?.pvc || !volume.namespace) {
    throw new ExposerServiceError(
      ExposerServiceErrorCode.RestoreOperationInvalid,
      `${where} has no spec.targetVolume.pvc/namespace: set the PVC to restore into`,
    );
  }
  return { dd, target: { namespace: volume.namespace, name: volume.pvc } };
}

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

/**
 * Builds the restore exposer over `kube`. Intermediate objects are named after the DataDownload,
 * live in its namespace and carry a controller owner reference to it (deleting the DataDownload
 * garbage-collects them). Nothing is started: every call does its own IO.
 */
export function createGenericRestoreExposer(options: GenericRestoreExposerOptions): RestoreExposer {
  const api = createRestoreExposureApi(options.kube);
  const logger = options.logger ?? silentLogger;
  const pollMs = options.pollIntervalMs ?? 250;
  const timeoutMs = options.waitTimeoutMs ?? 120_000;
  const waitOptions = (signal?: AbortSignal) => ({ timeoutMs, pollMs, ...(signal ? { signal } : {}) });

  const expose = async (operation: OperationRef, signal?: AbortSignal): Promise<void> => {
    const { namespace, name } = operation;
    const { dd, target } = await loadOperation(api, operation);
    if (await api.findPod(namespace, name)) return; // Exposed by an earlier call: never duplicate.
    const never = signal ?? new AbortController().signal;
    for (;;) {
      const config = options.currentConfig();
      const readiness = await targetReadiness(api, target, ignoresDelayBinding(config));
      if (readiness.kind === 'bound') throw new ExposerServiceError(ExposerServiceErrorCode.RestoreTargetBound, readiness.message);
      if (readiness.kind === 'ready') {
        const storageClass = readiness.targetPvc.spec?.storageClassName ?? '';
        const input = {
          dataDownload: dd,
          targetPvc: readiness.targetPvc,
          namespace,
          podTemplate: restorePodTemplate(options.podTemplate, config, storageClass),
          ...(readiness.selectedNode ? { selectedNode: readiness.selectedNode } : {}),
        };
        const pvc = buildRestorePvc(input);
        if (!pvc.ok) throw new ExposerServiceError(ExposerServiceErrorCode.RestoreOperationInvalid, pvc.problem.message);
        const pod = buildRestorePod(input);
        if (!pod.ok) throw new ExposerServiceError(ExposerServiceErrorCode.RestoreOperationInvalid, pod.problem.message);
        await api.createPvcIfAbsent(pvc.value);
        await api.createPodIfAbsent(pod.value);
        logger.info(
          { operation: `${namespace}/${name}`, target: `${target.namespace}/${target.name}`, node: readiness.selectedNode ?? '' },
          'restore exposure created',
        );
        return;
      }
      throwIfAborted(signal, `waiting for ${readiness.waitingFor}`);
      logger.debug({ operation: `${namespace}/${name}`, waitingFor: readiness.waitingFor }, 'restore exposure waiting');
      await sleepUnlessAborted(pollMs, never);
    }
  };

  const diagnose = async (operation: OperationRef): Promise<ExposureDiagnosis> => {
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
  };

  const state = async (operation: OperationRef): Promise<ExposureState> => {
    const { namespace, name } = operation;
    const { dd, target } = await loadOperation(api, operation);
    const pod = await api.findPod(namespace, name);
    if (!pod) {
      const readiness = await targetReadiness(api, target, ignoresDelayBinding(options.currentConfig()));
      if (readiness.kind === 'wait') return { phase: 'preparing', waitingFor: readiness.waitingFor };
      return { phase: 'preparing', waitingFor: `restore pod ${namespace}/${name} to be created` };
    }
    if (isPodUnrecoverable(pod)) return { phase: 'failed', diagnosis: await diagnose(operation) };
    const node = pod.spec?.nodeName;
    if (pod.status?.phase !== 'Running' || !node) {
      return { phase: 'preparing', waitingFor: `restore pod ${namespace}/${name} to be Running (phase ${pod.status?.phase ?? 'Pending'})` };
    }
    const pvc = await api.findPvc(namespace, name);
    const pvName = pvc?.spec?.volumeName;
    if (pvc?.status?.phase !== 'Bound' || !pvName) {
      return { phase: 'preparing', waitingFor: `restorePVC ${namespace}/${name} to be bound (phase ${pvc?.status?.phase ?? 'absent'})` };
    }
    const volume = {
      node,
      podName: name,
      podUid: pod.metadata.uid ?? '',
      pvName,
      pvcName: name,
      volumeName: dd.metadata?.uid ?? '',
      readOnly: false,
    };
    return { phase: 'exposed', volume };
  };

  /** The restored PV: the restorePVC's (must be Bound), else the one the target already names (resumed handover). */
  const restoredVolumeName = async (operation: OperationRef, target: RestoreTarget): Promise<string> => {
    const where = `restorePVC ${operation.namespace}/${operation.name}`;
    const restorePvc = await api.findPvc(operation.namespace, operation.name);
    if (restorePvc) {
      const pvName = restorePvc.spec?.volumeName;
      if (restorePvc.status?.phase !== 'Bound' || !pvName) {
        throw new ExposerServiceError(
          ExposerServiceErrorCode.RestoreHandoverNotReady,
          `${where} is not bound yet: complete the restore only after the mover wrote the data`,
          { retryable: true },
        );
      }
      return pvName;
    }
    const targetPvc = await api.findPvc(target.namespace, target.name);
    const pvName = targetPvc?.spec?.volumeName;
    if (!pvName) {
      throw new ExposerServiceError(
        ExposerServiceErrorCode.RestoreHandoverNotReady,
        `${where} not found and target PVC ${target.namespace}/${target.name} names no volume: nothing to hand over (cleaned up already?); run the restore again`,
      );
    }
    return pvName;
  };

  const completeRestore = async (operation: OperationRef, signal?: AbortSignal): Promise<void> => {
    const { namespace, name } = operation;
    const { target } = await loadOperation(api, operation);
    const pvName = await restoredVolumeName(operation, target);
    const pv = await api.findPv(pvName);
    if (!pv)
      throw new ExposerServiceError(
        ExposerServiceErrorCode.RestoreHandoverNotReady,
        `restored PV ${pvName} of ${namespace}/${name} not found: run the restore again`,
      );
    const recorded = pv.metadata.annotations?.[OriginalReclaimPolicyAnnotation];
    const originalReclaimPolicy = recorded ?? pv.spec?.persistentVolumeReclaimPolicy ?? 'Delete';
    // Recorded on the PV so that a handover resumed after a crash restores the right policy.
    if (!recorded) await api.patchPv(pvName, { metadata: { annotations: { [OriginalReclaimPolicyAnnotation]: originalReclaimPolicy } } });
    const targetPvc = await api.findPvc(target.namespace, target.name);
    const steps = planVolumeHandover({
      dataDownloadName: name,
      namespace,
      volumeName: pvName,
      originalReclaimPolicy,
      targetPvc: { ...target },
    });
    await runVolumeHandover(steps, {
      api,
      pollMs,
      timeoutMs,
      ...(signal ? { signal } : {}),
      volumeLabels: targetPvc ? selectorLabelsOf(targetPvc) : {},
    });
    await api.patchPv(pvName, { metadata: { annotations: { [OriginalReclaimPolicyAnnotation]: null } } });
    logger.info(
      { operation: `${namespace}/${name}`, pv: pvName, target: `${target.namespace}/${target.name}` },
      'restored volume handed over',
    );
  };

  const cleanUp = async (operation: OperationRef): Promise<void> => {
    const { namespace, name } = operation;
    const restorePvc = await api.findPvc(namespace, name);
    const pvName = restorePvc?.spec?.volumeName;
    await api.deletePod(namespace, name);
    await waitUntilGone(`restore pod ${namespace}/${name}`, () => api.findPod(namespace, name), waitOptions());
    await api.deletePvc(namespace, name);
    await waitUntilGone(`restorePVC ${namespace}/${name}`, () => api.findPvc(namespace, name), waitOptions());
    if (!pvName) return;
    const pv = await api.findPv(pvName);
    const ref = pv?.spec?.claimRef;
    // A PV already handed over (claimRef at the target) belongs to the user: leave it.
    if (!pv || ref?.namespace !== namespace || ref.name !== name) return;
    await api.deletePv(pvName);
    await waitUntilGone(`restored PV ${pvName}`, () => api.findPv(pvName), waitOptions());
  };

  return { expose, state, diagnose, completeRestore, cleanUp };
}
