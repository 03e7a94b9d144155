// Executes a `planVolumeHandover` plan (docs/velero-compatibility.md#generic-restore-exposure) step
// by step against the API server. Every step checks first whether it is already done, so a handover
// interrupted by a crash resumes where it stopped.
import type { ExposureObjectRef, ExposureStep } from '@ferry/exposer';
import { sleepUnlessAborted, waitUntilGone } from '@ferry/kube';
import { ExposerServiceError, ExposerServiceErrorCode } from './errors';
import { throwIfAborted } from './exposure-object-store';
import type { RestoreExposureApi } from './restore-exposure-api';

/** Annotation the PV controller sets on a PV it bound itself; cleared when we re-point the claimRef. */
const boundByControllerAnnotation = 'pv.kubernetes.io/bound-by-controller';

/** How the runner waits and what it adds to the PV. */
export interface HandoverRunOptions {
  readonly api: RestoreExposureApi;
  readonly pollMs: number;
  /** Bound of each wait (deletions, the target binding). */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /**
   * Labels put on the PV when it is re-pointed at the target: the target PVC's selector
   * matchLabels (`velero.io/dynamic-pv-restore`), so the PV satisfies the claim's selector.
   */
  readonly volumeLabels?: Readonly<Record<string, string>>;
}

function describe(ref: ExposureObjectRef): string {
  return ref.namespace ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}

async function deleteAndWait(ref: ExposureObjectRef, wait: boolean, options: HandoverRunOptions): Promise<void> {
  const { api } = options;
  const namespace = ref.namespace ?? '';
  const find =
    ref.kind === 'Pod'
      ? () => api.findPod(namespace, ref.name)
      : ref.kind === 'PersistentVolumeClaim'
        ? () => api.findPvc(namespace, ref.name)
        : ref.kind === 'PersistentVolume'
          ? () => api.findPv(ref.name)
          : undefined;
  if (!find)
    throw new ExposerServiceError(
      ExposerServiceErrorCode.RestoreHandoverNotReady,
      `volume handover cannot delete ${describe(ref)}: unsupported kind`,
    );
  if (ref.kind === 'Pod') await api.deletePod(namespace, ref.name);
  else if (ref.kind === 'PersistentVolumeClaim') await api.deletePvc(namespace, ref.name);
  else await api.deletePv(ref.name);
  if (wait)
    await waitUntilGone(describe(ref), find, {
      timeoutMs: options.timeoutMs,
      pollMs: options.pollMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
}

async function setReclaimPolicy(ref: ExposureObjectRef, policy: string, options: HandoverRunOptions): Promise<void> {
  const pv = await options.api.findPv(ref.name);
  if (!pv)
    throw new ExposerServiceError(
      ExposerServiceErrorCode.RestoreHandoverNotReady,
      `restored PV ${ref.name} not found: it was deleted during the handover; the restore must be run again`,
    );
  if (pv.spec?.persistentVolumeReclaimPolicy === policy) return;
  await options.api.patchPv(ref.name, { spec: { persistentVolumeReclaimPolicy: policy } });
}

async function bindClaimToVolume(ref: ExposureObjectRef, volumeName: string, options: HandoverRunOptions): Promise<void> {
  const namespace = ref.namespace ?? '';
  const claim = await options.api.findPvc(namespace, ref.name);
  if (!claim)
    throw new ExposerServiceError(
      ExposerServiceErrorCode.RestoreOperationInvalid,
      `target PVC ${namespace}/${ref.name} not found: it was deleted during the restore`,
    );
  const current = claim.spec?.volumeName;
  if (current === volumeName) return;
  if (current) {
    throw new ExposerServiceError(
      ExposerServiceErrorCode.RestoreTargetBound,
      `target PVC ${namespace}/${ref.name} is bound to ${current}, not to the restored PV ${volumeName}: restore into an unbound PVC`,
    );
  }
  await options.api.patchPvc(namespace, ref.name, { spec: { volumeName } });
}

async function resetVolumeClaimRef(
  ref: ExposureObjectRef,
  claim: { name: string; namespace: string },
  options: HandoverRunOptions,
): Promise<void> {
  const { api } = options;
  const target = await api.findPvc(claim.namespace, claim.name);
  const uid = target?.metadata.uid;
  if (!uid)
    throw new ExposerServiceError(
      ExposerServiceErrorCode.RestoreOperationInvalid,
      `target PVC ${claim.namespace}/${claim.name} not found: it was deleted during the restore`,
    );
  const pv = await api.findPv(ref.name);
  const labels = options.volumeLabels ?? {};
  const labelled = Object.entries(labels).every(([key, value]) => pv?.metadata.labels?.[key] === value);
  if (pv?.spec?.claimRef?.uid === uid && labelled) return;
  await api.patchPv(ref.name, {
    metadata: { annotations: { [boundByControllerAnnotation]: null }, labels: { ...labels } },
    spec: {
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace: claim.namespace,
        name: claim.name,
        uid,
        resourceVersion: null,
      },
    },
  });
}

async function waitClaimBound(ref: ExposureObjectRef, options: HandoverRunOptions): Promise<void> {
  const namespace = ref.namespace ?? '';
  const deadline = Date.now() + options.timeoutMs;
  const signal = options.signal ?? new AbortController().signal;
  for (;;) {
    const claim = await options.api.findPvc(namespace, ref.name);
    if (claim?.status?.phase === 'Bound') return;
    throwIfAborted(signal, `waiting for target PVC ${namespace}/${ref.name} to be bound`);
    if (Date.now() >= deadline) {
      throw new ExposerServiceError(
        ExposerServiceErrorCode.RestoreTargetNotBound,
        `target PVC ${namespace}/${ref.name} is ${claim?.status?.phase ?? 'gone'} ${Math.round(options.timeoutMs / 1000)}s after it was pointed at the restored PV: check the PV controller's events on it, then retry`,
        { retryable: true },
      );
    }
    await sleepUnlessAborted(options.pollMs, signal);
  }
}

/**
 * Runs `steps` in order and stops at the first failure (rejecting with its error). Each step is
 * skipped when already done. Blocks until the last step is done; bounded per wait by
 * `timeoutMs` and by `signal`.
 */
export async function runVolumeHandover(steps: readonly ExposureStep[], options: HandoverRunOptions): Promise<void> {
  for (const step of steps) {
    throwIfAborted(options.signal, `handing the restored volume over (${step.action} ${describe(step.target)})`);
    switch (step.action) {
      case 'setReclaimPolicy':
        await setReclaimPolicy(step.target, step.policy, options);
        break;
      case 'delete':
        await deleteAndWait(step.target, step.waitUntilGone, options);
        break;
      case 'bindClaimToVolume':
        await bindClaimToVolume(step.target, step.volumeName, options);
        break;
      case 'resetVolumeClaimRef':
        await resetVolumeClaimRef(step.target, step.claim, options);
        break;
      case 'waitClaimBound':
        await waitClaimBound(step.target, options);
        break;
      default:
        throw new ExposerServiceError(
          ExposerServiceErrorCode.RestoreHandoverNotReady,
          `volume handover cannot run step ${step.action} on ${describe(step.target)}`,
        );
    }
  }
}
