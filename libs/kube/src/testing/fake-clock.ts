import type { Clock } from '../clock';

/**
 * A clock for unit tests: time stands still until `advance` moves it, firing the timers that come
 * due in order (and those they schedule, if due too). `flush` lets pending promise callbacks run.
 */
export class FakeClock implements Clock {
  private current: number;
  private readonly timers: { due: number; seq: number; run: () => void }[] = [];
  private seq = 0;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  schedule(delayMs: number, run: () => void): () => void {
    const timer = { due: this.current + Math.max(0, delayMs), seq: this.seq++, run };
    this.timers.push(timer);
    return () => {
      const index = this.timers.indexOf(timer);
      if (index >= 0) this.timers.splice(index, 1);
    };
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing due timers one by one with promise callbacks run between them. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await flushPromises();
      const next = this.timers.filter((t) => t.due <= target).sort((a, b) => a.due - b.due || a.seq - b.seq)[0];
      if (!next) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      this.current = next.due;
      next.run();
    }
    this.current = target;
    await flushPromises();
  }
}

/** Lets every already-queued promise callback (and the ones they queue, a few levels deep) run. */
export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
