// Controller SIGKILL during a restore's volume phase, through Ferry's spawned apps: a claim backed
// up with its data moved and the application namespace deleted; then two Restores of it, each with
// the controller (Restore and DataDownload controllers both) SIGKILLed at a different moment and
// started again — once the moment the Restore is seen in WaitingForPluginOperations (its items
// done, its DataDownload running), once the moment its DataDownload is created (the Restore still
// InProgress, so the restarted controller runs the items again). Each Restore must end Completed
// with exactly one DataDownload for the claim (no second transfer), the claim's files identical
// byte for byte, and `restores/<r>/<r>-volumeinfo.json.gz` written.
import { gunzipSync } from 'node:zlib';
import { dataDownloadDefinition, restoreDefinition, VeleroLabel, type DataDownload, type Restore } from '@ferry/api';
import { deleteTestNamespace, eventually, startApplicationHarness, type ApplicationHarness } from '@ferry/devenv/testing';
import { createCustomResourceClient, createInformer, isNotFound, silentLogger, type ResourceInformer } from '@ferry/kube';
import { restoreFileKeys } from '@ferry/storage-location';
import { claimFiles, writtenFiles } from './claim-files';

const movePolicy = `version: v1
volumePolicies:
- conditions: {pvcLabels: {protect: move}}
  action: {type: snapshot, parameters: {snapshotClass: ferry-snapclass}}
`;
const terminal = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'];
const waiting = 'WaitingForPluginOperations';

/** One kill: when it happens and what the Restore went through. */
interface KillCase {
  readonly title: string;
  readonly restore: string;
  /** Whether the claim is restored into a copy of the application namespace. */
  readonly mapped: boolean;
  readonly killWhen: 'waiting' | 'download-created';
  /** The Restore's phase the kill must catch. */
  readonly caught: string;
  /** The runs of the Restore's items (`ferry.io/restore-attempts`). */
  readonly attempts: string;
}

const cases: readonly KillCase[] = [
  {
    title: 'killed in WaitingForPluginOperations',
    restore: 'r-wait',
    mapped: false,
    killWhen: 'waiting',
    caught: waiting,
    attempts: '1',
  },
  {
    title: 'killed InProgress, the moment its DataDownload was created',
    restore: 'r-items',
    mapped: true,
    killWhen: 'download-created',
    caught: 'InProgress',
    attempts: '2',
  },
];

/** What one kill caught and how its Restore ended. */
interface KillOutcome {
  restorePhase: string;
  downloadPhase: string;
  phases: string[];
  restore?: Restore;
}

describe('restore volumes - the controller SIGKILLed while a data-moved claim is restored', () => {
  let h: ApplicationHarness;
  let restoreWatch: ResourceInformer<Restore> | undefined;
  let downloadWatch: ResourceInformer<DataDownload> | undefined;
  const outcomes = new Map<string, KillOutcome>();
  const restores = () => createCustomResourceClient<Restore>(h.kube, restoreDefinition);
  const downloadsOf = async (restore: string) =>
    (await createCustomResourceClient<DataDownload>(h.kube, dataDownloadDefinition).list(h.namespace)).filter(
      (download) => download.metadata?.labels?.[VeleroLabel.RestoreName] === restore,
    );
  const targetOf = (test: KillCase) => (test.mapped ? `${h.appNamespace}-copy` : h.appNamespace);

  /** Resolves when the kill moment of `test` is seen (or its Restore ended: too late); records the phases seen. */
  const killMoment = (test: KillCase, outcome: KillOutcome) =>
    new Promise<void>((resolve) => {
      restoreWatch?.on('update', (restore) => {
        if (restore.metadata?.name !== test.restore) return;
        const phase = restore.status?.phase ?? '';
        if (outcome.phases.at(-1) !== phase) outcome.phases.push(phase);
        if ((test.killWhen === 'waiting' && phase === waiting) || terminal.includes(phase)) resolve();
      });
      downloadWatch?.on('add', (download) => {
        if (test.killWhen === 'download-created' && download.metadata?.labels?.[VeleroLabel.RestoreName] === test.restore) resolve();
      });
    });

  const restoreWithKill = async (test: KillCase): Promise<KillOutcome> => {
    const outcome: KillOutcome = { restorePhase: '', downloadPhase: '', phases: [] };
    const moment = killMoment(test, outcome);
    await restores().create({
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: { name: test.restore, namespace: h.namespace },
      spec: { backupName: 'moved', ...(test.mapped ? { namespaceMapping: { [h.appNamespace]: targetOf(test) } } : {}) },
    });
    await moment;
    await h.killController();
    // Nothing writes the Restore or its DataDownload while the controller is down.
    outcome.restorePhase = (await restores().get(h.namespace, test.restore)).status?.phase ?? '';
    outcome.downloadPhase = (await downloadsOf(test.restore))[0]?.status?.phase ?? '';
    await h.startController();
    outcome.restore = await eventually(
      `Restore ${test.restore} ended`,
      async () => {
        const restore = await restores().get(h.namespace, test.restore);
        return terminal.includes(restore.status?.phase ?? '') ? restore : undefined;
      },
      300_000,
    );
    return outcome;
  };

  beforeAll(async () => {
    h = await startApplicationHarness('rk');
    await h.filledClaim('moved', { protect: 'move' });
    await h.kube.core.createNamespacedConfigMap({
      namespace: h.namespace,
      body: { metadata: { name: 'move-policy' }, data: { 'policy.yaml': movePolicy } },
    });
    await h.createBackup('moved', {
      includedNamespaces: [h.appNamespace],
      snapshotMoveData: true,
      resourcePolicy: { kind: 'configmap', name: 'move-policy' },
    });
    expect((await h.backupIn('moved', terminal)).status?.phase).toBe('Completed');
    await deleteTestNamespace(h.kube, h.appNamespace);
    await eventually(`namespace ${h.appNamespace} gone`, () =>
      h.kube.requester.request({ method: 'GET', path: `/api/v1/namespaces/${h.appNamespace}` }).then(
        () => false,
        (error: unknown) => isNotFound(error),
      ),
    );
    restoreWatch = createInformer<Restore>(h.kube, restoreDefinition, { namespace: h.namespace, logger: silentLogger });
    downloadWatch = createInformer<DataDownload>(h.kube, dataDownloadDefinition, { namespace: h.namespace, logger: silentLogger });
    await Promise.all([restoreWatch.synced, downloadWatch.synced]);
    for (const test of cases) outcomes.set(test.restore, await restoreWithKill(test));
  }, 1_200_000);

  afterAll(async () => {
    await restoreWatch?.stop();
    await downloadWatch?.stop();
    if (h) await deleteTestNamespace(h.kube, `${h.appNamespace}-copy`);
    await h?.close();
  }, 120_000);

  describe.each(cases)('$title', (test) => {
    const outcome = () => outcomes.get(test.restore) ?? { restorePhase: '', downloadPhase: '', phases: [] };

    it('caught the Restore in the intended phase, its DataDownload not yet done', () => {
      expect(outcome().restorePhase).toBe(test.caught);
      expect(['', 'New', 'Accepted', 'Prepared', 'InProgress']).toContain(outcome().downloadPhase);
    });

    it('ends Completed after the restart, the DataDownload counted as the one operation', () => {
      const restore = outcome().restore;
      expect(restore?.status).toMatchObject({ phase: 'Completed', restoreItemOperationsAttempted: 1, restoreItemOperationsCompleted: 1 });
      expect(restore?.status?.errors).toBeUndefined();
      expect(restore?.metadata?.annotations?.['ferry.io/restore-attempts']).toBe(test.attempts);
      expect(restore?.metadata?.annotations?.['ferry.io/waiting-for']).toBeUndefined();
      // Once in WaitingForPluginOperations, the Restore only finishes: its items are not run again.
      const phases = outcome().phases;
      expect(phases.slice(phases.indexOf(waiting))).toEqual([waiting, 'Finalizing', 'Completed']);
    });

    it('started exactly one DataDownload for the claim: no second transfer', async () => {
      const found = await downloadsOf(test.restore);
      expect(found).toHaveLength(1);
      expect(found[0]?.spec?.targetVolume).toMatchObject({ pvc: 'moved', namespace: targetOf(test) });
      expect(found[0]?.status?.phase).toBe('Completed');
    });

    it('restores the claim’s data byte for byte', async () => {
      expect(await claimFiles(h, 'moved', undefined, targetOf(test))).toEqual(writtenFiles('moved'));
    }, 120_000);

    it('writes restores/<r>/<r>-volumeinfo.json.gz with the data-moved claim', async () => {
      const key = restoreFileKeys(h.prefix, test.restore).volumeInfo;
      expect(key).toBe(`${h.prefix}/restores/${test.restore}/${test.restore}-volumeinfo.json.gz`);
      const infos = JSON.parse(gunzipSync((await h.store.getObject(key)) ?? Buffer.alloc(0)).toString('utf8')) as unknown;
      const [download] = await downloadsOf(test.restore);
      expect(infos).toEqual([
        expect.objectContaining({
          pvcName: 'moved',
          pvcNamespace: targetOf(test),
          restoreMethod: 'CSISnapshot',
          snapshotDataMoved: true,
          snapshotDataMovementInfo: expect.objectContaining({
            operationID: download?.metadata?.labels?.[VeleroLabel.AsyncOperationId],
          }) as unknown,
        }),
      ]);
    });
  });
});
