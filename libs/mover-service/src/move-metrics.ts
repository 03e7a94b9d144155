// What one move adds to the node's metrics: the bytes as the tool reports them (so
// `rate(ferry_mover_bytes_total[1m])` is the node's live throughput) and, once it completed, its
// average rate.
import type { FerryMetrics, MoveOperation } from '@ferry/telemetry';

/** The metrics the mover records (a `ServiceContext`'s `metrics` fits). */
export type MoverMetrics = Pick<FerryMetrics, 'bytesMoved' | 'moveThroughput'>;

/** The meter of one move. */
export interface MoveMeter {
  /** The tool's cumulative byte counter; the growth since the last call is recorded. */
  progressed(bytesDone: number): void;
  /** The move completed at `nowMs`: records its average rate (nothing when no byte moved). */
  completed(nowMs: number): void;
}

/**
 * A meter for one move of `direction` on `node` that started at `startedAtMs`. A counter that goes
 * back (a resumed transfer counting again from zero) records nothing until it passes its last value.
 */
export function meterMove(metrics: MoverMetrics | undefined, node: string, direction: MoveOperation, startedAtMs: number): MoveMeter {
  let counted = 0;
  let last = 0;
  return {
    progressed(bytesDone) {
      last = bytesDone;
      if (bytesDone <= counted) return;
      metrics?.bytesMoved(node, direction, bytesDone - counted);
      counted = bytesDone;
    },
    completed(nowMs) {
      const seconds = (nowMs - startedAtMs) / 1000;
      if (last > 0 && seconds > 0) metrics?.moveThroughput(node, direction, last / seconds);
    },
  };
}
