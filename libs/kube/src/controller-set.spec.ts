import { createController, type Controller } from './controller';
import { startControllerSet } from './controller-set';
import type { KubeLogger } from './kube-logger';
import { FakeClock } from './testing/fake-clock';

/** An informer stand-in whose sync outcome is given and whose stop is recorded in `order`. */
function informer(order: string[], name: string, synced: Promise<void> = Promise.resolve()) {
  return { synced, stop: async () => void order.push(`informer ${name}`) };
}

/** A real controller whose stop is recorded in `order`; `reconciled` lists the keys it ran. */
function controller(order: string[], name: string, clock: FakeClock): { controller: Controller; reconciled: string[] } {
  const reconciled: string[] = [];
  const created = createController({ name, reconcile: async (key) => void reconciled.push(key), clock });
  const stop = created.stop.bind(created);
  created.stop = async (graceMs) => {
    await stop(graceMs);
    order.push(`controller ${name}`);
  };
  return { controller: created, reconciled };
}

function recordingLogger(lines: unknown[]): KubeLogger {
  const ignore = (): void => undefined;
  return { debug: ignore, warn: ignore, error: ignore, info: (fields, message) => void lines.push({ fields, message }) };
}

describe('startControllerSet', () => {
  it('starts the controllers once the informers synced, logs, and stops controllers, extras, then informers', async () => {
    const clock = new FakeClock();
    const order: string[] = [];
    const lines: unknown[] = [];
    const a = controller(order, 'a', clock);
    const b = controller(order, 'b', clock);
    const set = await startControllerSet({
      name: 'test service',
      informers: [informer(order, '1'), informer(order, '2')],
      controllers: [a.controller, b.controller],
      stopAfterControllers: async () => void order.push('extra'),
      logger: recordingLogger(lines),
      logFields: { namespace: 'velero' },
    });
    a.controller.enqueue('velero/x');
    b.controller.enqueue('velero/y');
    await clock.advance(0);
    expect([a.reconciled, b.reconciled]).toEqual([['velero/x'], ['velero/y']]);
    expect(set.controllers().map((stats) => stats.name)).toEqual(['a', 'b']);
    expect(lines).toEqual([{ fields: { namespace: 'velero' }, message: 'test service started' }]);

    await set.stop(0);
    expect(order.slice(0, 2).sort()).toEqual(['controller a', 'controller b']);
    expect(order.slice(2)).toEqual(['extra', 'informer 1', 'informer 2']);
  });

  it('stops everything it was given and rethrows when an informer fails to sync, without starting', async () => {
    const clock = new FakeClock();
    const order: string[] = [];
    const lines: unknown[] = [];
    const a = controller(order, 'a', clock);
    const failure = new Error('list failed');
    const start = startControllerSet({
      name: 'test service',
      informers: [informer(order, '1'), informer(order, '2', Promise.reject(failure))],
      controllers: [a.controller],
      logger: recordingLogger(lines),
    });
    await expect(start).rejects.toBe(failure);
    expect(order).toEqual(['controller a', 'informer 1', 'informer 2']);
    expect(lines).toEqual([]);
    a.controller.enqueue('velero/x');
    await clock.advance(0);
    expect(a.reconciled).toEqual([]);
  });
});
