import { Writable } from 'node:stream';
import { barProgressView, lineProgressView } from './progress-view';
import type { WaitState } from './wait-outcome';

const state = (phase: string, items: number, bytes: number): WaitState => ({
  phase,
  itemsDone: items,
  itemsTotal: 20,
  transfers: [{ key: 'du-1', label: 'app/db', phase: 'InProgress', bytesDone: bytes, totalBytes: 4 * 1024 * 1024 }],
});

describe('progress view - plain lines when stdout is not a terminal', () => {
  it('prints a line when the line changed, at most one a second unless the phase changed', () => {
    const lines: string[] = [];
    const view = lineProgressView({ out: (text) => lines.push(text), err: () => undefined }, 'backup');
    view.show(state('New', 0, 0), 0);
    view.show(state('InProgress', 5, 0), 100);
    view.show(state('InProgress', 6, 1024 * 1024), 500);
    view.show(state('InProgress', 10, 2 * 1024 * 1024), 1200);
    view.show(state('InProgress', 10, 2 * 1024 * 1024), 2500);
    view.close();
    expect(lines).toEqual([
      'backup New | items 0/20 | app/db InProgress 0 B/4.0 MiB\n',
      'backup InProgress | items 5/20 (50.0/s, ETA 300ms) | app/db InProgress 0 B/4.0 MiB 0 B/s ETA unknown\n',
      'backup InProgress | items 10/20 (8.3/s, ETA 1.2s) | app/db InProgress 2.0 MiB/4.0 MiB 1.7 MiB/s ETA 1.2s\n',
      // nothing moved since, but the rate over the window fell: the line changed
      'backup InProgress | items 10/20 (4.0/s, ETA 2.5s) | app/db InProgress 2.0 MiB/4.0 MiB 819.2 KiB/s ETA 2.5s\n',
    ]);
  });
});

describe('progress view - bars on a terminal', () => {
  it('draws an items bar and a bar per transfer with bytes, rate and ETA', () => {
    let drawn = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        drawn += chunk.toString('utf8');
        done();
      },
    });
    const terminal = Object.assign(sink, { isTTY: true, columns: 160 });
    const view = barProgressView(terminal as unknown as NodeJS.WriteStream, 'restore');
    view.show(state('InProgress', 5, 1024 * 1024), 0);
    view.show(state('InProgress', 10, 3 * 1024 * 1024), 1000);
    view.close();
    expect(drawn).toContain('restore InProgress');
    expect(drawn).toContain('10/20 items 5.0/s ETA 2.0s');
    expect(drawn).toContain('app/db InProgress');
    expect(drawn).toContain('3.0 MiB/4.0 MiB 2.0 MiB/s ETA 500ms');
  });
});
