// One round of the mover benchmark for one tool and dataset: backup by the plain tool and by the
// mover (each into its own new repository, in the round's order), then both restores into empty
// folders, each verified file by file (sha256) against the source.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { KopiaSnapshotTag } from '@ferry/api';
import { describeTree, type S3Info } from '@ferry/devenv';
import { deleteObjects, benchLocation, type BenchStorage } from './mover-bench-cluster';
import { treeDifferences } from './mover-bench-dataset';
import { cpuSeconds, peakRssKiB, PeakSampler, resetPeakRss } from './mover-bench-memory';
import type { BenchMoveJob, MoveJobClient, MoverProcess } from './mover-bench-mover';
import { plainBackup, plainRestore, type BenchTool, type PlainTarget } from './mover-bench-plain';
import type { BenchMeasurement, BenchSide } from './mover-bench-report';

/** Everything a round needs that outlives it. */
export interface RoundContext {
  readonly runId: string;
  readonly s3: S3Info;
  readonly storage: BenchStorage;
  readonly password: string;
  readonly ferryNamespace: string;
  readonly kubeletRoot: string;
  readonly workRoot: string;
  readonly binaries: Readonly<Record<BenchTool, string>>;
  readonly mover: MoverProcess;
  readonly jobs: MoveJobClient;
  readonly note: (line: string) => void;
  readonly jobTimeoutMs: number;
}

/** The dataset of a round: where it sits (a pod volume), its id and its description by `describeTree`. */
export interface RoundDataset {
  readonly id: string;
  readonly podUid: string;
  readonly volumeDir: string;
  readonly path: string;
  readonly description: Readonly<Record<string, string>>;
}

/** The snapshot identity and the job's tags. */
const sourceName = 'bench/data';
const tags = { 'ferry-bench': 'issue-5' } as const;

/** The tags the mover gives a data-movement snapshot (Velero's, then the job's): the plain tools get the same. */
function snapshotTags(tool: BenchTool): Record<string, string> {
  return { [KopiaSnapshotTag.Requester]: KopiaSnapshotTag.RequesterDataUploadDownload, [KopiaSnapshotTag.Uploader]: tool, ...tags };
}

/** `<kubelet root>/pods/<uid>/volumes/kubernetes.io~csi/<volumeDir>/mount`, where the mover looks. */
export function podVolumePath(kubeletRoot: string, podUid: string, volumeDir: string): string {
  return join(kubeletRoot, 'pods', podUid, 'volumes', 'kubernetes.io~csi', volumeDir, 'mount');
}

async function verify(dataset: RoundDataset, restored: string, what: string): Promise<void> {
  const differences = treeDifferences(dataset.description, await describeTree(restored));
  if (differences.length > 0) throw new Error(`${what} restored different data into ${restored}:\n  ${differences.join('\n  ')}`);
}

/** Runs a mover job while measuring the Node process's peak RSS (reset first) and its tools'. */
async function timedJob(context: RoundContext, job: BenchMoveJob) {
  const reset = resetPeakRss(context.mover.pid);
  const sampler = new PeakSampler(context.mover.pid, 100);
  const cpuBefore = cpuSeconds(context.mover.pid) ?? 0;
  try {
    const { seconds, result } = await context.jobs.run(job, context.jobTimeoutMs);
    const moverCpuSeconds = (cpuSeconds(context.mover.pid) ?? 0) - cpuBefore;
    const peaks = sampler.stop();
    return {
      seconds,
      result,
      toolPeakKiB: peaks.childKiB,
      moverCpuSeconds,
      moverPeakKiB: reset ? (peakRssKiB(context.mover.pid) ?? peaks.selfKiB) : peaks.selfKiB,
      inJobSeconds: (Date.parse(result.completedAt) - Date.parse(result.startedAt)) / 1000,
    };
  } finally {
    sampler.stop();
  }
}

type Figures = Pick<BenchMeasurement, 'seconds' | 'toolPeakKiB' | 'moverPeakKiB' | 'inJobSeconds' | 'moverCpuSeconds'>;

/** One round's names, folders and targets, and the measurements it collects. */
interface RoundPlan {
  readonly context: RoundContext;
  readonly tool: BenchTool;
  readonly dataset: RoundDataset;
  readonly round: number;
  readonly order: BenchSide[];
  readonly tag: string;
  readonly plainTarget: PlainTarget;
  readonly restoreUid: string;
  readonly moverRestoreDir: string;
  readonly plainRestoreDir: string;
  readonly measurements: BenchMeasurement[];
}

function planRound(context: RoundContext, tool: BenchTool, dataset: RoundDataset, round: number): RoundPlan {
  const tag = `${dataset.id}-r${round}-${tool}`;
  const plainTarget: PlainTarget = {
    tool,
    binary: context.binaries[tool],
    access: {
      location: benchLocation(context.s3, context.storage, `${tag}-plain`),
      password: context.password,
      workDir: join(context.workRoot, `plain-work-${tag}`),
    },
  };
  const restoreUid = `bench-restore-${tag}`;
  return {
    context,
    tool,
    dataset,
    round,
    order: round % 2 === 1 ? ['plain', 'mover'] : ['mover', 'plain'],
    tag,
    plainTarget,
    restoreUid,
    moverRestoreDir: podVolumePath(context.kubeletRoot, restoreUid, 'pv-bench-restore'),
    plainRestoreDir: join(context.workRoot, `plain-restore-${tag}`),
    measurements: [],
  };
}

/** The fields every mover job of the round shares. */
function jobBase(plan: RoundPlan) {
  return {
    v: 1 as const,
    uploader: plan.tool,
    repository: { backupStorageLocation: plan.context.storage.bslName, volumeNamespace: `${plan.tag}-mover` },
  };
}

function record(plan: RoundPlan, side: BenchSide, direction: 'backup' | 'restore', run: Figures): void {
  const { seconds, toolPeakKiB, moverPeakKiB, inJobSeconds, moverCpuSeconds } = run;
  const figures = { seconds, toolPeakKiB, moverPeakKiB, inJobSeconds, moverCpuSeconds };
  plan.measurements.push({ dataset: plan.dataset.id, round: plan.round, tool: plan.tool, direction, side, ...figures });
  plan.context.note(`  ${plan.tag} ${direction} ${side}: ${figures.seconds.toFixed(1)} s`);
}

/** Backs the dataset up by `side`; returns the snapshot id. */
async function backUp(plan: RoundPlan, side: BenchSide): Promise<string> {
  const { context, tool, dataset, tag } = plan;
  if (side === 'plain') {
    const run = await plainBackup(plan.plainTarget, dataset.path, sourceName, snapshotTags(tool));
    record(plan, 'plain', 'backup', run);
    return run.snapshotId;
  }
  const run = await timedJob(context, {
    ...jobBase(plan),
    jobId: `${context.runId}-${tag}-backup`,
    direction: 'backup',
    requestedAt: new Date().toISOString(),
    operation: { kind: 'DataUpload', namespace: context.ferryNamespace, name: `${tag}-backup` },
    volume: { podUid: dataset.podUid, volumeDir: dataset.volumeDir },
    sourceName,
    tags: { ...tags },
  });
  const snapshotId = run.result.summary?.snapshotId ?? '';
  if (!snapshotId) throw new Error(`mover backup ${tag} completed without a snapshot id`);
  record(plan, 'mover', 'backup', run);
  return snapshotId;
}

/** Restores `snapshotId` by `side` into its empty folder and verifies it against the dataset. */
async function restore(plan: RoundPlan, side: BenchSide, snapshotId: string): Promise<void> {
  const { context, tool, dataset, tag } = plan;
  if (side === 'plain') {
    record(plan, 'plain', 'restore', await plainRestore(plan.plainTarget, snapshotId, plan.plainRestoreDir));
    await verify(dataset, plan.plainRestoreDir, `plain ${tool} restore`);
    return;
  }
  const run = await timedJob(context, {
    ...jobBase(plan),
    jobId: `${context.runId}-${tag}-restore`,
    direction: 'restore',
    requestedAt: new Date().toISOString(),
    operation: { kind: 'DataDownload', namespace: context.ferryNamespace, name: `${tag}-restore` },
    volume: { podUid: plan.restoreUid, volumeDir: 'pv-bench-restore' },
    snapshotId,
  });
  record(plan, 'mover', 'restore', run);
  await verify(dataset, plan.moverRestoreDir, `mover ${tool} restore`);
}

/** Removes the restored folders, the plain work folder and both repositories of the round. */
async function cleanUpRound(plan: RoundPlan): Promise<void> {
  const { context, tool, tag } = plan;
  await rm(join(context.kubeletRoot, 'pods', plan.restoreUid), { recursive: true, force: true });
  await rm(plan.plainRestoreDir, { recursive: true, force: true });
  await rm(plan.plainTarget.access.workDir, { recursive: true, force: true });
  for (const side of ['plain', 'mover']) {
    const namespace = `${tag}-${side}`;
    await deleteObjects(context.s3, `${context.storage.prefix}/${tool}/${namespace}/`);
  }
}

/**
 * Runs round `round` of `tool` on `dataset`: odd rounds run the plain tool first, even rounds the
 * mover first (page cache and MinIO warm-up then favour each side once). Removes the restored
 * folders, the plain work folder and the round's repositories afterwards. Rejects on any failure.
 */
export async function runRound(context: RoundContext, tool: BenchTool, dataset: RoundDataset, round: number): Promise<BenchMeasurement[]> {
  const plan = planRound(context, tool, dataset, round);
  const snapshots: Record<BenchSide, string> = { plain: '', mover: '' };
  try {
    for (const side of plan.order) snapshots[side] = await backUp(plan, side);
    await mkdir(plan.moverRestoreDir, { recursive: true });
    for (const side of plan.order) await restore(plan, side, snapshots[side]);
    return plan.measurements;
  } finally {
    await cleanUpRound(plan);
  }
}
