// Sending a move job (DESIGN data flow step 4): the resource is Prepared on the node where its
// volume is, the job goes to that node's mover (id per attempt, so a re-send is the same job),
// and the resource becomes InProgress. Also the DataDownload's PV hand-over after the data is written.
import { NodeOS, VeleroLabel } from '@ferry/api';
import { decideDataMover, podVolumeUploader, type MoverUploader } from '@ferry/data-movement';
import { publishToStream } from '@ferry/nats';
import { exposeOperation, phaseOf, type DataPathContext, type ResourceRef } from './data-path-context';
import type { DataPathObject } from './data-path-resources';
import { FerryAnnotation, kubeTime, moveAttemptOf, moveTargetOf, setAnnotation, setExposeOnGoing, type MoveTarget } from './resource-marks';

/** The uploader of a resource: DU/DD by datamover class and config, PVB/PVR by `spec.uploaderType`. */
export function uploaderFor(ctx: DataPathContext, ref: ResourceRef, resource: DataPathObject): MoverUploader {
  const spec = resource.spec as { datamover?: string; dataMoverConfig?: Record<string, string> | null; uploaderType?: string } | undefined;
  if (!ctx.stores[ref.kind].profile.exposes) return podVolumeUploader(spec?.uploaderType);
  const decision = decideDataMover({
    role: ctx.settings.role,
    datamover: spec?.datamover,
    dataMoverConfig: spec?.dataMoverConfig,
    classes: ctx.classes(),
  });
  return decision.serve === true ? decision.uploader : 'kopia';
}

/**
 * Records where the volume is (Prepared, `status.node`), then sends the move job of the current
 * attempt and writes InProgress. Called for Accepted (fresh exposure) and Prepared (a restart
 * between the two writes); the job id dedupes a second send. No-op in other phases.
 */
export async function prepareAndStartMove(ctx: DataPathContext, ref: ResourceRef, target: MoveTarget): Promise<void> {
  const store = ctx.stores[ref.kind];
  const prepared = await store.mutate(ref.namespace, ref.name, (resource) => {
    const phase = phaseOf(resource);
    if (phase === 'Prepared' && moveTargetOf(resource)) return undefined;
    if (phase !== 'Accepted' && phase !== 'Prepared') return undefined;
    setAnnotation(resource, FerryAnnotation.MoveVolume, JSON.stringify(target));
    resource.status = { ...resource.status, phase: 'Prepared', node: target.node };
    return resource;
  });
  if (!prepared || phaseOf(prepared) !== 'Prepared') return;
  await sendMove(ctx, ref, prepared, moveAttemptOf(prepared));
}

/** Sends attempt `attempt` of the move to the recorded node and writes InProgress (or keeps it, with the new attempt). */
export async function sendMove(ctx: DataPathContext, ref: ResourceRef, resource: DataPathObject, attempt: number): Promise<void> {
  const target = moveTargetOf(resource);
  if (!target) throw new Error(`${ref.kind} ${ref.namespace}/${ref.name} has no recorded volume location`);
  const job = ctx.stores[ref.kind].profile.buildMoveJob(resource, {
    uploader: uploaderFor(ctx, ref, resource),
    volume: { podUid: target.podUid, volumeDir: target.volumeDir },
    attempt,
    now: ctx.now(),
    ...(target.claimName ? { claimName: target.claimName } : {}),
  });
  if (!ctx.sent.has(`move/${job.jobId}`)) {
    await publishToStream(ctx.nats, ctx.contracts.messages.moveJob, { node: target.node }, job, { messageId: job.jobId });
    ctx.sent.add(`move/${job.jobId}`);
    ctx.logger.info({ resource: `${ref.kind}/${ref.namespace}/${ref.name}`, jobId: job.jobId, node: target.node }, 'move job sent');
  }
  await ctx.stores[ref.kind].mutate(ref.namespace, ref.name, (current) => {
    const phase = phaseOf(current);
    if (phase !== 'Prepared' && phase !== 'InProgress') return undefined;
    if (phase === 'InProgress' && moveAttemptOf(current) === attempt) return undefined;
    setAnnotation(current, FerryAnnotation.MoveAttempt, attempt === 1 ? undefined : String(attempt));
    setExposeOnGoing(current, false);
    current.status = {
      ...current.status,
      phase: 'InProgress',
      startTimestamp: current.status?.startTimestamp ?? kubeTime(ctx.now()),
      ...(ref.kind === 'DataUpload' ? { nodeOS: NodeOS.Linux } : {}),
    };
    return current;
  });
}

/** DataDownload: asks the exposer to hand the restored PV over to the target PVC (idempotent). */
export async function sendCompleteRestore(ctx: DataPathContext, ref: ResourceRef): Promise<void> {
  await publishToStream(ctx.nats, ctx.contracts.messages.exposeCompleteRestoreJob, {}, { v: 1, operation: exposeOperation(ref) });
  ctx.sent.add(`complete/${ref.namespace}/${ref.name}`);
}

/** Whether `resource` still carries Velero's expose-on-going label. */
export function isExposeOnGoing(resource: DataPathObject): boolean {
  return resource.metadata?.labels?.[VeleroLabel.ExposeOnGoing] === 'true';
}
