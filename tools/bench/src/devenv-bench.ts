// Figures of the development environment: binary setup (warm, and cold with --cold), time from
// "up" to "ready" over several runs, and peak memory of the running environment.
// Usage: tsx tools/bench/src/devenv-bench.ts [--runs N] [--cold]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startEnvironment, terminal } from '@ferry/devenv';

const installScript = resolve(__dirname, '../../devenv/scripts/install-binaries.sh');

function timeBinarySetup(env: NodeJS.ProcessEnv): number {
  const begin = process.hrtime.bigint();
  const result = spawnSync('bash', [installScript], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`${installScript} failed with exit code ${result.status}`);
  return Number(process.hrtime.bigint() - begin) / 1e9;
}

/** Peak resident memory (VmHWM) of each server of a run, in MiB, from /proc. */
function peakMemoryMiB(stateDir: string): Record<string, number> {
  const entries = JSON.parse(readFileSync(join(stateDir, 'pids.json'), 'utf8')) as { name: string; pid: number }[];
  const peaks: Record<string, number> = {};
  for (const { name, pid } of entries) {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    peaks[name] = match ? Number(match[1]) / 1024 : 0;
  }
  return peaks;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, cold: { type: 'boolean', default: false } } });
  const runs = Number(values.runs);

  if (values.cold) {
    const cache = mkdtempSync(join(tmpdir(), 'ferry-bench-cache-'));
    const goCache = mkdtempSync(join(tmpdir(), 'ferry-bench-gocache-'));
    terminal.print(
      `binary setup, cold (empty binary cache and Go build cache; Go module downloads reused): ${timeBinarySetup({ ...process.env, FERRY_CACHE_DIR: cache, GOCACHE: goCache }).toFixed(1)} s`,
    );
    rmSync(cache, { recursive: true, force: true });
    rmSync(goCache, { recursive: true, force: true });
  }
  timeBinarySetup(process.env);
  terminal.print(`binary setup, warm: ${timeBinarySetup(process.env).toFixed(2)} s`);

  const readyTimes: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const begin = Date.now();
    const environment = await startEnvironment();
    const seconds = (Date.now() - begin) / 1000;
    readyTimes.push(seconds);
    const peaks = peakMemoryMiB(environment.info.stateDir);
    const own = process.memoryUsage().rss / 1024 / 1024;
    const total = Object.values(peaks).reduce((sum, value) => sum + value, own);
    terminal.print(
      `run ${run}: up -> ready ${seconds.toFixed(1)} s; peak memory ${total.toFixed(0)} MiB (${Object.entries(peaks)
        .map(([name, mib]) => `${name} ${mib.toFixed(0)}`)
        .join(', ')}, node simulator + harness ${own.toFixed(0)})`,
    );
    await environment.stop();
  }
  terminal.print(`up -> ready, median of ${runs}: ${median(readyTimes).toFixed(1)} s (goal: under 20 s warm)`);
}

main().catch(terminal.fail);
