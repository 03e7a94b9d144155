// One move job from start to summary: find the volume, resolve and prepare the repository, run
// the uploader with progress and the job's AbortSignal. No NATS here: the handler reports.
import { createHash } from 'node:crypto';
import { KopiaSnapshotTag } from '@ferry/api';
import type { FerryContracts, MessageOf } from '@ferry/contracts';
import {
  UploaderError,
  UploaderErrorCode,
  type BackupParent,
  type RepositoryAccess,
  type TransferProgress,
  type Uploader,
} from '@ferry/uploader';
import type { RepositoryAccessResolver } from './repository-access-resolver';
import type { RepositoryClaims } from './repository-claim';
import { prepareRepository } from './repository-preparer';
import { createSharedTasks } from './shared-task';
import { repositoryKey } from './storage-location-mapping';
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
  /** Agrees with the movers of other nodes on who creates a new repository. */
  readonly claims: RepositoryClaims;
  readonly kubeletRoot: string;
}

/** Velero's snapshot tags for the job's kind, overridden by the job's own (docs/velero-compatibility.md#snapshot-tags). Pure. */
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
  const secretPart = createHash('sha256')
    .update(JSON.stringify([access.password, access.location.accessKeyId, access.location.secretAccessKey]))
    .digest('hex');
  return `${access.workDir}|${secretPart}`;
}

/**
 * A runner over the given uploaders. Repositories are prepared once per process and access (work
 * folder + hashed secrets): concurrent jobs of one repository share the first preparation, which
 * connects, or creates a missing repository under the cluster-wide claim (one creator per
 * repository, see repository-claim.ts); a failed one is retried by the next job.
 */
export function createMoveJobRunner(options: MoveJobRunnerOptions): MoveJobRunner {
  const prepared = createSharedTasks(
    () => new UploaderError(UploaderErrorCode.Canceled, 'canceled while the repository was being prepared'),
  );
  const ensure = (uploader: Uploader, access: RepositoryAccess, job: MoveJob, signal: AbortSignal): Promise<void> => {
    const request = { key: repositoryKey(uploader.kind, access.location), uploader: uploader.kind, repository: job.repository };
    // Shared by every job of the repository: it stops only once all of them stopped waiting.
    const start = (shared: AbortSignal) => prepareRepository(uploader, access, { claims: options.claims, request, signal: shared });
    return prepared.join(`${uploader.kind}|${accessKey(access)}`, start, signal);
  };

  return {
    async run(job, hooks) {
      const uploader = options.uploaders[job.uploader];
      hooks.onState(MoveJobState.Locating);
      const path = await locateVolume(options.kubeletRoot, job.volume.podUid, job.volume.volumeDir);
      hooks.onState(MoveJobState.Connecting);
      const access = await options.resolver.resolve(job.uploader, job.repository);
      await ensure(uploader, access, job, hooks.signal);
      hooks.onState(MoveJobState.Moving);
      if (job.direction === 'restore') {
        const restored = await uploader.restore(access, {
          snapshotId: job.snapshotId,
          targetDir: path,
          onProgress: hooks.onProgress,
          signal: hooks.signal,
        });
        return { snapshotId: restored.snapshotId, path, totalBytes: restored.totalBytes, emptyVolume: false };
      }
      const summary = await uploader.backup(access, {
        sourceDir: path,
        sourceName: job.sourceName,
        tags: snapshotTags(job),
        parent: parentSnapshotOf(job.parentSnapshot),
        onProgress: hooks.onProgress,
        signal: hooks.signal,
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
