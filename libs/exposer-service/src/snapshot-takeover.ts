// Takeover of the user's CSI snapshot (docs/velero-compatibility.md#csi-snapshot-exposure steps
// 2–4): wait for the VolumeSnapshot to be ready, then execute `planSnapshotTakeover` step by step.
// Every step is idempotent, so a takeover interrupted by a crash completes when run again.
import type { DataUpload, VolumeSnapshot, VolumeSnapshotContent } from '@ferry/api';
import { buildBackupVs, buildBackupVsc, planSnapshotTakeover, type BackupExposureInput, type ExposureStep } from '@ferry/exposer';
import { createIfAbsent, sleepUnlessAborted, waitUntilGone } from '@ferry/kube';
import { ExposerServiceError, ExposerServiceErrorCode } from './errors';
import { throwIfAborted } from './exposure-object-store';
import type { SnapshotExposureApi } from './snapshot-exposure-api';

/** The snapshot objects the backupPVC and pod builders read. */
export interface SnapshotSources {
  readonly sourceVs: VolumeSnapshot;
  readonly sourceVsc: VolumeSnapshotContent;
  /** True when the user's VS/VSC still need taking over; false when VS/VSC `<du>` already replaced them. */
  readonly takeoverPending: boolean;
}

/** Timing of the takeover. */
export interface TakeoverTiming {
  readonly pollMs: number;
  /** Bounds the wait for the original VS and VSC to go (the DU operationTimeout). */
  readonly deleteTimeoutMs: number;
}

function invalid(message: string, retryable = false): ExposerServiceError {
  return new ExposerServiceError(ExposerServiceErrorCode.SnapshotExposeInvalid, message, { retryable });
}

async function waitReady(
  api: SnapshotExposureApi,
  namespace: string,
  name: string,
  pollMs: number,
  signal?: AbortSignal,
): Promise<VolumeSnapshot | undefined> {
  const never = new AbortController().signal;
  for (;;) {
    throwIfAborted(signal, `waiting for VolumeSnapshot ${namespace}/${name} to be ready`);
    const vs = await api.snapshots.find(namespace, name);
    if (!vs || vs.status?.readyToUse === true) return vs;
    await sleepUnlessAborted(pollMs, signal ?? never);
  }
}

/**
 * Finds what the builders read: the user's ready VS and its VSC (waiting, bounded by `signal`, for
 * readiness), or — when the takeover already removed them — VS and VSC `<du>`. Rejects with
 * `EXPOSER_SNAPSHOT_EXPOSE_INVALID` when neither exists.
 */
export async function resolveSnapshotSources(
  api: SnapshotExposureApi,
  du: DataUpload,
  namespace: string,
  pollMs: number,
  signal?: AbortSignal,
): Promise<SnapshotSources> {
  const name = du.metadata?.name ?? '';
  const sourceNamespace = du.spec?.sourceNamespace ?? '';
  const vsName = du.spec?.csiSnapshot?.volumeSnapshot ?? '';
  const userVs = await waitReady(api, sourceNamespace, vsName, pollMs, signal);
  const boundContent = userVs?.status?.boundVolumeSnapshotContentName;
  const userVsc = boundContent ? await api.contents.find(undefined, boundContent) : undefined;
  if (userVs && userVsc) return { sourceVs: userVs, sourceVsc: userVsc, takeoverPending: true };
  const [backupVs, backupVsc] = await Promise.all([api.snapshots.find(namespace, name), api.contents.find(undefined, name)]);
  if (backupVs && backupVsc) return { sourceVs: backupVs, sourceVsc: backupVsc, takeoverPending: false };
  if (userVs)
    throw invalid(
      `VolumeSnapshot ${sourceNamespace}/${vsName} is ready but its content ${boundContent ?? '(none)'} is missing: the snapshot cannot be taken over; retry once the snapshot controller bound it`,
      true,
    );
  throw invalid(
    `VolumeSnapshot ${sourceNamespace}/${vsName} of DataUpload ${namespace}/${name} does not exist and was not taken over: create the snapshot before the DataUpload`,
  );
}

async function runStep(
  api: SnapshotExposureApi,
  input: BackupExposureInput,
  step: ExposureStep,
  timing: TakeoverTiming,
  signal?: AbortSignal,
): Promise<void> {
  const { target } = step;
  const isVs = target.kind === 'VolumeSnapshot';
  const describe = `${isVs ? 'volumesnapshot' : 'volumesnapshotcontent'} ${target.namespace ? `${target.namespace}/` : ''}${target.name}`;
  switch (step.action) {
    case 'create': {
      if (isVs) {
        await createIfAbsent(
          describe,
          () => api.snapshots.create(buildBackupVs(input)),
          () => api.snapshots.get(target.namespace, target.name),
        );
        return;
      }
      const backupVs = await api.snapshots.get(input.namespace, target.name);
      const vsc = buildBackupVsc(input, backupVs.metadata?.uid);
      if (!vsc.ok) throw invalid(vsc.problem.message, true);
      await createIfAbsent(
        describe,
        () => api.contents.create(vsc.value),
        () => api.contents.get(undefined, target.name),
      );
      return;
    }
    case 'setSnapshotDeletionPolicy': {
      const current = await api.contents.find(undefined, target.name);
      if (current && current.spec.deletionPolicy !== step.policy) {
        await api.contents.patch(undefined, target.name, { spec: { deletionPolicy: step.policy } });
      }
      return;
    }
    case 'delete': {
      const client = isVs ? api.snapshots : api.contents;
      await client.delete(target.namespace, target.name, { ignoreNotFound: true });
      if (step.waitUntilGone) {
        await waitUntilGone(describe, () => client.find(target.namespace, target.name), {
          timeoutMs: timing.deleteTimeoutMs,
          pollMs: Math.min(timing.pollMs, 500),
          ...(signal ? { signal } : {}),
        });
      }
      return;
    }
    default:
      throw invalid(`snapshot takeover step ${step.action} is not supported by the CSI snapshot exposer`);
  }
}

/**
 * Creates VS/VSC `<du>` over the user's snapshot, retains the original VSC and deletes the
 * original VS and VSC, waiting for each (bounded by `timing.deleteTimeoutMs` and `signal`).
 */
export async function takeOverSnapshot(
  api: SnapshotExposureApi,
  input: BackupExposureInput,
  timing: TakeoverTiming,
  signal?: AbortSignal,
): Promise<void> {
  const steps = planSnapshotTakeover({
    dataUploadName: input.dataUpload.metadata?.name ?? '',
    namespace: input.namespace,
    sourceVs: { name: input.sourceVs.metadata?.name ?? '', namespace: input.sourceVs.metadata?.namespace ?? '' },
    sourceVscName: input.sourceVsc.metadata?.name ?? '',
  });
  for (const step of steps) {
    throwIfAborted(signal, `taking over the snapshot of DataUpload ${input.namespace}/${input.dataUpload.metadata?.name ?? ''}`);
    await runStep(api, input, step, timing, signal);
  }
}
