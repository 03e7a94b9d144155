import { createSharedTasks } from './shared-task';

const canceled = () => new Error('canceled');

/** A task that resolves or rejects when told, recording its signal. */
function deferredTask() {
  let finish: (error?: Error) => void = () => undefined;
  const signals: AbortSignal[] = [];
  const start = jest.fn((signal: AbortSignal) => {
    signals.push(signal);
    return new Promise<void>((resolve, reject) => {
      finish = (error) => (error ? reject(error) : resolve());
    });
  });
  return { start, signals, finish: (error?: Error) => finish(error) };
}

describe('shared tasks - one run per key', () => {
  it('runs once for concurrent and later callers after a success', async () => {
    const tasks = createSharedTasks(canceled);
    const task = deferredTask();
    const signal = new AbortController().signal;
    const both = Promise.all([tasks.join('k', task.start, signal), tasks.join('k', task.start, signal)]);
    task.finish();
    await both;
    await tasks.join('k', task.start, signal);
    expect(task.start).toHaveBeenCalledTimes(1);
  });

  it('forgets a failure: the next caller starts anew', async () => {
    const tasks = createSharedTasks(canceled);
    const task = deferredTask();
    const signal = new AbortController().signal;
    const first = tasks.join('k', task.start, signal);
    task.finish(new Error('boom'));
    await expect(first).rejects.toThrow('boom');
    const second = tasks.join('k', task.start, signal);
    task.finish();
    await second;
    expect(task.start).toHaveBeenCalledTimes(2);
  });

  it('lets each caller stop on its own, and aborts the task only when nobody waits', async () => {
    const tasks = createSharedTasks(canceled);
    const task = deferredTask();
    const a = new AbortController();
    const b = new AbortController();
    const waitA = tasks.join('k', task.start, a.signal);
    const waitB = tasks.join('k', task.start, b.signal);
    a.abort();
    await expect(waitA).rejects.toThrow('canceled');
    expect(task.signals[0]?.aborted).toBe(false);
    b.abort();
    await expect(waitB).rejects.toThrow('canceled');
    expect(task.signals[0]?.aborted).toBe(true);
    task.finish(new Error('stopped'));
    // A caller after the abort starts a fresh task rather than joining the stopped one.
    const again = tasks.join('k', task.start, new AbortController().signal);
    task.finish();
    await again;
    expect(task.start).toHaveBeenCalledTimes(2);
  });
});
