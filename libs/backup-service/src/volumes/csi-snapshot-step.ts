// One claim's CSI snapshot, as Velero's CSI PVC backup item action does it: the VolumeSnapshot
// (found by the Backup's labels, else created with the chosen class), waited for until ready up to
// the Backup's csiSnapshotTimeout (counted from the snapshot's creation, so a restart does not
// extend it), then — when the Backup moves data — its DataUpload. A failure is the claim's item
// error; the snapshot of a failed claim is removed, as Velero removes it.
import {
  VeleroLabel,
  type Backup,
  type DataUpload,
  type VolumeSnapshot,
  type VolumeSnapshotClass,
  type VolumeSnapshotContent,
} from '@ferry/api';
import {
  backupDataUpload,
  backupVolumeSnapshot,
  chooseSnapshotClass,
  effectiveDurations,
  type ResultLogFields,
  type SnapshotWork,
  veleroLabelValue,
} from '@ferry/backup';
import { sleepUnlessAborted } from '@ferry/kube';
import { markSpanFailed, TraceAttribute, withSpan, withTraceAnnotations } from '@ferry/telemetry';
import type { V1PersistentVolumeClaim } from '@kubernetes/client-node';
import type { VolumeResourceClients } from './volume-cluster-reader';

/** What every claim of one `start` shares. */
export interface SnapshotStepContext {
  readonly clients: VolumeResourceClients;
  readonly backup: Backup;
  readonly classes: readonly VolumeSnapshotClass[];
  /** StorageClass provisioners by name. */
  readonly provisioners: ReadonlyMap<string, string>;
  /** The Backup's snapshots that already exist. */
  readonly snapshots: readonly VolumeSnapshot[];
  /** The Backup's DataUploads that already exist. */
  readonly dataUploads: readonly DataUpload[];
  readonly pollMs: number;
  readonly signal: AbortSignal;
}

/** Thrown inside the step to end it with the claim's item error. */
class ClaimFailure {
  constructor(readonly detail: string) {}
}

function itemError(claim: V1PersistentVolumeClaim, detail: string): ResultLogFields {
  const namespace = claim.metadata?.namespace ?? '';
  const name = claim.metadata?.name ?? '';
  return {
    namespace,
    resource: 'persistentvolumeclaims',
    name,
    message: 'Error backing up item',
    error: `error executing custom action (groupResource=persistentvolumeclaims, namespace=${namespace}, name=${name}): ${detail}`,
  };
}

function driverOf(ctx: SnapshotStepContext, claim: V1PersistentVolumeClaim): string {
  const storageClass = claim.spec?.storageClassName;
  if (!storageClass)
    throw new ClaimFailure(`Cannot snapshot PVC ${claim.metadata?.namespace}/${claim.metadata?.name}, PVC has no storage class.`);
  const driver = ctx.provisioners.get(storageClass);
  if (driver === undefined)
    throw new ClaimFailure(`error getting storage class: storageclasses.storage.k8s.io "${storageClass}" not found`);
  return driver;
}

async function ensureSnapshot(
  ctx: SnapshotStepContext,
  work: SnapshotWork,
  claim: V1PersistentVolumeClaim,
  driver: string,
): Promise<VolumeSnapshot> {
  const existing = ctx.snapshots.find(
    (vs) => vs.metadata?.namespace === work.claim.namespace && vs.spec.source.persistentVolumeClaimName === work.claim.name,
  );
  if (existing) return existing;
  const choice = chooseSnapshotClass({
    driver,
    classes: ctx.classes,
    policyClass: work.policyClass,
    claimAnnotations: claim.metadata?.annotations,
    backupAnnotations: ctx.backup.metadata?.annotations ?? undefined,
  });
  if (!choice.ok)
    throw new ClaimFailure(`failed to get VolumeSnapshotClass for StorageClass ${claim.spec?.storageClassName}: ${choice.message}`);
  const facts = {
    ...work.claim,
    uid: claim.metadata?.uid ?? '',
    labels: claim.metadata?.labels,
    storageClass: claim.spec?.storageClassName,
  };
  return ctx.clients.snapshots.create(backupVolumeSnapshot(ctx.backup, facts, choice.name));
}

/** Polls until `snapshot` is ready and bound; ClaimFailure after the timeout from its creation. */
async function waitReady(
  ctx: SnapshotStepContext,
  snapshot: VolumeSnapshot,
): Promise<{ vs: VolumeSnapshot; content: VolumeSnapshotContent }> {
  const timeout = effectiveDurations(ctx.backup.spec ?? {}).csiSnapshotTimeout;
  const created = Date.parse(snapshot.metadata?.creationTimestamp ?? '') || Date.now();
  const namespace = snapshot.metadata?.namespace ?? '';
  const name = snapshot.metadata?.name ?? '';
  for (;;) {
    const vs = await ctx.clients.snapshots.get(namespace, name);
    const contentName = vs.status?.boundVolumeSnapshotContentName;
    if (vs.status?.readyToUse === true && contentName) return { vs, content: await ctx.clients.contents.get(undefined, contentName) };
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (Date.now() >= created + timeout.milliseconds) {
      await ctx.clients.snapshots.delete(namespace, name, { ignoreNotFound: true });
      const cause = vs.status?.error?.message ? `: ${vs.status.error.message}` : '';
      throw new ClaimFailure(`timed out waiting for VolumeSnapshot ${namespace}/${name} to be ready to use after ${timeout.text}${cause}`);
    }
    await sleepUnlessAborted(ctx.pollMs, ctx.signal);
  }
}

/**
 * Snapshots one claim and, when the Backup moves data, creates its DataUpload (`dataMover` from
 * the plan); a kept snapshot's content gets the `velero.io/backup-name` label, as Velero's
 * VolumeSnapshot action sets it. Does nothing for a claim whose DataUpload exists. Resolves with the claim's item error,
 * or undefined when it succeeded; rejects only on API failures that a retry of `start` may fix.
 */
export async function snapshotClaim(
  ctx: SnapshotStepContext,
  work: SnapshotWork,
  claim: V1PersistentVolumeClaim,
): Promise<ResultLogFields | undefined> {
  const moveData = ctx.backup.spec?.snapshotMoveData === true;
  const uid = claim.metadata?.uid ?? '';
  if (moveData && ctx.dataUploads.some((du) => du.metadata?.labels?.['velero.io/pvc-uid'] === uid)) return undefined;
  try {
    const driver = driverOf(ctx, claim);
    const { vs, content } = await waitReady(ctx, await ensureSnapshot(ctx, work, claim, driver));
    if (!moveData) {
      // Velero's VolumeSnapshot action labels the content too, so deletion finds it without the snapshot.
      const name = content.metadata?.name ?? '';
      await ctx.clients.contents.patch(undefined, name, {
        metadata: { labels: { [VeleroLabel.BackupName]: veleroLabelValue(ctx.backup.metadata?.name ?? '') } },
      });
      return undefined;
    }
    // The DataUpload carries this claim's span: its exposure and transfer join the Backup's trace.
    await ctx.clients.dataUploads.create(
      withTraceAnnotations(
        backupDataUpload({
          backup: ctx.backup,
          claim: { ...work.claim, uid, storageClass: claim.spec?.storageClassName },
          snapshot: { name: vs.metadata?.name ?? '', className: vs.spec.volumeSnapshotClassName },
          driver: content.spec.driver,
          dataMover: work.dataMover,
        }),
      ),
    );
    return undefined;
  } catch (error) {
    if (error instanceof ClaimFailure) return itemError(claim, error.detail);
    throw error;
  }
}

/** {@link snapshotClaim} in a span of its own, failed with the claim's item error. */
function tracedSnapshotClaim(ctx: SnapshotStepContext, work: SnapshotWork, claim: V1PersistentVolumeClaim) {
  const attributes = {
    [TraceAttribute.NamespaceName]: work.claim.namespace,
    [TraceAttribute.PvcName]: work.claim.name,
    [TraceAttribute.BackupName]: ctx.backup.metadata?.name ?? '',
    [TraceAttribute.BackupUid]: ctx.backup.metadata?.uid ?? '',
  };
  return withSpan(
    'backup.volume.snapshot',
    async () => {
      const failure = await snapshotClaim(ctx, work, claim);
      if (failure) markSpanFailed(failure.error ?? failure.message, 'SnapshotFailed');
      return failure;
    },
    { attributes },
  );
}

/** At most this many claims are snapshotted (and polled) at once. */
export const snapshotConcurrency = 8;

/**
 * Snapshots every claim of `works` ({@link snapshotClaim}), {@link snapshotConcurrency} at a time;
 * a claim missing from `claims` is its item error. Resolves with the item errors in work order.
 */
export async function snapshotClaims(
  ctx: SnapshotStepContext,
  works: readonly SnapshotWork[],
  claims: ReadonlyMap<string, V1PersistentVolumeClaim>,
): Promise<ResultLogFields[]> {
  const outcomes: (ResultLogFields | undefined)[] = new Array<ResultLogFields | undefined>(works.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < works.length) {
      const index = next++;
      const work = works[index];
      if (!work) continue;
      const claim = claims.get(`${work.claim.namespace}/${work.claim.name}`);
      outcomes[index] = claim
        ? await tracedSnapshotClaim(ctx, work, claim)
        : {
            namespace: work.claim.namespace,
            resource: 'persistentvolumeclaims',
            name: work.claim.name,
            message: 'Error backing up item',
            error: `persistentvolumeclaims "${work.claim.name}" not found`,
          };
    }
  };
  await Promise.all(Array.from({ length: Math.min(snapshotConcurrency, works.length) }, worker));
  return outcomes.filter((outcome): outcome is ResultLogFields => outcome !== undefined);
}
