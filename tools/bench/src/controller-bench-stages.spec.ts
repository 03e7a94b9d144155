import { formatTracingRatios, roundFigures, type DataUploadTimeline } from './controller-bench-stages';

/** A DataUpload created at 0 that took `total` ms, `mover` of them the mover's own. */
const timeline = (total: number, mover: number): DataUploadTimeline => ({
  created: 0,
  moveStarted: 10,
  moveCompleted: 10 + mover,
  completed: total,
});

describe('controller bench - tracing ratios', () => {
  it.each([
    [
      'on slower than off',
      [timeline(1000, 400), timeline(2000, 400)],
      [timeline(1100, 400), timeline(2400, 400)],
      'tracing on ÷ off, 2 in flight: CPU per DataUpload 1.50× (100 ms → 150 ms); control-plane overhead p50 1.17× (600 ms → 700 ms), p95 1.25× (1600 ms → 2000 ms); ' +
        'created → Completed p50 1.10× (1000 ms → 1100 ms); wall 1.20× (2000 ms → 2400 ms)',
    ],
    [
      'no overhead measured off',
      [timeline(400, 400)],
      [timeline(500, 400)],
      'tracing on ÷ off, 2 in flight: CPU per DataUpload 1.50× (100 ms → 150 ms); control-plane overhead p50 — (0 ms → 100 ms), p95 — (0 ms → 100 ms); ' +
        'created → Completed p50 1.25× (400 ms → 500 ms); wall 1.25× (400 ms → 500 ms)',
    ],
  ])('%s', (_name, off, on, line) => {
    const figures = (timelines: DataUploadTimeline[]) =>
      roundFigures(
        timelines,
        timelines.map(() => 3),
        Math.max(...timelines.map((t) => t.completed ?? 0)),
      );
    const comparison = { title: '2 in flight', off: figures(off), on: figures(on), cpuMsPerVolume: { off: 100, on: 150 } };
    expect(formatTracingRatios([comparison])).toEqual([line]);
  });
});
