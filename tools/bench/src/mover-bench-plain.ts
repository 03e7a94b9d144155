// The plain side of the mover benchmark: restic and kopia run directly, with the command lines
// and environment the uploader builds (@ferry/uploader's pure builders), secrets only in the
// environment or a 0600 file. Each step is timed from spawn to exit; the tool's peak RSS sampled.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  kopiaEnvironment,
  kopiaRepositoryArgs,
  kopiaSnapshotCreateArgs,
  kopiaSnapshotRestoreArgs,
  resticBackupArgs,
  resticEnvironment,
  resticGlobalOptions,
  resticInitArgs,
  resticRestoreArgs,
  resticSourceTag,
  type RepositoryAccess,
} from '@ferry/uploader';
import { PeakSampler } from './mover-bench-memory';

/** The tools compared. */
export type BenchTool = 'restic' | 'kopia';

/** A timed plain run: wall time of all its commands, and the largest peak RSS of any of them. */
export interface PlainRun {
  readonly seconds: number;
  readonly toolPeakKiB: number;
  /** What ran, without secrets (`restic init + backup`). */
  readonly commands: string;
}

/** A plain backup: the timing and the snapshot it made. */
export interface PlainBackup extends PlainRun {
  readonly snapshotId: string;
}

interface ToolResult {
  readonly stdout: string;
  readonly peakKiB: number;
}

/** Runs one tool command to its end with the uploader's minimal environment; rejects on a non-zero exit. */
function runTool(binary: string, args: readonly string[], env: Record<string, string>, cwd: string): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [...args], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const sampler = child.pid === undefined ? undefined : new PeakSampler(child.pid, 100);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    // Only the tail is kept for the error message; progress redraws can be long.
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2_000)));
    child.once('error', (error) => {
      sampler?.stop();
      reject(new Error(`cannot start ${binary}: ${error.message}`));
    });
    child.once('close', (code) => {
      const peakKiB = sampler?.stop().selfKiB ?? 0;
      if (code === 0) resolve({ stdout, peakKiB });
      else
        reject(
          new Error(
            `${binary} ${args[0] ?? ''} ${args[1] ?? ''} failed with exit code ${String(code)}: ${stderr.split(/\r|\n/).filter(Boolean).slice(-3).join(' | ')}`,
          ),
        );
    });
  });
}

function resticSnapshotId(stdout: string): string {
  for (const line of stdout.split('\n').reverse()) {
    if (!line.startsWith('{')) continue;
    const record = JSON.parse(line) as { message_type?: string; snapshot_id?: string };
    if (record.message_type === 'summary' && record.snapshot_id) return record.snapshot_id;
  }
  throw new Error('restic backup printed no summary with a snapshot id');
}

function kopiaSnapshotId(stdout: string): string {
  const manifest = JSON.parse(stdout) as { id?: string };
  if (!manifest.id) throw new Error('kopia snapshot create printed no manifest id');
  return manifest.id;
}

async function resticFiles(access: RepositoryAccess) {
  await mkdir(access.workDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(access.workDir, 'restic-password');
  await writeFile(passwordFile, access.password, { mode: 0o600 });
  return { options: resticGlobalOptions(access), env: resticEnvironment(access, passwordFile) };
}

/** What a plain tool is given: its binary and the repository (with a private, empty work folder). */
export interface PlainTarget {
  readonly tool: BenchTool;
  readonly binary: string;
  readonly access: RepositoryAccess;
}

/**
 * Creates the repository and backs `sourceDir` up into it, timed together (a mover job into a new
 * repository creates it too): `restic init` + `restic backup`, or `kopia repository create` +
 * `kopia snapshot create`, with the same source name and tags as the mover's job.
 */
export async function plainBackup(
  target: PlainTarget,
  sourceDir: string,
  sourceName: string,
  tags: Readonly<Record<string, string>>,
): Promise<PlainBackup> {
  const { access, binary } = target;
  if (target.tool === 'restic') {
    const { options, env } = await resticFiles(access);
    const begin = performance.now();
    const init = await runTool(binary, resticInitArgs(options), env, access.workDir);
    const backup = await runTool(binary, resticBackupArgs(options, { ...tags, [resticSourceTag]: sourceName }), env, sourceDir);
    return {
      seconds: (performance.now() - begin) / 1000,
      toolPeakKiB: Math.max(init.peakKiB, backup.peakKiB),
      commands: 'restic init + backup',
      snapshotId: resticSnapshotId(backup.stdout),
    };
  }
  await mkdir(join(access.workDir, 'kopia'), { recursive: true, mode: 0o700 });
  const env = kopiaEnvironment(access);
  const begin = performance.now();
  const create = await runTool(binary, kopiaRepositoryArgs('create', access), env, access.workDir);
  const snapshot = await runTool(binary, kopiaSnapshotCreateArgs(access, sourceDir, sourceName, tags), env, access.workDir);
  return {
    seconds: (performance.now() - begin) / 1000,
    toolPeakKiB: Math.max(create.peakKiB, snapshot.peakKiB),
    commands: 'kopia repository create + snapshot create',
    snapshotId: kopiaSnapshotId(snapshot.stdout),
  };
}

/**
 * Restores `snapshotId` into `targetDir` (created if missing) with the connection the backup left
 * in the work folder: `restic restore` or `kopia snapshot restore`.
 */
export async function plainRestore(target: PlainTarget, snapshotId: string, targetDir: string): Promise<PlainRun> {
  const { access, binary } = target;
  await mkdir(targetDir, { recursive: true });
  if (target.tool === 'restic') {
    const { options, env } = await resticFiles(access);
    const begin = performance.now();
    const restore = await runTool(binary, resticRestoreArgs(options, snapshotId), env, targetDir);
    return { seconds: (performance.now() - begin) / 1000, toolPeakKiB: restore.peakKiB, commands: 'restic restore' };
  }
  const begin = performance.now();
  const restore = await runTool(binary, kopiaSnapshotRestoreArgs(access, snapshotId, targetDir), kopiaEnvironment(access), access.workDir);
  return { seconds: (performance.now() - begin) / 1000, toolPeakKiB: restore.peakKiB, commands: 'kopia snapshot restore' };
}
