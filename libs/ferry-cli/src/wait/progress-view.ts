// How `--wait` shows progress: live bars (cli-progress) on a terminal — one for items, one per
// volume transfer with bytes, rate and ETA — or, when stdout is not a terminal, a plain line each
// time something changed (at most one per second).
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { CliIo } from '../cli-io';
import { humanBytes } from '../format/go-values';
import { etaText, progressLine, RateTracker, type WaitState } from './wait-outcome';

/** Receives every state `--wait` sees; `close` ends the display (bars stopped, final state left on screen). */
export interface ProgressView {
  show(state: WaitState, atMs: number): void;
  close(): void;
}

/** Plain lines on `io.out`: printed when the line changed and a second has passed, or the phase changed. */
export function lineProgressView(io: CliIo, noun: 'backup' | 'restore'): ProgressView {
  const rates = new RateTracker();
  let last = { line: '', phase: '' as string | undefined, atMs: 0 };
  return {
    show(state, atMs) {
      rates.record('items', state.itemsDone, atMs);
      for (const transfer of state.transfers) rates.record(transfer.key, transfer.bytesDone, atMs);
      const line = progressLine(noun, state, rates);
      if (line === last.line || (state.phase === last.phase && atMs - last.atMs < 1000)) return;
      io.out(`${line}\n`);
      last = { line, phase: state.phase, atMs };
    },
    close() {},
  };
}

// The cursor stays visible: ctrl-c (which Velero says is safe while waiting) ends the process without
// a chance to show it again. Payload names avoid cli-progress's own tokens (value, total, eta, …).
const barFormat = '{label} |{bar}| {doneText}{totalText} {rateText} {etaText}';

/** Live bars on `terminal`: items first, then one bar per transfer as it appears. */
export function barProgressView(terminal: NodeJS.WriteStream, noun: 'backup' | 'restore'): ProgressView {
  const rates = new RateTracker();
  const multibar = new MultiBar(
    { format: barFormat, stream: terminal, hideCursor: false, clearOnComplete: false, fps: 5 },
    Presets.shades_classic,
  );
  const items = multibar.create(1, 0, { label: `${noun} items`.padEnd(28), doneText: '0', totalText: '', rateText: '', etaText: '' });
  const bars = new Map<string, SingleBar>();
  return {
    show(state, atMs) {
      rates.record('items', state.itemsDone, atMs);
      const itemRate = rates.rate('items');
      items.setTotal(Math.max(state.itemsTotal, 1));
      items.update(state.itemsDone, {
        label: `${noun} ${state.phase || 'New'}`.padEnd(28),
        doneText: String(state.itemsDone),
        totalText: `/${state.itemsTotal} items`,
        rateText: itemRate === undefined ? '' : `${itemRate.toFixed(1)}/s`,
        etaText: etaText(state.itemsDone, state.itemsTotal, itemRate),
      });
      for (const transfer of state.transfers) {
        rates.record(transfer.key, transfer.bytesDone, atMs);
        const rate = rates.rate(transfer.key);
        const bar = bars.get(transfer.key) ?? multibar.create(1, 0);
        bars.set(transfer.key, bar);
        bar.setTotal(Math.max(transfer.totalBytes, 1));
        bar.update(transfer.bytesDone, {
          label: `${transfer.label} ${transfer.phase || 'New'}`.slice(0, 28).padEnd(28),
          doneText: humanBytes(transfer.bytesDone),
          totalText: transfer.totalBytes > 0 ? `/${humanBytes(transfer.totalBytes)}` : '',
          rateText: rate === undefined ? '' : `${humanBytes(Math.round(rate))}/s`,
          etaText: etaText(transfer.bytesDone, transfer.totalBytes, rate),
        });
      }
    },
    close() {
      multibar.stop();
    },
  };
}
