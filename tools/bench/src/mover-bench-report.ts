// The mover benchmark's figures: measurements of each run, reduced per dataset, tool and direction
// to medians over rounds, and printed as one table. Pure.
import type { BenchTool } from './mover-bench-plain';

/** Which side ran: the tool directly, or Ferry's mover (job in → result out). */
export type BenchSide = 'plain' | 'mover';
/** Which way the data moved. */
export type BenchDirection = 'backup' | 'restore';

/** One timed run. */
export interface BenchMeasurement {
  readonly dataset: string;
  readonly round: number;
  readonly tool: BenchTool;
  readonly direction: BenchDirection;
  readonly side: BenchSide;
  readonly seconds: number;
  /** Peak RSS of the tool process(es) of this run. */
  readonly toolPeakKiB: number;
  /** Mover side only: peak RSS of the mover's Node process during this job. */
  readonly moverPeakKiB?: number;
  /** Mover side only: the job's own duration (result `startedAt` → `completedAt`), without queueing and delivery. */
  readonly inJobSeconds?: number;
  /** Mover side only: CPU seconds the mover's Node process used during the job (not its tools'). */
  readonly moverCpuSeconds?: number;
}

/** A dataset's identity in the table and its size. */
export interface BenchDatasetRow {
  readonly id: string;
  readonly bytes: number;
  /** Wall seconds of the uploader's source size estimate (the kopia backup total before kopia's own). */
  readonly estimateSeconds: number;
}

/**
 * The cost of the source size estimate next to the transfer it serves: per dataset, its seconds and
 * its share of the mover's kopia backup (median). Pure.
 */
export function estimateCostLines(measurements: readonly BenchMeasurement[], rows: readonly BenchDatasetRow[]): string[] {
  return rows.map((row) => {
    const backup = median(
      measurements
        .filter((m) => m.dataset === row.id && m.tool === 'kopia' && m.direction === 'backup' && m.side === 'mover')
        .map((m) => m.seconds),
    );
    const share = Number.isNaN(backup)
      ? 'no kopia backup measured'
      : `${((row.estimateSeconds / backup) * 100).toFixed(1)}% of the mover's kopia backup (${backup.toFixed(2)} s)`;
    return `dataset ${row.id.padEnd(5)} estimate ${(row.estimateSeconds * 1000).toFixed(0)} ms = ${share}`;
  });
}

/** The median; for an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[Math.floor(middle)] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const mib = (kib: number) => (kib / 1024).toFixed(0);
const columns = [
  'tool',
  'direction',
  'dataset',
  'plain s',
  'mover s',
  'mover/plain',
  'plain MiB/s',
  'mover MiB/s',
  'mover RSS MiB',
  'tool RSS MiB plain/mover',
];
const widths = [7, 10, 8, 8, 8, 12, 12, 12, 15, 26];

function row(cells: readonly string[]): string {
  return cells
    .map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 8) : cell.padStart(widths[i] ?? 8)))
    .join(' ')
    .trimEnd();
}

/**
 * The figures table: per tool, direction and dataset, the median wall time of each side over the
 * rounds, their ratio (mover / plain; goal ≤ 1.05), throughput over the dataset's bytes, the mover
 * Node process's peak RSS during its jobs (largest over rounds), and the tools' peak RSS.
 */
export function figuresTable(
  measurements: readonly BenchMeasurement[],
  datasets: readonly BenchDatasetRow[],
  tools: readonly BenchTool[],
): string[] {
  const lines = [row(columns)];
  for (const tool of tools) {
    for (const direction of ['backup', 'restore'] as const) {
      for (const dataset of datasets) {
        const of = (side: BenchSide) =>
          measurements.filter((m) => m.tool === tool && m.direction === direction && m.dataset === dataset.id && m.side === side);
        const plain = of('plain');
        const mover = of('mover');
        if (plain.length === 0 && mover.length === 0) continue;
        const plainSeconds = median(plain.map((m) => m.seconds));
        const moverSeconds = median(mover.map((m) => m.seconds));
        const rate = (seconds: number) => (dataset.bytes / 2 ** 20 / seconds).toFixed(1);
        lines.push(
          row([
            tool,
            direction,
            dataset.id,
            plainSeconds.toFixed(1),
            moverSeconds.toFixed(1),
            (moverSeconds / plainSeconds).toFixed(3),
            rate(plainSeconds),
            rate(moverSeconds),
            mib(Math.max(0, ...mover.map((m) => m.moverPeakKiB ?? 0))),
            `${mib(Math.max(0, ...plain.map((m) => m.toolPeakKiB)))} / ${mib(Math.max(0, ...mover.map((m) => m.toolPeakKiB)))}`,
          ]),
        );
      }
    }
  }
  return lines;
}

/** Per-round wall times, to show the spread behind each median (`r1 plain 41.2 mover 42.0 | r2 …`). */
export function roundsDetail(
  measurements: readonly BenchMeasurement[],
  datasets: readonly BenchDatasetRow[],
  tools: readonly BenchTool[],
): string[] {
  const lines: string[] = [];
  for (const tool of tools) {
    for (const direction of ['backup', 'restore'] as const) {
      for (const dataset of datasets) {
        const runs = measurements.filter((m) => m.tool === tool && m.direction === direction && m.dataset === dataset.id);
        const rounds = [...new Set(runs.map((m) => m.round))].sort((a, b) => a - b);
        if (rounds.length === 0) continue;
        const plain = (round: number) => runs.find((m) => m.round === round && m.side === 'plain')?.seconds.toFixed(1) ?? '-';
        const mover = (round: number) => {
          const m = runs.find((run) => run.round === round && run.side === 'mover');
          return m
            ? `${m.seconds.toFixed(1)} s (in job ${m.inJobSeconds?.toFixed(1) ?? '-'} s, Node CPU ${m.moverCpuSeconds?.toFixed(1) ?? '-'} s)`
            : '-';
        };
        lines.push(
          `${tool.padEnd(7)} ${direction.padEnd(8)} ${dataset.id.padEnd(6)} ${rounds.map((r) => `r${r} plain ${plain(r)} s, mover ${mover(r)}`).join(' | ')}`,
        );
      }
    }
  }
  return lines;
}
