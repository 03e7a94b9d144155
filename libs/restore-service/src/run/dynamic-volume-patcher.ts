// The IO of Velero's `patchDynamicPVWithVolumeInfo` at finalization: for every re-provisioned
// volume the restore created a claim for, poll the claim and its PV (Velero: every 10 s, up to the
// resource timeout; at most three at once) and patch the PV with the backed-up reclaim policy and
// labels once bound. Resolves with the restore errors, by restored namespace, in Velero's words.
import type { BackupVolumeInfo, Restore } from '@ferry/api';
import { isNotFound, sleepUnlessAborted } from '@ferry/kube';
import { mapWithLimit } from '@ferry/resource-backup';
import {
  checkDynamicVolume,
  dynamicVolumeTargets,
  nestedValue,
  type DynamicVolumeTarget,
  type ItemJson,
  type RestoredClaimRef,
  type RestoreOperation,
} from '@ferry/restore';
import type { ApiObjectClient } from '../api/api-object-client';
import { restoreApiResources } from '../api/api-resources';

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
  readonly signal: AbortSignal;
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

async function patchOne(patching: DynamicVolumePatching, target: DynamicVolumeTarget): Promise<void> {
  const { api, signal } = patching;
  const deadline = patching.now().getTime() + patching.timeoutMs;
  const operationPhases = patching.operations
    .filter(
      (operation) =>
        operation.spec.resourceIdentifier.Namespace === target.claimNamespace &&
        operation.spec.resourceIdentifier.Name === target.claimName,
    )
    .map((operation) => operation.status.phase ?? '');
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
    if (patching.now().getTime() >= deadline) throw new Error('context deadline exceeded');
    await sleepUnlessAborted(patching.pollMs, signal);
  }
}

/** Runs the step over every target; resolves with its errors. */
export async function patchDynamicVolumes(patching: DynamicVolumePatching): Promise<DynamicVolumeError[]> {
  const targets = dynamicVolumeTargets(patching.volumeInfos, patching.restore.spec?.namespaceMapping ?? {}, patching.restoredClaims);
  const errors: DynamicVolumeError[] = [];
  await mapWithLimit(targets, 3, async (target) => {
    await patchOne(patching, target).catch((error: unknown) => {
      if (patching.signal.aborted) throw error;
      errors.push({
        namespace: target.claimNamespace,
        message: `fail to patch dynamic PV, err: ${error instanceof Error ? error.message : String(error)}, PVC: ${target.claimName}, PV: ${target.backedUpVolume}`,
      });
    });
  });
  return errors;
}
