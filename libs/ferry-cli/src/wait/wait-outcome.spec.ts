import { ExitCode } from '../cli-io';
import { etaText, progressLine, RateTracker, waitExitCode } from './wait-outcome';

describe('wait outcome - exit codes of final phases', () => {
  it.each([
    ['Completed', ExitCode.Ok],
    ['Failed', 1],
    ['FailedValidation', 1],
    ['PartiallyFailed', 2],
    ['InProgress', undefined],
    ['WaitingForPluginOperations', undefined],
    ['Finalizing', undefined],
    [undefined, undefined],
  ])('%s → %s', (phase, code) => {
    expect(waitExitCode(phase)).toBe(code);
  });
});

describe('wait outcome - rates and ETA', () => {
  it('averages a counter over the window and forgets old samples', () => {
    const rates = new RateTracker();
    expect(rates.rate('x')).toBeUndefined();
    rates.record('x', 0, 0);
    expect(rates.rate('x')).toBeUndefined();
    rates.record('x', 100, 2000);
    expect(rates.rate('x')).toBe(50);
    rates.record('x', 100, 20_000);
    expect(rates.rate('x')).toBeUndefined();
    rates.record('x', 400, 23_000);
    expect(rates.rate('x')).toBe(100);
  });

  it.each([
    [50, 100, 10, 'ETA 5.0s'],
    [100, 100, 10, 'ETA 0ms'],
    [10, 0, 10, 'ETA unknown'],
    [10, 100, undefined, 'ETA unknown'],
    [10, 100, 0, 'ETA unknown'],
  ])('etaText(%d, %d, %s) = %s', (done, total, rate, text) => {
    expect(etaText(done, total, rate)).toBe(text);
  });

  it('prints one plain line with items and each transfer', () => {
    const rates = new RateTracker();
    rates.record('items', 0, 0);
    rates.record('du', 0, 0);
    rates.record('items', 10, 1000);
    rates.record('du', 1024 * 1024, 1000);
    const line = progressLine(
      'backup',
      {
        phase: 'InProgress',
        itemsDone: 10,
        itemsTotal: 30,
        transfers: [{ key: 'du', label: 'app/db', phase: 'InProgress', bytesDone: 1024 * 1024, totalBytes: 4 * 1024 * 1024 }],
      },
      rates,
    );
    expect(line).toBe('backup InProgress | items 10/30 (10.0/s, ETA 2.0s) | app/db InProgress 1.0 MiB/4.0 MiB 1.0 MiB/s ETA 3.0s');
  });
});
