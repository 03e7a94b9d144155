// The IO of Velero's `patchDynamicPVWithVolumeInfo` at finalization: for every re-provisioned
// volume the restore created a claim for, poll the claim and its PV (Velero: every 10 s, up to the
// resource timeout; at most three at once) and patch the PV with the backed-up reclaim policy and
// labels once bound. Resolves with the restore errors, by restored namespace, in Velero's words.
// While it waits, the Restore's `ferry.io/waiting-for` annotation and the service log name each
// claim it waits for and why (its phase, its data source, its PV) — Velero waits silently.
import type { BackupVolumeInfo, Restore } from '@ferry/api';
import { isNotFound, sleepUnlessAborted } from '@ferry/kube';
import { mapWithLimit } from '@ferry/resource-backup';
import {
  checkDynamicVolume,
  claimOperationPhases,
  dynamicVolumeTargets,
  nestedValue,
  type DynamicVolumeTarget,
  type ItemJson,
  type RestoredClaimRef,
  type RestoreOperation,
} from '@ferry/restore';
import type { ApiObjectClient } from '../api/api-object-client';
import { restoreApiResources } from '../api/api-resources';
import { countOf } from './volume-waits';

const { claims, volumes, storageClasses } = restoreApiResources;

/** What the patcher works with. */
export interface DynamicVolumePatching {
  readonly api: ApiObjectClient;
  readonly restore: Restore;
  readonly volumeInfos: readonly BackupVolumeInfo[];
  readonly restoredClaims: readonly RestoredClaimRef[];
  readonly operations: readonly RestoreOperation[];
  readonly pollMs: number;
  readonly timeoutMs: number;
  readonly now: () => Date;
  readonly log: (message: string) => void;
  /** Called when what the step waits for changes (`""` once it waits for nothing); best effort. */
  readonly onWaiting: (waitingFor: string) => Promise<void>;
  readonly signal: AbortSignal;
}

/** The claims the step waits for, by `namespace/name`, each with why (undefined: no longer waited for); every change is reported. */
interface WaitReport {
  set(claim: string, reason: string | undefined): Promise<void>;
}

/** `1 PVC to be bound for its PV patch: app/data: claim Pending, no PV bound yet`. Pure. */
function waitingSummary(waiting: ReadonlyMap<string, string>): string {
  if (waiting.size === 0) return '';
  const claims = [...waiting].map(([claim, reason]) => `${claim}: ${reason}`).join('; ');
  return `${countOf(waiting.size, 'PVC')} to be bound for its PV patch: ${claims}`;
}

function createWaitReport(patching: DynamicVolumePatching): WaitReport {
  const waiting = new Map<string, string>();
  let reported = '';
  // Reports run one after another, each sending the summary of its moment, so the last one wins.
  let queue = Promise.resolve();
  const publish = (): Promise<void> =>
    (queue = queue.then(async () => {
      const summary = waitingSummary(waiting);
      if (summary === reported) return;
      reported = summary;
      await patching.onWaiting(summary).catch((error: unknown) => {
        patching.log(`could not record what the restore waits for: ${error instanceof Error ? error.message : String(error)}`);
      });
    }));
  return {
    async set(claim, reason) {
      if (waiting.get(claim) === reason) return;
      if (reason === undefined) waiting.delete(claim);
      else {
        waiting.set(claim, reason);
        patching.log(`waiting for PVC ${claim} to be bound before patching its PV: ${reason}`);
      }
      await publish();
    },
  };
}

/** One restore error of the step. */
export interface DynamicVolumeError {
  readonly namespace: string;
  readonly message: string;
}

async function getOrUndefined(read: () => Promise<ItemJson>): Promise<ItemJson | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function waitsForFirstConsumer(patching: DynamicVolumePatching, claim: ItemJson): Promise<boolean> {
  const className = nestedValue(claim, 'spec', 'storageClassName');
  if (nestedValue(claim, 'status', 'phase') !== 'Pending' || typeof className !== 'string') return false;
  const storageClass = await patching.api.get(storageClasses, '', className, patching.signal);
  return storageClass['volumeBindingMode'] === 'WaitForFirstConsumer';
}

const claimKey = (target: DynamicVolumeTarget): string => `${target.claimNamespace}/${target.claimName}`;

async function patchOne(patching: DynamicVolumePatching, target: DynamicVolumeTarget, report: WaitReport): Promise<void> {
  const { api, signal } = patching;
  const deadline = patching.now().getTime() + patching.timeoutMs;
  const operationPhases = claimOperationPhases(patching.operations, target);
  for (;;) {
    const claim = await getOrUndefined(() => api.get(claims, target.claimNamespace, target.claimName, signal));
    const volumeName = claim ? nestedValue(claim, 'spec', 'volumeName') : undefined;
    const volume =
      typeof volumeName === 'string' && volumeName !== ''
        ? await getOrUndefined(() => api.get(volumes, '', volumeName, signal))
        : undefined;
    const check = checkDynamicVolume(target, {
      claim,
      volume,
      operationPhases,
      waitsForFirstConsumer: claim ? await waitsForFirstConsumer(patching, claim) : false,
    });
    if (check.kind === 'wait') await report.set(claimKey(target), check.reason);
    if (check.kind === 'error') throw new Error(check.message);
    if (check.kind === 'done') {
      if (check.skipped) patching.log(`skipping PV patch of PVC ${target.claimNamespace}/${target.claimName}: ${check.skipped}`);
      return;
    }
    if (check.kind === 'patch') {
      await api.mergePatch(volumes, '', check.volumeName, check.patch, signal);
      patching.log(`newly dynamically provisioned PV:${check.volumeName} has been patched using volume info`);
      return;
    }
    if (patching.now().getTime() >= deadline) {
      patching.log(`gave up waiting for PVC ${claimKey(target)} after the resource timeout: ${check.reason}`);
      throw new Error('context deadline exceeded');
    }
    await sleepUnlessAborted(patching.pollMs, signal);
  }
}

/** Runs the step over every target; resolves with its errors. */
export async function patchDynamicVolumes(patching: DynamicVolumePatching): Promise<DynamicVolumeError[]> {
  const targets = dynamicVolumeTargets(patching.volumeInfos, patching.restore.spec?.namespaceMapping ?? {}, patching.restoredClaims);
  const errors: DynamicVolumeError[] = [];
  const report = createWaitReport(patching);
  await mapWithLimit(targets, 3, async (target) => {
    await patchOne(patching, target, report)
      .catch((error: unknown) => {
        if (patching.signal.aborted) throw error;
        errors.push({
          namespace: target.claimNamespace,
          message: `fail to patch dynamic PV, err: ${error instanceof Error ? error.message : String(error)}, PVC: ${target.claimName}, PV: ${target.backedUpVolume}`,
        });
      })
      .finally(() => report.set(claimKey(target), undefined));
  });
  return errors;
}
