// Reconciles one data-path resource from its own state (informer events, the periodic resync and
// start-up): accept New ones Ferry serves, apply cancel (spec.cancel or deletion) with Velero's
// timing rules, send the expose job of Accepted DU/DD, locate the pod volume of Accepted PVB/PVR,
// and re-send what a restarted controller may have lost (idempotent on the receivers' side).
import { decideCancel, decideDataMover, formatSpecProblems, isTerminalPhase, type DataPathKind } from '@ferry/data-movement';
import { publishToStream } from '@ferry/nats';
import { ControllerServiceError, ControllerServiceErrorCode } from './errors';
import { ControllerEventReason } from './event-reasons';
import { exposeOperation, finish, phaseOf, publishMoveCancel, refOf, type DataPathContext, type ResourceRef } from './data-path-context';
import type { DataPathObject } from './data-path-resources';
import { prepareAndStartMove, sendCompleteRestore, sendMove, uploaderFor } from './move-dispatch';
import {
  epochOf,
  FerryAnnotation,
  hasFinalizer,
  kubeTime,
  moveAttemptOf,
  moveTargetOf,
  setAnnotation,
  setExposeOnGoing,
  setFinalizer,
} from './resource-marks';

/** Whether this controller serves the resource at all (role and datamover); PVB/PVR only as the whole server. */
export function isServed(ctx: DataPathContext, kind: DataPathKind, resource: DataPathObject): boolean {
  if (!ctx.stores[kind].profile.exposes) return ctx.settings.role === 'server';
  const spec = resource.spec as { datamover?: string; dataMoverConfig?: Record<string, string> | null } | undefined;
  return (
    decideDataMover({ role: ctx.settings.role, datamover: spec?.datamover, dataMoverConfig: spec?.dataMoverConfig, classes: ctx.classes() })
      .serve !== false
  );
}

const invalid = (message: string) => ({ type: 'Warning' as const, reason: ControllerEventReason.InvalidSpec, message });

/** Checks a New resource and accepts it (finalizer, label, Accepted, repository objects), or fails it naming the field. */
async function accept(ctx: DataPathContext, ref: ResourceRef, resource: DataPathObject): Promise<void> {
  const profile = ctx.stores[ref.kind].profile;
  const problems = profile.specProblems(resource);
  if (problems.length > 0) {
    const message = formatSpecProblems(problems);
    await finish(ctx, ref, { phase: 'Failed', message, event: invalid(message) });
    return;
  }
  const spec = resource.spec as { datamover?: string; dataMoverConfig?: Record<string, string> | null };
  if (profile.exposes) {
    const decision = decideDataMover({
      role: ctx.settings.role,
      datamover: spec.datamover,
      dataMoverConfig: spec.dataMoverConfig,
      classes: ctx.classes(),
    });
    if (decision.serve === 'invalid') {
      await finish(ctx, ref, { phase: 'Failed', message: decision.message, event: invalid(decision.message) });
      return;
    }
  }
  const bsl = resource.spec?.backupStorageLocation ?? '';
  if (!(await ctx.repositories.findStorageLocation(ref.namespace, bsl))) {
    const message = `spec.backupStorageLocation: BackupStorageLocation "${bsl}" not found in namespace ${ref.namespace}`;
    await finish(ctx, ref, { phase: 'Failed', message, event: invalid(message) });
    return;
  }
  await ctx.repositories.ensureRepository(ref.namespace, bsl, profile.volumeNamespace(resource), uploaderFor(ctx, ref, resource));
  await ctx.stores[ref.kind].mutate(ref.namespace, ref.name, (current) => {
    if (phaseOf(current) !== 'New' || current.metadata?.deletionTimestamp) return undefined;
    setFinalizer(current, true);
    setExposeOnGoing(current, true);
    const now = kubeTime(ctx.now());
    current.status = { ...current.status, phase: 'Accepted', acceptedByNode: ctx.settings.identity, acceptedTimestamp: now };
    return current;
  });
}

/** Applies a cancel decision; true when the resource was handled (nothing else to do in this pass). */
async function applyCancel(ctx: DataPathContext, ref: ResourceRef, resource: DataPathObject): Promise<boolean> {
  const phase = phaseOf(resource);
  const cancelRequested = resource.spec?.cancel === true || Boolean(resource.metadata?.deletionTimestamp);
  const cancelingSince =
    epochOf(resource.metadata?.annotations?.[FerryAnnotation.CancelingSince]) ?? epochOf(resource.status?.startTimestamp);
  const acceptedAt = epochOf(resource.status?.acceptedTimestamp);
  const action = decideCancel({
    phase,
    cancelRequested,
    now: ctx.now().getTime(),
    ...(acceptedAt ? { acceptedAt } : {}),
    ...(cancelingSince ? { cancelingSince } : {}),
  });
  switch (action) {
    case 'cancel-now':
      if (phase === 'New' && !hasFinalizer(resource)) {
        // Never accepted: nothing to clean up; a deleted one just goes.
        if (!resource.metadata?.deletionTimestamp)
          await finish(ctx, ref, { phase: 'Canceled', message: 'canceled before it was accepted' });
        return true;
      }
      await finish(ctx, ref, {
        phase: 'Canceled',
        message: `canceled in phase ${phase}`,
        event: { type: 'Normal', reason: ControllerEventReason.Canceled, message: `canceled in phase ${phase}` },
      });
      return true;
    case 'stop-transfer':
      await publishMoveCancel(ctx, ref, resource);
      await ctx.stores[ref.kind].mutate(ref.namespace, ref.name, (current) => {
        if (phaseOf(current) !== 'InProgress') return undefined;
        setAnnotation(current, FerryAnnotation.CancelingSince, kubeTime(ctx.now()));
        current.status = { ...current.status, phase: 'Canceling' };
        return current;
      });
      return true;
    case 'wait':
      return phase === 'Canceling';
    default:
      return false;
  }
}

/** PVB/PVR in Accepted: find the pod volume; start the move, fail a missing one, or fail after the prepare timeout. */
async function preparePodVolume(ctx: DataPathContext, ref: ResourceRef, resource: DataPathObject): Promise<void> {
  const spec = resource.spec as unknown as { pod: { namespace?: string; name?: string }; volume: string };
  try {
    const target = await ctx.locator.locate(spec.pod.namespace ?? '', spec.pod.name ?? '', spec.volume);
    await prepareAndStartMove(ctx, ref, target);
  } catch (error) {
    if (!(error instanceof ControllerServiceError)) throw error;
    const acceptedAt = epochOf(resource.status?.acceptedTimestamp) ?? ctx.now().getTime();
    const timedOut = ctx.now().getTime() - acceptedAt >= ctx.settings.prepareTimeoutMs;
    if (error.code === ControllerServiceErrorCode.PodNotReady && !timedOut) return;
    const what = ref.kind === 'PodVolumeBackup' ? 'pod volume backup' : 'pod volume restore';
    const message =
      error.code === ControllerServiceErrorCode.PodNotReady ? `timeout on preparing ${what}: ${error.message}` : error.message;
    const reason =
      error.code === ControllerServiceErrorCode.PodNotReady ? ControllerEventReason.PrepareTimeout : ControllerEventReason.InvalidSpec;
    await finish(ctx, ref, { phase: 'Failed', message, event: { type: 'Warning', reason, message } });
  }
}

/** Sends the expose job of an Accepted (or location-less Prepared) DU/DD once per process. */
async function requestExposure(ctx: DataPathContext, ref: ResourceRef, resource: DataPathObject): Promise<void> {
  const key = `expose/${ref.namespace}/${ref.name}/${resource.metadata?.uid ?? ''}`;
  if (ctx.sent.has(key)) return;
  await publishToStream(
    ctx.nats,
    ctx.contracts.messages.exposeJob,
    {},
    {
      v: 1,
      operation: exposeOperation(ref),
      direction: ref.kind === 'DataUpload' ? 'backup' : 'restore',
      acceptedAt: resource.status?.acceptedTimestamp ?? ctx.now().toISOString(),
      prepareTimeoutMs: ctx.settings.prepareTimeoutMs,
    },
    { messageId: `expose-${resource.metadata?.uid ?? ref.name}-${ctx.startedAt}` },
  );
  ctx.sent.add(key);
}

/**
 * One pass over one resource. Idempotent: called on every informer event, every resync and at
 * start-up; it writes only when the resource must change and sends only what this process has
 * not sent. Resources Ferry does not serve are never touched.
 */
export async function reconcileResource(ctx: DataPathContext, kind: DataPathKind, resource: DataPathObject): Promise<void> {
  if (!isServed(ctx, kind, resource)) return;
  const ref = refOf(kind, resource);
  const phase = phaseOf(resource);
  if (isTerminalPhase(phase)) {
    if (hasFinalizer(resource)) {
      await ctx.stores[kind].mutate(ref.namespace, ref.name, (current) => (setFinalizer(current, false), current));
    }
    return;
  }
  if (await applyCancel(ctx, ref, resource)) return;
  const profile = ctx.stores[kind].profile;
  switch (phase) {
    case 'New':
      return accept(ctx, ref, resource);
    case 'Accepted':
      return profile.exposes ? requestExposure(ctx, ref, resource) : preparePodVolume(ctx, ref, resource);
    case 'Prepared': {
      const target = moveTargetOf(resource);
      if (target) return sendMove(ctx, ref, resource, moveAttemptOf(resource));
      return profile.exposes ? requestExposure(ctx, ref, resource) : undefined;
    }
    case 'InProgress':
      if (
        kind === 'DataDownload' &&
        resource.metadata?.annotations?.[FerryAnnotation.DataWritten] &&
        !ctx.sent.has(`complete/${ref.namespace}/${ref.name}`)
      ) {
        await sendCompleteRestore(ctx, ref);
      }
      return;
    default:
      return;
  }
}
