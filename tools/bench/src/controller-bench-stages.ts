// Pure part of the controller bench: a DataUpload's life as instants observed from outside (a
// watch, the backup pod, the expose and move results), the stages between them, their p50/p95
// and the printed table. No IO here; the probe collects the instants.

/** The instants of one DataUpload's life (epoch ms); absent when not observed. */
export interface DataUploadTimeline {
  /** Just before the create call returned. */
  created?: number;
  /** Watch: first seen Accepted (the controller accepted it and sends the expose job next). */
  accepted?: number;
  /** Pod watch: the backup pod `<du>` exists (the exposer has taken the job and the snapshot over). */
  podCreated?: number;
  /** Pod watch: the backup pod is Running on a node (scheduling, binding and mount done). */
  podRunning?: number;
  /** expose.result `at` (the exposer saw the exposure ready and reported it). */
  exposed?: number;
  /** Watch: first seen Prepared. */
  prepared?: number;
  /** Watch: first seen InProgress (written just after the move job is sent; not a stage boundary). */
  inProgress?: number;
  /** move.result `startedAt` (the mover took the job). */
  moveStarted?: number;
  /** move.result `completedAt`. */
  moveCompleted?: number;
  /** Watch: first seen Completed. */
  completed?: number;
}

/** An instant of {@link DataUploadTimeline}. */
export type TimelinePoint = keyof DataUploadTimeline;

/** One stage: from one instant to the next, and who spends the time. */
export interface StageDefinition {
  readonly label: string;
  readonly from: TimelinePoint;
  readonly to: TimelinePoint;
}

/** The stages printed, in order; together they add up to created → Completed. */
export const controllerBenchStages: readonly StageDefinition[] = [
  { label: 'created → Accepted (controller: accept)', from: 'created', to: 'accepted' },
  { label: 'Accepted → backup pod created (expose job queue, snapshot takeover)', from: 'accepted', to: 'podCreated' },
  { label: 'backup pod created → Running (simulated scheduling, binding, mount)', from: 'podCreated', to: 'podRunning' },
  { label: 'pod Running → expose.result (exposer notices)', from: 'podRunning', to: 'exposed' },
  { label: 'expose.result → Prepared (controller: result)', from: 'exposed', to: 'prepared' },
  // The move job is sent before the InProgress write, so the mover often starts before the watch
  // sees InProgress: one stage from Prepared to the mover taking the job.
  { label: 'Prepared → move started (job sent, mover takes it)', from: 'prepared', to: 'moveStarted' },
  { label: "move started → completed (mover's own time)", from: 'moveStarted', to: 'moveCompleted' },
  { label: 'move completed → Completed (controller: result)', from: 'moveCompleted', to: 'completed' },
];

/** Nearest-rank percentile of `values` (NaN when empty). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** p50 and p95 of a sample, with its size. */
export interface Spread {
  readonly p50: number;
  readonly p95: number;
  readonly n: number;
}

function spreadOf(values: readonly number[]): Spread {
  return { p50: percentile(values, 50), p95: percentile(values, 95), n: values.length };
}

function between(timeline: DataUploadTimeline, from: TimelinePoint, to: TimelinePoint): number | undefined {
  const start = timeline[from];
  const end = timeline[to];
  return start === undefined || end === undefined ? undefined : end - start;
}

/** The figures of one round (one or many DataUploads in flight). */
export interface RoundFigures {
  readonly volumes: number;
  readonly wallMs: number;
  readonly stages: readonly (Spread & { readonly label: string })[];
  readonly total: Spread;
  readonly mover: Spread;
  /** created → Completed minus the mover's own time, per DataUpload. */
  readonly overhead: Spread;
  readonly writes: { readonly min: number; readonly median: number; readonly max: number };
}

/** Figures of a round from its timelines and write counts. Pure. */
export function roundFigures(timelines: readonly DataUploadTimeline[], writeCounts: readonly number[], wallMs: number): RoundFigures {
  const defined = (values: (number | undefined)[]): number[] => values.filter((v): v is number => v !== undefined);
  const total = defined(timelines.map((t) => between(t, 'created', 'completed')));
  const mover = defined(timelines.map((t) => between(t, 'moveStarted', 'moveCompleted')));
  const overhead = defined(
    timelines.map((t) => {
      const all = between(t, 'created', 'completed');
      const own = between(t, 'moveStarted', 'moveCompleted');
      return all === undefined || own === undefined ? undefined : all - own;
    }),
  );
  return {
    volumes: timelines.length,
    wallMs,
    stages: controllerBenchStages.map((s) => ({ label: s.label, ...spreadOf(defined(timelines.map((t) => between(t, s.from, s.to)))) })),
    total: spreadOf(total),
    mover: spreadOf(mover),
    overhead: spreadOf(overhead),
    writes: { min: Math.min(...writeCounts), median: percentile(writeCounts, 50), max: Math.max(...writeCounts) },
  };
}

const ms = (v: number): string => (Number.isNaN(v) ? '—' : `${Math.round(v)} ms`);

const cpuLabel = 'CPU of the bench process per DataUpload';

/** The printed table of some rounds, side by side (stage rows, then the totals). Pure. */
export function formatRounds(
  rounds: readonly { readonly title: string; readonly figures: RoundFigures; readonly cpuMsPerVolume?: number }[],
): string[] {
  const width = Math.max(...controllerBenchStages.map((s) => s.label.length), 40) + 2;
  const cell = (s: Spread): string => `${ms(s.p50).padStart(9)} ${ms(s.p95).padStart(9)}`;
  const lines = [`${''.padEnd(width)}${rounds.map((r) => r.title.padStart(20)).join('')}`];
  lines.push(`${'stage'.padEnd(width)}${rounds.map(() => '      p50       p95'.padStart(20)).join('')}`);
  controllerBenchStages.forEach((stage, i) => {
    lines.push(
      `${stage.label.padEnd(width)}${rounds.map((r) => cell(r.figures.stages[i] ?? { p50: Number.NaN, p95: Number.NaN, n: 0 }).padStart(20)).join('')}`,
    );
  });
  const row = (label: string, pick: (f: RoundFigures) => Spread): string =>
    `${label.padEnd(width)}${rounds.map((r) => cell(pick(r.figures)).padStart(20)).join('')}`;
  lines.push(row('created → Completed', (f) => f.total));
  lines.push(row("mover's own transfer", (f) => f.mover));
  lines.push(row('CONTROL-PLANE OVERHEAD (total − mover)', (f) => f.overhead));
  lines.push(
    `${'status writes per DataUpload (min/med/max)'.padEnd(width)}${rounds.map((r) => `${r.figures.writes.min}/${r.figures.writes.median}/${r.figures.writes.max}`.padStart(20)).join('')}`,
  );
  lines.push(`${'wall (first create → last Completed)'.padEnd(width)}${rounds.map((r) => ms(r.figures.wallMs).padStart(20)).join('')}`);
  if (rounds.every((r) => r.cpuMsPerVolume !== undefined))
    lines.push(`${cpuLabel.padEnd(width)}${rounds.map((r) => ms(r.cpuMsPerVolume ?? Number.NaN).padStart(20)).join('')}`);
  return lines;
}

/** One comparison of the same round shape with tracing off and on. */
export interface TracingComparison {
  readonly title: string;
  readonly off: RoundFigures;
  readonly on: RoundFigures;
  /** CPU time of the process running every service, per DataUpload, until the round's spans are exported. */
  readonly cpuMsPerVolume: { readonly off: number; readonly on: number };
}

const ratio = (on: number, off: number): string => (off > 0 && !Number.isNaN(on) ? `${(on / off).toFixed(2)}×` : '—');

/**
 * The tracing overhead lines: per comparison, on ÷ off of the process's CPU per DataUpload, of the
 * control-plane overhead (p50, p95), of created → Completed (p50) and of the wall time, with both
 * figures. Pure.
 */
export function formatTracingRatios(comparisons: readonly TracingComparison[]): string[] {
  return comparisons.map(({ title, off, on, cpuMsPerVolume: cpu }) => {
    const of = (a: number, b: number): string => `${ratio(b, a)} (${ms(a)} → ${ms(b)})`;
    const pair = (pick: (f: RoundFigures) => number): string => of(pick(off), pick(on));
    return (
      `tracing on ÷ off, ${title}: CPU per DataUpload ${of(cpu.off, cpu.on)}; ` +
      `control-plane overhead p50 ${pair((f) => f.overhead.p50)}, p95 ${pair((f) => f.overhead.p95)}; ` +
      `created → Completed p50 ${pair((f) => f.total.p50)}; wall ${pair((f) => f.wallMs)}`
    );
  });
}
