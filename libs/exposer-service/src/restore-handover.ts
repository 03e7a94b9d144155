// The end of a restore (docs/velero-compatibility.md#generic-restore-exposure): the restored PV is
// retained, then handed over to the user's target PVC; its original reclaim policy is recorded on
// the PV first so that a handover resumed after a crash restores the right one.
import { planVolumeHandover } from '@ferry/exposer';
import { ExposerServiceError, ExposerServiceErrorCode } from './errors';
import type { OperationRef } from './exposer-roles';
import { loadOperation, type RestoreExposerContext } from './restore-operation';
import { selectorLabelsOf, type RestoreTarget } from './restore-target-readiness';
import { runVolumeHandover } from './volume-handover-runner';

/** PV annotation holding the reclaim policy the restored PV had before the handover set Retain. */
export const OriginalReclaimPolicyAnnotation = 'ferry.dev/restore-original-reclaim-policy';

/** The restored PV: the restorePVC's (must be Bound), else the one the target already names (resumed handover). */
async function restoredVolumeName(ctx: RestoreExposerContext, operation: OperationRef, target: RestoreTarget): Promise<string> {
  const where = `restorePVC ${operation.namespace}/${operation.name}`;
  const restorePvc = await ctx.api.findPvc(operation.namespace, operation.name);
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
  const targetPvc = await ctx.api.findPvc(target.namespace, target.name);
  const pvName = targetPvc?.spec?.volumeName;
  if (!pvName) {
    throw new ExposerServiceError(
      ExposerServiceErrorCode.RestoreHandoverNotReady,
      `${where} not found and target PVC ${target.namespace}/${target.name} names no volume: nothing to hand over (cleaned up already?); run the restore again`,
    );
  }
  return pvName;
}

/** Records the PV's reclaim policy (once) and returns the policy to restore after the handover. */
async function recordOriginalReclaimPolicy(ctx: RestoreExposerContext, operation: OperationRef, pvName: string): Promise<string> {
  const pv = await ctx.api.findPv(pvName);
  if (!pv)
    throw new ExposerServiceError(
      ExposerServiceErrorCode.RestoreHandoverNotReady,
      `restored PV ${pvName} of ${operation.namespace}/${operation.name} not found: run the restore again`,
    );
  const recorded = pv.metadata.annotations?.[OriginalReclaimPolicyAnnotation];
  const originalReclaimPolicy = recorded ?? pv.spec?.persistentVolumeReclaimPolicy ?? 'Delete';
  if (!recorded) await ctx.api.patchPv(pvName, { metadata: { annotations: { [OriginalReclaimPolicyAnnotation]: originalReclaimPolicy } } });
  return originalReclaimPolicy;
}

/**
 * `RestoreExposer.completeRestore`: hands the restored PV over to the target PVC and resolves once
 * it is Bound (each wait bounded by `ctx.timeoutMs` and `signal`). Idempotent and resumable.
 */
export async function completeRestoreHandover(ctx: RestoreExposerContext, operation: OperationRef, signal?: AbortSignal): Promise<void> {
  const { api, pollMs, timeoutMs } = ctx;
  const { namespace, name } = operation;
  const { target } = await loadOperation(api, operation);
  const pvName = await restoredVolumeName(ctx, operation, target);
  const originalReclaimPolicy = await recordOriginalReclaimPolicy(ctx, operation, pvName);
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
  ctx.logger.info(
    { operation: `${namespace}/${name}`, pv: pvName, target: `${target.namespace}/${target.name}` },
    'restored volume handed over',
  );
}
