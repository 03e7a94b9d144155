// What `--wait` shows and how it ends: the exit code of a final phase, per-key rates over a
// sliding window, ETAs, and the plain progress line printed when stdout is not a terminal. Pure.
import { ExitCode } from '../cli-io';
import { humanBytes, humanDuration } from '../format/go-values';

/**
 * The exit code of a Backup or Restore phase once `--wait` may stop: 0 Completed, 1 Failed or
 * FailedValidation, 2 PartiallyFailed; undefined while it runs (Velero stops only at these four).
 */
export function waitExitCode(phase: string | undefined): ExitCode | undefined {
  switch (phase) {
    case 'Completed':
      return ExitCode.Ok;
    case 'Failed':
    case 'FailedValidation':
      return ExitCode.Failure;
    case 'PartiallyFailed':
      return ExitCode.PartiallyFailed;
    default:
      return undefined;
  }
}

/** One volume transfer (DataUpload/DataDownload/PodVolumeBackup/PodVolumeRestore) seen by `--wait`. */
export interface TransferState {
  readonly key: string;
  readonly label: string;
  readonly phase: string | undefined;
  readonly bytesDone: number;
  readonly totalBytes: number;
}

/** The watched object and its transfers at one moment. */
export interface WaitState {
  readonly phase: string | undefined;
  readonly itemsDone: number;
  readonly itemsTotal: number;
  readonly transfers: readonly TransferState[];
}

/** How much of the past the rate of a counter is averaged over. */
export const rateWindowMs = 10_000;

/** Rates of counters from timestamped samples, averaged over {@link rateWindowMs}. */
export class RateTracker {
  private readonly samples = new Map<string, { atMs: number; value: number }[]>();

  /** Records `value` of counter `key` at `atMs` (monotonic time of the caller). */
  record(key: string, value: number, atMs: number): void {
    const kept = (this.samples.get(key) ?? []).filter((sample) => sample.atMs >= atMs - rateWindowMs);
    kept.push({ atMs, value });
    this.samples.set(key, kept);
  }

  /** Units per second of `key` over the window, or undefined before two samples apart in time. */
  rate(key: string): number | undefined {
    const kept = this.samples.get(key) ?? [];
    const first = kept[0];
    const last = kept.at(-1);
    if (!first || !last || last.atMs <= first.atMs) return undefined;
    return ((last.value - first.value) * 1000) / (last.atMs - first.atMs);
  }
}

/** `ETA 1m05s`, or `ETA unknown` without a positive rate or a total. */
export function etaText(done: number, total: number, rate: number | undefined): string {
  if (!rate || rate <= 0 || total <= 0) return 'ETA unknown';
  return `ETA ${humanDuration((Math.max(total - done, 0) / rate) * 1000)}`;
}

/** The plain line of `state`: phase, items with rate and ETA, and each transfer's bytes. */
export function progressLine(noun: 'backup' | 'restore', state: WaitState, rates: RateTracker): string {
  const itemRate = rates.rate('items');
  const items = `items ${state.itemsDone}/${state.itemsTotal}${itemRate === undefined ? '' : ` (${itemRate.toFixed(1)}/s, ${etaText(state.itemsDone, state.itemsTotal, itemRate)})`}`;
  const volumes = state.transfers.map((transfer) => {
    const rate = rates.rate(transfer.key);
    const total = transfer.totalBytes > 0 ? `/${humanBytes(transfer.totalBytes)}` : '';
    const speed = rate === undefined ? '' : ` ${humanBytes(Math.round(rate))}/s ${etaText(transfer.bytesDone, transfer.totalBytes, rate)}`;
    return `${transfer.label} ${transfer.phase || 'New'} ${humanBytes(transfer.bytesDone)}${total}${speed}`;
  });
  return [`${noun} ${state.phase || 'New'}`, items, ...volumes].join(' | ');
}
