import type { DataMoverClass } from '@ferry/api';
import type { KubeObject } from '@ferry/kube';
import { flushPromises } from '@ferry/kube/testing';
import { silentLogger } from '@ferry/logger';
import { createDataPathControllers, type DataPathControllers } from './data-path-controllers';
import { phaseOf } from './resource-marks';
import { aNewDataUpload, HandDrivenInformer } from './testing/data-path-fakes';
import { createDataPathTestBench } from './testing/data-path-test-bench';

function wire(bench: ReturnType<typeof createDataPathTestBench>) {
  const informers = {
    DataUpload: new HandDrivenInformer<KubeObject>(),
    DataDownload: new HandDrivenInformer<KubeObject>(),
    PodVolumeBackup: new HandDrivenInformer<KubeObject>(),
    PodVolumeRestore: new HandDrivenInformer<KubeObject>(),
  };
  const controllers = createDataPathControllers({
    access: {
      DataUpload: { informer: informers.DataUpload },
      DataDownload: { informer: informers.DataDownload },
      PodVolumeBackup: { informer: informers.PodVolumeBackup },
      PodVolumeRestore: { informer: informers.PodVolumeRestore },
    },
    classes: new HandDrivenInformer<DataMoverClass>(),
    store: bench.store,
    reconciler: bench.reconciler,
    resyncIntervalMs: 5_000,
    clock: bench.clock,
    logger: silentLogger(),
  });
  return { informers, controllers };
}

describe('data-path controllers - informer-fed, results inside the reconcile, backoff', () => {
  let controllers: DataPathControllers | undefined;
  afterEach(() => controllers?.stop(0));

  it('reconciles a key its informer reports, and again on the resync', async () => {
    const bench = createDataPathTestBench();
    const wired = wire(bench);
    controllers = wired.controllers;
    const du = bench.store.put(aNewDataUpload());
    wired.informers.DataUpload.emit('add', du);
    controllers.start();
    await bench.clock.advance(0);
    expect(phaseOf(bench.current(du))).toBe('Accepted');
    expect(bench.jobs.exposes).toHaveLength(0); // no informer event for the controller's own write here
    await bench.clock.advance(5_000);
    expect(bench.jobs.exposes).toHaveLength(1);
    expect(controllers.stats().map((s) => s.name)).toEqual(['dataupload', 'datadownload', 'podvolumebackup', 'podvolumerestore']);
  });

  it('applies a delivered result only inside a reconcile of its key, then resolves the delivery', async () => {
    const bench = createDataPathTestBench();
    const wired = wire(bench);
    controllers = wired.controllers;
    const du = bench.store.put(aNewDataUpload());
    await bench.reconcile(du);
    let delivered = false;
    const delivery = controllers.deliver({ kind: 'DataUpload', namespace: 'velero', name: 'du-1' }, () => bench.exposed(du));
    void delivery.then(() => (delivered = true));
    await flushPromises();
    expect(delivered).toBe(false); // not started: no reconcile has run it
    controllers.start();
    await bench.clock.advance(0);
    expect(delivered).toBe(true);
    expect(phaseOf(bench.current(du))).toBe('InProgress');
  });

  it('retries a failed reconcile with the work queue’s backoff, not after the resync', async () => {
    const bench = createDataPathTestBench();
    const wired = wire(bench);
    controllers = wired.controllers;
    const du = bench.store.put(aNewDataUpload());
    await bench.reconcile(du);
    bench.jobs.failing = true;
    wired.informers.DataUpload.emit('update', bench.current(du));
    controllers.start();
    await bench.clock.advance(0);
    expect(controllers.stats()[0]).toMatchObject({ failures: 1, retries: 1 });
    bench.jobs.failing = false;
    await bench.clock.advance(200);
    expect(bench.jobs.exposes).toHaveLength(1);
    expect(controllers.stats()[0]?.failures).toBe(1);
  });

  it('rejects results waiting when stopped', async () => {
    const bench = createDataPathTestBench();
    controllers = wire(bench).controllers;
    const delivery = controllers.deliver({ kind: 'DataUpload', namespace: 'velero', name: 'du-1' }, () => Promise.resolve());
    await controllers.stop(0);
    await expect(delivery).rejects.toThrow('the controller is stopping');
  });
});
