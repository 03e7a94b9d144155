// The VolumeSnapshotBackup reconciler (docs/velero-compatibility.md#oadp-volumesnapshotbackup-and-volumesnapshotrestore, over Ferry's DataUpload): validate and go
// InProgress; clone the user's snapshot into the protected namespace, write the per-request
// Secret and the DataUpload whose `datamover` is the PVC's class; mirror the DataUpload's outcome
// (SnapshotBackupDone or Failed); remove every intermediate object (Cleanup), then Completed.
import { VolumeSnapshotBackupPhase, type VolumeSnapshotBackup } from '@ferry/api';
import {
  advanceSnapshotMoverStatus,
  completeSnapshotMoverStatus,
  dataPathOutcome,
  DataMoverClassKey,
  failSnapshotMoverStatus,
} from '@ferry/data-movement';
import { resolveBackupPlan, type BackupPlan } from './backup-plan';
import { SnapshotMoverEventReason } from './event-reasons';
import { buildBackupDataUpload, buildCloneContent, buildRequestSecret, buildSnapshot, type OwnerRef } from './intermediate-builders';
import { deleteOwnedObjects } from './owned-objects';
import {
  beforeCleanUp,
  fromSeenPhase,
  servesNamespace,
  settled,
  type PhaseCheck,
  type ReconcileContext,
  type ReconcileResult,
} from './reconcile-context';
import { requestSecretData } from './request-credentials';
import { intermediateName, OwnerKind, requestSecretName, SnapshotMoverAnnotation } from './snapshot-mover-names';
import { runOwnerStep } from './owner-steps';
import { parentFailure } from './parent-operation';

type BackupStatus = NonNullable<VolumeSnapshotBackup['status']>;

function ownerOf(vsb: VolumeSnapshotBackup): OwnerRef {
  return { kind: OwnerKind.Backup, namespace: vsb.metadata?.namespace ?? '', name: vsb.metadata?.name ?? '', uid: vsb.metadata?.uid ?? '' };
}

/** Writes the status computed by `mutate`, refusing when the server's phase is not the one `vsb` (from the cache) shows or `accepts`. */
async function writeStatus(
  ctx: ReconcileContext,
  vsb: VolumeSnapshotBackup,
  mutate: (current: BackupStatus | undefined) => BackupStatus,
  accepts?: PhaseCheck,
): Promise<VolumeSnapshotBackup> {
  const { namespace, name = '' } = vsb.metadata ?? {};
  const what = `VolumeSnapshotBackup ${namespace ?? ''}/${name}`;
  return ctx.api.backups.updateStatus(namespace, name, fromSeenPhase(what, vsb.status?.phase, mutate, accepts));
}

async function start(ctx: ReconcileContext, vsb: VolumeSnapshotBackup): Promise<ReconcileResult> {
  const plan = await resolveBackupPlan(ctx.api, vsb);
  const className = plan.dataMoverClass.metadata?.name ?? '';
  await ctx.api.backups.patch(vsb.metadata?.namespace, vsb.metadata?.name ?? '', {
    metadata: { annotations: { [DataMoverClassKey.Class]: className } },
  });
  const now = ctx.now();
  const updated = await writeStatus(ctx, vsb, (current) => ({
    ...advanceSnapshotMoverStatus(current, VolumeSnapshotBackupPhase.InProgress, `moving with DataMoverClass ${className}`, now),
    sourcePVCData: {
      name: plan.pvc.metadata?.name ?? '',
      size: plan.pvc.spec?.resources?.requests?.['storage'] ?? '',
      storageClassName: plan.pvc.spec?.storageClassName ?? '',
    },
    resticrepository: plan.repository,
    ...(plan.content.spec.volumeSnapshotClassName ? { volumeSnapshotClassName: plan.content.spec.volumeSnapshotClassName } : {}),
  }));
  await ctx.events.record(
    updated,
    'Normal',
    SnapshotMoverEventReason.Started,
    `DataMoverClass ${className} (mover ${plan.dataMoverClass.spec.mover}) moves PVC ${plan.sourceNamespace}/${plan.pvc.metadata?.name ?? ''} to ${plan.repository}`,
  );
  return createIntermediates(ctx, updated, plan);
}

/** Secret, clone VSC + VS, then (once the clone is ready) the DataUpload. Every create is create-if-absent. */
async function createIntermediates(ctx: ReconcileContext, vsb: VolumeSnapshotBackup, plan: BackupPlan): Promise<ReconcileResult> {
  const owner = ownerOf(vsb);
  const name = intermediateName(OwnerKind.Backup, owner.uid);
  const secretName = requestSecretName(name);
  const { api } = ctx;
  await api.createSecretIfAbsent(
    buildRequestSecret(owner, secretName, plan.protectedNamespace, requestSecretData(plan.repository, plan.credentials)),
  );
  if (!(await api.contents.find(undefined, name)))
    await api.contents.create(buildCloneContent(owner, name, plan.protectedNamespace, plan.content, plan.snapshotHandle));
  const clone =
    (await api.snapshots.find(plan.protectedNamespace, name)) ??
    (await api.snapshots.create(
      buildSnapshot(owner, name, plan.protectedNamespace, { contentName: name }, plan.content.spec.volumeSnapshotClassName),
    ));
  if (clone.status?.readyToUse !== true) return { requeueAfterMs: ctx.pollMs };
  const du = buildBackupDataUpload(owner, {
    name,
    protectedNamespace: plan.protectedNamespace,
    sourceNamespace: plan.sourceNamespace,
    sourcePvc: plan.pvc.metadata?.name ?? '',
    storageClass: plan.pvc.spec?.storageClassName ?? '',
    snapshotClass: plan.content.spec.volumeSnapshotClassName,
    driver: plan.content.spec.driver,
    backupStorageLocation: plan.location.metadata?.name ?? '',
    datamover: plan.dataMoverClass.spec.datamover,
    dataMoverConfig: plan.dataMoverClass.spec.dataMoverConfig ?? {},
    credentialsSecret: secretName,
  });
  if (!(await api.dataUploads.find(plan.protectedNamespace, name))) {
    await api.dataUploads.create(du);
    await ctx.events.record(
      vsb,
      'Normal',
      SnapshotMoverEventReason.DataPathCreated,
      `DataUpload ${plan.protectedNamespace}/${name} created with datamover ${du.spec?.datamover ?? ''}`,
    );
  }
  return settled;
}

async function move(ctx: ReconcileContext, vsb: VolumeSnapshotBackup): Promise<ReconcileResult> {
  const owner = ownerOf(vsb);
  const name = intermediateName(OwnerKind.Backup, owner.uid);
  const protectedNamespace = vsb.spec?.protectedNamespace ?? '';
  const du = await ctx.api.dataUploads.find(protectedNamespace, name);
  if (!du) return createIntermediates(ctx, vsb, await resolveBackupPlan(ctx.api, vsb));
  const outcome = dataPathOutcome(`DataUpload ${protectedNamespace}/${name}`, du.status);
  const now = ctx.now();
  if (outcome.kind === 'running') {
    const parentFailed = await parentFailure(ctx.api, protectedNamespace, vsb.metadata?.labels, 'Backup');
    if (!parentFailed) return settled;
    const partial = await writeStatus(ctx, vsb, (current) =>
      failSnapshotMoverStatus(current, parentFailed, ctx.now(), VolumeSnapshotBackupPhase.PartiallyFailed),
    );
    await ctx.events.record(partial, 'Warning', SnapshotMoverEventReason.Failed, parentFailed);
    return settled;
  }
  if (outcome.kind === 'failed') {
    const failed = await writeStatus(ctx, vsb, (current) => failSnapshotMoverStatus(current, outcome.message, now));
    await ctx.events.record(failed, 'Warning', SnapshotMoverEventReason.Failed, outcome.message);
    return settled;
  }
  const snapshotId = du.status?.snapshotID ?? '';
  await ctx.api.backups.patch(owner.namespace, owner.name, {
    metadata: { annotations: { [SnapshotMoverAnnotation.SnapshotId]: snapshotId } },
  });
  const message = `data of DataUpload ${protectedNamespace}/${name} is in the repository as snapshot ${snapshotId || '(empty volume)'}`;
  const done = await writeStatus(ctx, vsb, (current) => ({
    ...advanceSnapshotMoverStatus(current, VolumeSnapshotBackupPhase.SnapshotBackupDone, message, now),
    replicationSourceData: {
      name,
      ...(du.status?.startTimestamp ? { startTimestamp: du.status.startTimestamp } : {}),
      ...(du.status?.completionTimestamp ? { completionTimestamp: du.status.completionTimestamp } : {}),
    },
  }));
  await ctx.events.record(done, 'Normal', SnapshotMoverEventReason.DataMoved, message);
  return settled;
}

async function cleanUp(ctx: ReconcileContext, vsb: VolumeSnapshotBackup): Promise<ReconcileResult> {
  const now = ctx.now();
  if (vsb.status?.phase !== VolumeSnapshotBackupPhase.Cleanup) {
    vsb = await writeStatus(ctx, vsb, (current) =>
      advanceSnapshotMoverStatus(current, VolumeSnapshotBackupPhase.Cleanup, 'removing the intermediate objects', now),
    );
  }
  const remaining = await deleteOwnedObjects(ctx.api, vsb.metadata?.uid ?? '', ctx.namespace);
  if (remaining > 0) return { requeueAfterMs: ctx.pollMs };
  const completed = await writeStatus(ctx, vsb, (current) => ({
    ...completeSnapshotMoverStatus(current, `completed: data in ${current?.resticrepository ?? 'the repository'}`, now),
    completed: true,
  }));
  await ctx.events.record(completed, 'Normal', SnapshotMoverEventReason.Completed, 'intermediate objects removed');
  return settled;
}

/**
 * One reconcile pass of `vsb` as the informer cache shows it (a deleted VSB's objects are removed
 * by the controller's leftover clean-up, not here). Each step writes the status and returns; the
 * status write's update event brings the VSB back for the next step. Invalid requests end Failed
 * with the cause in status and a Warning Event; other errors reject for a retry with backoff.
 */
export async function reconcileBackup(ctx: ReconcileContext, vsb: VolumeSnapshotBackup): Promise<ReconcileResult> {
  if (!servesNamespace(ctx, vsb.spec?.protectedNamespace)) return settled;
  return runOwnerStep(ctx, vsb.status?.phase, vsb.metadata?.uid ?? '', {
    start: () => start(ctx, vsb),
    move: () => move(ctx, vsb),
    cleanUp: () => cleanUp(ctx, vsb),
    fail: async (message) => {
      const failed = await writeStatus(ctx, vsb, (current) => failSnapshotMoverStatus(current, message, ctx.now()), beforeCleanUp);
      await ctx.events.record(failed, 'Warning', SnapshotMoverEventReason.InvalidRequest, message);
    },
  });
}
