// One move job from start to summary: find the volume, resolve and prepare the repository, run
// the uploader with progress and the job's AbortSignal. No NATS here: the handler reports.
import { createHash } from 'node:crypto';
import { KopiaSnapshotTag } from '@ferry/api';
import type { FerryContracts, MessageOf } from '@ferry/contracts';
import { UploaderError, UploaderErrorCode, type BackupParent, type RepositoryAccess, type TransferProgress, type Uploader } from '@ferry/uploader';
import type { RepositoryAccessResolver } from './repository-access-resolver';
import { locateVolume } from './volume-locator';

/** A move job as the mover receives it. */
export type MoveJob = MessageOf<FerryContracts['messages']['moveJob']>;
/** What a completed move reports (the result's `summary`). */
export type MoveSummary = NonNullable<MessageOf<FerryContracts['messages']['moveResult']>['summary']>;

/** Where a running job is, as `GET /v1/jobs` shows it. */
export const MoveJobState = {
  Locating: 'locating volume',
  Connecting: 'connecting repository',
  Moving: 'moving data',
} as const;
/** One of {@link MoveJobState}. */
export type MoveJobState = (typeof MoveJobState)[keyof typeof MoveJobState];

/** Callbacks and the stop signal of one run. */
export interface MoveRunHooks {
  /** Aborting stops the tool; the run rejects with `UPLOADER_CANCELED` (or the error of the step that was running). */
  readonly signal: AbortSignal;
  readonly onProgress: (progress: TransferProgress) => void;
  readonly onState: (state: MoveJobState) => void;
}

/** Runs move jobs on this node. */
export interface MoveJobRunner {
  /** Runs `job` to its end; rejects with a classified `MoverServiceError` or `UploaderError`. */
  run(job: MoveJob, hooks: MoveRunHooks): Promise<MoveSummary>;
}

/** Options of {@link createMoveJobRunner}. */
export interface MoveJobRunnerOptions {
  readonly uploaders: Readonly<Record<'restic' | 'kopia', Uploader>>;
  readonly resolver: RepositoryAccessResolver;
  readonly kubeletRoot: string;
}

/** Velero's snapshot tags for the job's kind, overridden by the job's own (velero-facts §6). Pure. */
export function snapshotTags(job: Extract<MoveJob, { direction: 'backup' }>): Record<string, string> {
  const podVolume = job.operation.kind === 'PodVolumeBackup' || job.operation.kind === 'PodVolumeRestore';
  return {
    [KopiaSnapshotTag.Requester]: podVolume ? KopiaSnapshotTag.RequesterPodVolume : KopiaSnapshotTag.RequesterDataUploadDownload,
    [KopiaSnapshotTag.Uploader]: job.uploader,
    ...job.tags,
  };
}

/**
 * The uploader's parent for a job's `parentSnapshot` (Velero's DataUpload `spec.parentSnapshot`):
 * empty and `auto` = the latest of the same source, `none` = a full backup, anything else = that
 * snapshot id. Pure.
 */
export function parentSnapshotOf(parent: string | undefined): BackupParent {
  const value = parent?.trim();
  if (!value || value === 'auto') return { kind: 'latest' };
  return value === 'none' ? { kind: 'none' } : { kind: 'snapshot', id: value };
}

function accessKey(access: RepositoryAccess): string {
  const secretPart = createHash('sha256').update(JSON.stringify([access.password, access.location.accessKeyId, access.location.secretAccessKey])).digest('hex');
  return `${access.workDir}|${secretPart}`;
}

/** `promise`, or a rejection with `UPLOADER_CANCELED` as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  const canceled = () => new UploaderError(UploaderErrorCode.Canceled, 'canceled while the repository was being prepared');
  if (signal.aborted) return Promise.reject(canceled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(canceled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * A runner over the given uploaders. Repositories are created or connected once per process
 * and access (work folder + hashed secrets): concurrent jobs of one repository share the first
 * `ensureRepository`, and a failed one is retried by the next job.
 */
export function createMoveJobRunner(options: MoveJobRunnerOptions): MoveJobRunner {
  const ensured = new Map<string, Promise<void>>();
  const ensure = (uploader: Uploader, access: RepositoryAccess, signal: AbortSignal): Promise<void> => {
    const key = `${uploader.kind}|${accessKey(access)}`;
    let pending = ensured.get(key);
    if (!pending) {
      // Shared by every job of the repository, so no one job's signal stops it; each job stops waiting on its own.
      pending = uploader.ensureRepository(access);
      ensured.set(key, pending);
      pending.catch(() => ensured.delete(key));
    }
    return untilAborted(pending, signal);
  };

  return {
    async run(job, hooks) {
      const uploader = options.uploaders[job.uploader];
      hooks.onState(MoveJobState.Locating);
      const path = await locateVolume(options.kubeletRoot, job.volume.podUid, job.volume.volumeDir);
      hooks.onState(MoveJobState.Connecting);
      const access = await options.resolver.resolve(job.uploader, job.repository);
      await ensure(uploader, access, hooks.signal);
      hooks.onState(MoveJobState.Moving);
      if (job.direction === 'restore') {
        const restored = await uploader.restore(access, { snapshotId: job.snapshotId, targetDir: path, onProgress: hooks.onProgress, signal: hooks.signal });
        return { snapshotId: restored.snapshotId, path, totalBytes: restored.totalBytes, emptyVolume: false };
      }
      const summary = await uploader.backup(access, {
        sourceDir: path, sourceName: job.sourceName, tags: snapshotTags(job), parent: parentSnapshotOf(job.parentSnapshot), onProgress: hooks.onProgress, signal: hooks.signal,
      });
      return {
        snapshotId: summary.snapshotId,
        path,
        totalBytes: summary.totalBytes,
        ...(summary.incrementalBytes === undefined ? {} : { incrementalBytes: summary.incrementalBytes }),
        emptyVolume: summary.emptyVolume === true,
      };
    },
  };
}
