// The VolumeSnapshotRestore reconciler (docs/velero-compatibility.md#oadp-volumesnapshotbackup-and-volumesnapshotrestore, over Ferry's DataDownload): validate and
// go InProgress; create the per-request Secret, a target PVC in the protected namespace and the
// DataDownload restoring the snapshot into it; once Completed, snapshot the target PVC and report
// the snapshot's handle and content (SnapshotRestoreDone); remove the intermediate objects
// (Cleanup) and end Completed. The reported VolumeSnapshotContent stays (Retain) for the CSI restore.
import { SnapshotDeletionPolicy, VolumeSnapshotRestorePhase, type VolumeSnapshotRestore } from '@ferry/api';
import { advanceSnapshotMoverStatus, completeSnapshotMoverStatus, dataPathOutcome, failSnapshotMoverStatus } from '@ferry/data-movement';
import { SnapshotMoverEventReason } from './event-reasons';
import { buildRequestSecret, buildRestoreDataDownload, buildRestoreTarget, buildSnapshot, type OwnerRef } from './intermediate-builders';
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
import { runOwnerStep } from './owner-steps';
import { parentFailure } from './parent-operation';
import { resolveRestorePlan, type RestorePlan } from './restore-plan';
import {
  intermediateName,
  OwnerKind,
  requestSecretName,
  restoreTargetName,
  SnapshotMoverAnnotation,
  SnapshotMoverLabel,
} from './snapshot-mover-names';

type RestoreStatus = NonNullable<VolumeSnapshotRestore['status']>;

function ownerOf(vsr: VolumeSnapshotRestore): OwnerRef {
  return {
    kind: OwnerKind.Restore,
    namespace: vsr.metadata?.namespace ?? '',
    name: vsr.metadata?.name ?? '',
    uid: vsr.metadata?.uid ?? '',
  };
}

/** Writes the status computed by `mutate`, refusing when the server's phase is not the one `vsr` (from the cache) shows or `accepts`. */
async function writeStatus(
  ctx: ReconcileContext,
  vsr: VolumeSnapshotRestore,
  mutate: (current: RestoreStatus | undefined) => RestoreStatus,
  accepts?: PhaseCheck,
): Promise<VolumeSnapshotRestore> {
  const { namespace, name = '' } = vsr.metadata ?? {};
  const what = `VolumeSnapshotRestore ${namespace ?? ''}/${name}`;
  return ctx.api.restores.updateStatus(namespace, name, fromSeenPhase(what, vsr.status?.phase, mutate, accepts));
}

async function start(ctx: ReconcileContext, vsr: VolumeSnapshotRestore): Promise<ReconcileResult> {
  const plan = await resolveRestorePlan(ctx.api, vsr);
  const className = plan.dataMoverClass.metadata?.name ?? '';
  const updated = await writeStatus(ctx, vsr, (current) =>
    advanceSnapshotMoverStatus(
      current,
      VolumeSnapshotRestorePhase.InProgress,
      `restoring snapshot ${plan.snapshotId} with DataMoverClass ${className}`,
      ctx.now(),
    ),
  );
  await ctx.events.record(
    updated,
    'Normal',
    SnapshotMoverEventReason.Started,
    `DataMoverClass ${className} (mover ${plan.dataMoverClass.spec.mover}) restores snapshot ${plan.snapshotId} from ${plan.repository}`,
  );
  return createIntermediates(ctx, updated, plan);
}

async function createIntermediates(ctx: ReconcileContext, vsr: VolumeSnapshotRestore, plan: RestorePlan): Promise<ReconcileResult> {
  const owner = ownerOf(vsr);
  const name = intermediateName(OwnerKind.Restore, owner.uid);
  const secretName = requestSecretName(name);
  const target = restoreTargetName(name);
  const { api } = ctx;
  await api.createSecretIfAbsent(
    buildRequestSecret(owner, secretName, plan.protectedNamespace, requestSecretData(plan.repository, plan.credentials)),
  );
  await api.createPvcIfAbsent(buildRestoreTarget(owner, target, plan.protectedNamespace, plan.size, plan.storageClassName));
  if (!(await api.dataDownloads.find(plan.protectedNamespace, name))) {
    const dd = await api.dataDownloads.create(
      buildRestoreDataDownload(owner, {
        name,
        protectedNamespace: plan.protectedNamespace,
        targetPvc: target,
        sourceNamespace: plan.volumeNamespace,
        snapshotId: plan.snapshotId,
        backupStorageLocation: plan.location.metadata?.name ?? '',
        datamover: plan.dataMoverClass.spec.datamover,
        dataMoverConfig: plan.dataMoverConfig,
        credentialsSecret: secretName,
      }),
    );
    await ctx.events.record(
      vsr,
      'Normal',
      SnapshotMoverEventReason.DataPathCreated,
      `DataDownload ${plan.protectedNamespace}/${name} created with datamover ${dd.spec?.datamover ?? ''}`,
    );
  }
  return settled;
}

/** After the DataDownload: the snapshot of the target PVC, its content kept (Retain, labelled as this VSR's product). */
async function snapshotRestoredData(ctx: ReconcileContext, vsr: VolumeSnapshotRestore, name: string): Promise<ReconcileResult> {
  const owner = ownerOf(vsr);
  const namespace = vsr.spec?.protectedNamespace ?? '';
  const className = vsr.spec?.volumeSnapshotMoverBackupRef?.volumeSnapshotClassName;
  const snapshot =
    (await ctx.api.snapshots.find(namespace, name)) ??
    (await ctx.api.snapshots.create(buildSnapshot(owner, name, namespace, { claimName: restoreTargetName(name) }, className)));
  const contentName = snapshot.status?.boundVolumeSnapshotContentName;
  const content = contentName ? await ctx.api.contents.find(undefined, contentName) : undefined;
  const handle = content?.status?.snapshotHandle;
  if (snapshot.status?.readyToUse !== true || !content || !contentName || !handle) return { requeueAfterMs: ctx.pollMs };
  await ctx.api.contents.patch(undefined, contentName, {
    metadata: {
      labels: { [SnapshotMoverLabel.RestoredFor]: owner.uid },
      annotations: { [SnapshotMoverAnnotation.Owner]: `${owner.namespace}/${owner.name}` },
    },
    spec: { deletionPolicy: SnapshotDeletionPolicy.Retain },
  });
  const message = `restored data snapshotted: VolumeSnapshotContent ${contentName}, handle ${handle}`;
  const done = await writeStatus(ctx, vsr, (current) => ({
    ...advanceSnapshotMoverStatus(current, VolumeSnapshotRestorePhase.SnapshotRestoreDone, message, ctx.now()),
    snapshotHandle: handle,
    volumeSnapshotContentName: contentName,
  }));
  await ctx.events.record(done, 'Normal', SnapshotMoverEventReason.DataMoved, message);
  return settled;
}

async function move(ctx: ReconcileContext, vsr: VolumeSnapshotRestore): Promise<ReconcileResult> {
  const name = intermediateName(OwnerKind.Restore, vsr.metadata?.uid ?? '');
  const namespace = vsr.spec?.protectedNamespace ?? '';
  const dd = await ctx.api.dataDownloads.find(namespace, name);
  if (!dd) return createIntermediates(ctx, vsr, await resolveRestorePlan(ctx.api, vsr));
  const outcome = dataPathOutcome(`DataDownload ${namespace}/${name}`, dd.status);
  if (outcome.kind === 'running') {
    const parentFailed = await parentFailure(ctx.api, namespace, vsr.metadata?.labels, 'Restore');
    if (!parentFailed) return settled;
    const partial = await writeStatus(ctx, vsr, (current) =>
      failSnapshotMoverStatus(current, parentFailed, ctx.now(), VolumeSnapshotRestorePhase.PartiallyFailed),
    );
    await ctx.events.record(partial, 'Warning', SnapshotMoverEventReason.Failed, parentFailed);
    return settled;
  }
  if (outcome.kind === 'failed') {
    const failed = await writeStatus(ctx, vsr, (current) => failSnapshotMoverStatus(current, outcome.message, ctx.now()));
    await ctx.events.record(failed, 'Warning', SnapshotMoverEventReason.Failed, outcome.message);
    return settled;
  }
  if (!vsr.status?.replicationDestinationData?.name) {
    vsr = await writeStatus(ctx, vsr, (current) => ({
      ...(current ?? {}),
      replicationDestinationData: {
        name,
        ...(dd.status?.startTimestamp ? { startTimestamp: dd.status.startTimestamp } : {}),
        ...(dd.status?.completionTimestamp ? { completionTimestamp: dd.status.completionTimestamp } : {}),
      },
    }));
  }
  return snapshotRestoredData(ctx, vsr, name);
}

async function cleanUp(ctx: ReconcileContext, vsr: VolumeSnapshotRestore): Promise<ReconcileResult> {
  if (vsr.status?.phase !== VolumeSnapshotRestorePhase.Cleanup) {
    vsr = await writeStatus(ctx, vsr, (current) =>
      advanceSnapshotMoverStatus(current, VolumeSnapshotRestorePhase.Cleanup, 'removing the intermediate objects', ctx.now()),
    );
  }
  const remaining = await deleteOwnedObjects(ctx.api, vsr.metadata?.uid ?? '', ctx.namespace);
  if (remaining > 0) return { requeueAfterMs: ctx.pollMs };
  const completed = await writeStatus(ctx, vsr, (current) =>
    completeSnapshotMoverStatus(
      current,
      `completed: restored data in VolumeSnapshotContent ${current?.volumeSnapshotContentName ?? ''}`,
      ctx.now(),
    ),
  );
  await ctx.events.record(completed, 'Normal', SnapshotMoverEventReason.Completed, 'intermediate objects removed');
  return settled;
}

/**
 * One reconcile pass of `vsr` as the informer cache shows it; the same contract as `reconcileBackup`
 * (invalid requests end Failed with status + Warning Event; other errors reject for a retry).
 */
export async function reconcileRestore(ctx: ReconcileContext, vsr: VolumeSnapshotRestore): Promise<ReconcileResult> {
  if (!servesNamespace(ctx, vsr.spec?.protectedNamespace)) return settled;
  return runOwnerStep(ctx, vsr.status?.phase, vsr.metadata?.uid ?? '', {
    start: () => start(ctx, vsr),
    move: () => move(ctx, vsr),
    cleanUp: () => cleanUp(ctx, vsr),
    fail: async (message) => {
      const failed = await writeStatus(ctx, vsr, (current) => failSnapshotMoverStatus(current, message, ctx.now()), beforeCleanUp);
      await ctx.events.record(failed, 'Warning', SnapshotMoverEventReason.InvalidRequest, message);
    },
  });
}
