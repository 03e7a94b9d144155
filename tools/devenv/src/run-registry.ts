import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { ManagedProcess } from './managed-process';

/** Root of all environments' state folders (one per run). */
export const stateRoot = process.env['FERRY_DEVENV_ROOT'] ?? join(tmpdir(), 'ferry-devenv');

const pidsFileName = 'pids.json';
const reaperScript = resolve(__dirname, '../scripts/reaper.js');

/** One server of a run, as `pids.json` lists it. */
interface PidEntry {
  readonly name: string;
  readonly pid: number;
}

/**
 * Records the servers of one run in `<stateDir>/pids.json` and starts a detached watchdog
 * (`scripts/reaper.js`) that kills them and unmounts the simulator's volumes if this process dies
 * without stopping them. `close` ends the watchdog.
 */
export class RunRegistry {
  private readonly entries: PidEntry[] = [];
  private constructor(readonly stateDir: string) {}

  /** Creates the run's state folder and its watchdog. */
  static async create(stateDir: string): Promise<RunRegistry> {
    await mkdir(stateDir, { recursive: true });
    const registry = new RunRegistry(stateDir);
    await registry.flush();
    const reaper = spawn(process.execPath, [reaperScript, String(process.pid), registry.pidsFile], { detached: true, stdio: 'ignore' });
    reaper.unref();
    return registry;
  }

  get pidsFile(): string {
    return join(this.stateDir, pidsFileName);
  }

  /** Adds a started server to the list the watchdog and `down` kill. */
  async add(process: ManagedProcess): Promise<void> {
    this.entries.push({ name: process.name, pid: process.pid });
    await this.flush();
  }

  /** Forgets every server (they were stopped) and lets the watchdog exit. */
  async close(): Promise<void> {
    await rm(this.pidsFile, { force: true });
  }

  private async flush(): Promise<void> {
    await writeFile(this.pidsFile, JSON.stringify(this.entries));
  }
}

/**
 * Kills the servers of every run under `stateRoot`, unmounts their volumes and removes the state
 * folders (the reaper's immediate mode). Returns the runs it cleaned. Used by `devenv down`.
 */
export async function stopAllRuns(): Promise<string[]> {
  if (!existsSync(stateRoot)) return [];
  const runs = await readdir(stateRoot);
  for (const run of runs) {
    await promisify(execFile)(process.execPath, [reaperScript, '--now', join(stateRoot, run, pidsFileName)]);
    await rm(join(stateRoot, run), { recursive: true, force: true });
  }
  return runs;
}
