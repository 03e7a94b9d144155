// Peak resident memory of processes, read from /proc (Linux): a process's VmHWM, which a write of
// "5" to its clear_refs resets, and a sampler that follows a process's children (the tools a
// mover runs) and keeps the largest VmHWM each reached before it exited.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

/** `VmHWM` (peak resident set) of `pid` in KiB; undefined once the process is gone. */
export function peakRssKiB(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Resets the peak resident set of `pid` to its current size (Linux `clear_refs` mode 5), so a
 * later `peakRssKiB` is the peak since now. Returns false where the kernel does not allow it.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** CPU seconds (user + system) `pid` has used so far; undefined once it is gone. Assumes 100 clock ticks a second (Linux's USER_HZ). */
export function cpuSeconds(pid: number): number | undefined {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Every descendant process of `pid` (children of all its threads, recursively). */
export function descendants(pid: number): number[] {
  const found: number[] = [];
  const visit = (parent: number) => {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      return;
    }
    for (const task of tasks) {
      let children = '';
      try {
        children = readFileSync(`/proc/${parent}/task/${task}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of children.split(' ').filter(Boolean).map(Number)) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

/** Peaks seen by a {@link PeakSampler}, in KiB. */
export interface SampledPeaks {
  /** The sampled process itself (its VmHWM at the last sample). */
  readonly selfKiB: number;
  /** The largest VmHWM any descendant reached by its last sample (a tool exiting between samples is missed by up to one interval). */
  readonly childKiB: number;
}

/** Samples a process and its descendants every `intervalMs` until stopped. */
export class PeakSampler {
  private readonly childPeaks = new Map<number, number>();
  private self = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 100,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  private sample(): void {
    this.self = Math.max(this.self, peakRssKiB(this.pid) ?? 0);
    for (const child of descendants(this.pid)) {
      const peak = peakRssKiB(child);
      if (peak !== undefined) this.childPeaks.set(child, Math.max(peak, this.childPeaks.get(child) ?? 0));
    }
  }

  /** Takes a last sample, stops and returns the peaks. */
  stop(): SampledPeaks {
    this.sample();
    clearInterval(this.timer);
    return { selfKiB: this.self, childKiB: Math.max(0, ...this.childPeaks.values()) };
  }
}
