// Tool processes left behind by a mover that died. The tools are spawned as ordinary children;
// when the mover is SIGKILLed (outside a container, whose end kills every process in it), a
// restic or kopia child keeps running and writing. Every tool run names the mover's work folder in
// its arguments (`--cache-dir=`, `--config-file=`), so at start-up, before taking jobs, the mover
// stops every process whose arguments point into its work folder: none can be its own yet.
import { readdir, readFile } from 'node:fs/promises';

/** A process found under `/proc`. */
export interface ProcessEntry {
  readonly pid: number;
  readonly args: readonly string[];
}

/** True when an argument of `args` points into `workDir` (an `=<path>` value or a bare path). Pure. */
export function pointsInto(args: readonly string[], workDir: string): boolean {
  const folder = `${workDir.replace(/\/+$/, '')}/`;
  return args.some((arg) => arg.startsWith(folder) || arg.includes(`=${folder}`));
}

/** Processes of this host whose arguments point into `workDir`, except this process. Linux only; empty elsewhere. */
export async function findToolProcesses(workDir: string, procRoot = '/proc'): Promise<ProcessEntry[]> {
  const names = await readdir(procRoot).catch(() => [] as string[]);
  const found: ProcessEntry[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    const raw = await readFile(`${procRoot}/${name}/cmdline`, 'utf8').catch(() => '');
    const args = raw.split('\0').filter(Boolean);
    if (args.length > 0 && pointsInto(args, workDir)) found.push({ pid: Number(name), args });
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the leftover tool processes of `workDir`: SIGINT first (restic and kopia release their
 * locks; SIGCONT wakes a stopped one to act on it), SIGKILL after `graceMs`. Resolves with the pids it stopped once they are gone.
 */
export async function reapOrphanTools(workDir: string, graceMs = 5_000): Promise<number[]> {
  const orphans = await findToolProcesses(workDir);
  const signal = (pid: number, name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch {
      // Already gone.
    }
  };
  for (const { pid } of orphans) {
    signal(pid, 'SIGINT');
    // A stopped tool would hold the SIGINT pending until the SIGKILL.
    signal(pid, 'SIGCONT');
  }
  const deadline = Date.now() + graceMs;
  while (orphans.some(({ pid }) => alive(pid)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const { pid } of orphans) if (alive(pid)) signal(pid, 'SIGKILL');
  while (orphans.some(({ pid }) => alive(pid)) && Date.now() < deadline + 5_000) await new Promise((resolve) => setTimeout(resolve, 50));
  return orphans.map(({ pid }) => pid);
}
