// The generic restore exposer (docs/velero-compatibility.md#generic-restore-exposure): restorePVC
// `<dd>` and restorePod `<dd>` in the DataDownload's namespace make the target volume writable on a
// node; once the mover wrote the data, the restored PV is handed over to the user's target PVC
// (restore-handover.ts). Every method is idempotent and keyed by the DataDownload, so a restarted
// exposer continues where it stopped.
import { buildRestorePod, buildRestorePvc, type ExposerPodTemplate } from '@ferry/exposer';
import { silentLogger, sleepUnlessAborted, waitUntilGone, type KubeClient, type KubeLogger } from '@ferry/kube';
import type { ParsedNodeAgentConfig } from '@ferry/node-agent-config';
import { ExposerServiceError, ExposerServiceErrorCode } from './errors';
import type { ExposureState, OperationRef, RestoreExposer } from './exposer-roles';
import { throwIfAborted } from './exposure-object-store';
import { createRestoreExposureApi } from './restore-exposure-api';
import { diagnoseRestoreExposure } from './restore-exposure-diagnosis';
import { completeRestoreHandover } from './restore-handover';
import { loadOperation, type LoadedOperation, type RestoreExposerContext } from './restore-operation';
import { ignoresDelayBinding, restorePodTemplate, targetReadiness, type TargetReadiness } from './restore-target-readiness';
import { isPodUnrecoverable } from './snapshot-exposure-state';

export { OriginalReclaimPolicyAnnotation } from './restore-handover';

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

type ReadyTarget = Extract<TargetReadiness, { kind: 'ready' }>;

async function createExposure(
  ctx: RestoreExposerContext,
  operation: OperationRef,
  { dd, target }: LoadedOperation,
  readiness: ReadyTarget,
  config: ParsedNodeAgentConfig | undefined,
): Promise<void> {
  const { namespace, name } = operation;
  const storageClass = readiness.targetPvc.spec?.storageClassName ?? '';
  const input = {
    dataDownload: dd,
    targetPvc: readiness.targetPvc,
    namespace,
    podTemplate: restorePodTemplate(ctx.podTemplate, config, storageClass),
    ...(readiness.selectedNode ? { selectedNode: readiness.selectedNode } : {}),
  };
  const pvc = buildRestorePvc(input);
  if (!pvc.ok) throw new ExposerServiceError(ExposerServiceErrorCode.RestoreOperationInvalid, pvc.problem.message);
  const pod = buildRestorePod(input);
  if (!pod.ok) throw new ExposerServiceError(ExposerServiceErrorCode.RestoreOperationInvalid, pod.problem.message);
  await ctx.api.createPvcIfAbsent(pvc.value);
  await ctx.api.createPodIfAbsent(pod.value);
  ctx.logger.info(
    { operation: `${namespace}/${name}`, target: `${target.namespace}/${target.name}`, node: readiness.selectedNode ?? '' },
    'restore exposure created',
  );
}

async function expose(ctx: RestoreExposerContext, operation: OperationRef, signal?: AbortSignal): Promise<void> {
  const { namespace, name } = operation;
  const loaded = await loadOperation(ctx.api, operation);
  if (await ctx.api.findPod(namespace, name)) return; // Exposed by an earlier call: never duplicate.
  const never = signal ?? new AbortController().signal;
  for (;;) {
    const config = ctx.currentConfig();
    const readiness = await targetReadiness(ctx.api, loaded.target, ignoresDelayBinding(config));
    if (readiness.kind === 'bound') throw new ExposerServiceError(ExposerServiceErrorCode.RestoreTargetBound, readiness.message);
    if (readiness.kind === 'ready') {
      await createExposure(ctx, operation, loaded, readiness, config);
      return;
    }
    throwIfAborted(signal, `waiting for ${readiness.waitingFor}`);
    ctx.logger.debug({ operation: `${namespace}/${name}`, waitingFor: readiness.waitingFor }, 'restore exposure waiting');
    await sleepUnlessAborted(ctx.pollMs, never);
  }
}

async function state(ctx: RestoreExposerContext, operation: OperationRef): Promise<ExposureState> {
  const { api } = ctx;
  const { namespace, name } = operation;
  const { dd, target } = await loadOperation(api, operation);
  const pod = await api.findPod(namespace, name);
  if (!pod) {
    const readiness = await targetReadiness(api, target, ignoresDelayBinding(ctx.currentConfig()));
    if (readiness.kind === 'wait') return { phase: 'preparing', waitingFor: readiness.waitingFor };
    return { phase: 'preparing', waitingFor: `restore pod ${namespace}/${name} to be created` };
  }
  if (isPodUnrecoverable(pod)) return { phase: 'failed', diagnosis: await diagnoseRestoreExposure(api, operation) };
  const node = pod.spec?.nodeName;
  if (pod.status?.phase !== 'Running' || !node) {
    return { phase: 'preparing', waitingFor: `restore pod ${namespace}/${name} to be Running (phase ${pod.status?.phase ?? 'Pending'})` };
  }
  const pvc = await api.findPvc(namespace, name);
  const pvName = pvc?.spec?.volumeName;
  if (pvc?.status?.phase !== 'Bound' || !pvName) {
    return { phase: 'preparing', waitingFor: `restorePVC ${namespace}/${name} to be bound (phase ${pvc?.status?.phase ?? 'absent'})` };
  }
  const podUid = pod.metadata.uid ?? '';
  const storageClass = pvc.spec?.storageClassName ? { storageClass: pvc.spec.storageClassName } : {};
  const volume = {
    node,
    podName: name,
    podUid,
    pvName,
    pvcName: name,
    volumeName: dd.metadata?.uid ?? '',
    readOnly: false,
    ...storageClass,
  };
  return { phase: 'exposed', volume };
}

async function cleanUp(ctx: RestoreExposerContext, operation: OperationRef): Promise<void> {
  const { api } = ctx;
  const { namespace, name } = operation;
  const waitOptions = { timeoutMs: ctx.timeoutMs, pollMs: ctx.pollMs };
  const restorePvc = await api.findPvc(namespace, name);
  const pvName = restorePvc?.spec?.volumeName;
  await api.deletePod(namespace, name);
  await waitUntilGone(`restore pod ${namespace}/${name}`, () => api.findPod(namespace, name), waitOptions);
  await api.deletePvc(namespace, name);
  await waitUntilGone(`restorePVC ${namespace}/${name}`, () => api.findPvc(namespace, name), waitOptions);
  if (!pvName) return;
  const pv = await api.findPv(pvName);
  const ref = pv?.spec?.claimRef;
  // A PV already handed over (claimRef at the target) belongs to the user: leave it.
  if (!pv || ref?.namespace !== namespace || ref.name !== name) return;
  await api.deletePv(pvName);
  await waitUntilGone(`restored PV ${pvName}`, () => api.findPv(pvName), waitOptions);
}

/**
 * Builds the restore exposer over `kube`. Intermediate objects are named after the DataDownload,
 * live in its namespace and carry a controller owner reference to it (deleting the DataDownload
 * garbage-collects them). Nothing is started: every call does its own IO.
 */
export function createGenericRestoreExposer(options: GenericRestoreExposerOptions): RestoreExposer {
  const ctx: RestoreExposerContext = {
    api: createRestoreExposureApi(options.kube),
    logger: options.logger ?? silentLogger,
    currentConfig: options.currentConfig,
    podTemplate: options.podTemplate,
    pollMs: options.pollIntervalMs ?? 250,
    timeoutMs: options.waitTimeoutMs ?? 120_000,
  };
  return {
    expose: (operation, signal) => expose(ctx, operation, signal),
    state: (operation) => state(ctx, operation),
    diagnose: (operation) => diagnoseRestoreExposure(ctx.api, operation),
    completeRestore: (operation, signal) => completeRestoreHandover(ctx, operation, signal),
    cleanUp: (operation) => cleanUp(ctx, operation),
  };
}
