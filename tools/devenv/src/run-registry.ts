import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ManagedProcess } from './managed-process';

/** Root of all environments' state folders (one per run). */
export const stateRoot = process.env['FERRY_DEVENV_ROOT'] ?? join(tmpdir(), 'ferry-devenv');

const pidsFileName = 'pids.json';
const reaperScript = resolve(__dirname, '../scripts/reaper.js');

interface PidEntry {
  readonly name: string;
  readonly pid: number;
}

/**
 * Records the servers of one run in `<stateDir>/pids.json` and starts a detached watchdog that
 * kills them if this process dies without stopping them. `close` ends the watchdog.
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
 * Kills the servers of every run under `stateRoot` that is still recorded, and removes the state
 * folders. Returns the names of the processes it killed. Used by `devenv down`.
 */
export async function stopAllRuns(): Promise<string[]> {
  if (!existsSync(stateRoot)) return [];
  const killed: string[] = [];
  for (const run of await readdir(stateRoot)) {
    const pidsFile = join(stateRoot, run, pidsFileName);
    const entries = JSON.parse(await readFile(pidsFile, 'utf8').catch(() => '[]')) as PidEntry[];
    for (const entry of entries.reverse()) {
      if (killProcess(entry.pid)) killed.push(`${entry.name} (pid ${entry.pid}, run ${run})`);
    }
    await rm(join(stateRoot, run), { recursive: true, force: true });
  }
  return killed;
}

function killProcess(pid: number): boolean {
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}
