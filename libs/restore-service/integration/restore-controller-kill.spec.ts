// Controller SIGKILL during a restore's volume phase, through Ferry's spawned apps: a claim backed
// up with its data moved, the application namespace deleted, a Restore created, and the controller
// (Restore and DataDownload controllers both) killed the moment the Restore is seen in
// WaitingForPluginOperations, its DataDownload still running. The controller is started again: the
// Restore must end Completed with one DataDownload for the claim (no second transfer), the claim's
// files identical byte for byte, and its volume info written.
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

describe('restore volumes - the controller SIGKILLed while a DataDownload runs', () => {
  let h: ApplicationHarness;
  let informer: ResourceInformer<Restore> | undefined;
  const phases: string[] = [];
  /** What the kill caught: the Restore's phase and its DataDownload's phase at that moment. */
  const atKill = { restorePhase: '', downloadPhase: '' };
  let outcome: Restore;
  const restores = () => createCustomResourceClient<Restore>(h.kube, restoreDefinition);
  const downloads = async () => createCustomResourceClient<DataDownload>(h.kube, dataDownloadDefinition).list(h.namespace);

  /** Resolves once the watch sees Restore `name` in `phase` (or a terminal phase, too late to kill). */
  const seen = (name: string, phase: string) =>
    new Promise<string>((resolve) => {
      informer?.on('update', (restore) => {
        const current = restore.status?.phase ?? '';
        if (restore.metadata?.name !== name) return;
        if (phases.at(-1) !== current) phases.push(current);
        if (current === phase || terminal.includes(current)) resolve(current);
      });
    });

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

    informer = createInformer<Restore>(h.kube, restoreDefinition, { namespace: h.namespace, logger: silentLogger });
    await informer.synced;
    const caught = seen('r-kill', waiting);
    await restores().create({
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: { name: 'r-kill', namespace: h.namespace },
      spec: { backupName: 'moved' },
    });
    atKill.restorePhase = await caught;
    await h.killController();
    atKill.downloadPhase = (await downloads())[0]?.status?.phase ?? '';
    await h.startController();
    outcome = await eventually(
      'Restore r-kill ended',
      async () => {
        const restore = await restores().get(h.namespace, 'r-kill');
        return terminal.includes(restore.status?.phase ?? '') ? restore : undefined;
      },
      300_000,
    );
  }, 900_000);

  afterAll(async () => {
    await informer?.stop();
    await h?.close();
  }, 120_000);

  it('killed the controller in WaitingForPluginOperations while the DataDownload was still running', () => {
    expect(atKill.restorePhase).toBe(waiting);
    expect(['', 'New', 'Accepted', 'Prepared', 'InProgress']).toContain(atKill.downloadPhase);
  });

  it('ends Completed after the restart, the DataDownload counted as the one operation', () => {
    expect(outcome.status).toMatchObject({
      phase: 'Completed',
      restoreItemOperationsAttempted: 1,
      restoreItemOperationsCompleted: 1,
    });
    expect(outcome.status?.errors).toBeUndefined();
    expect(outcome.metadata?.annotations?.['ferry.io/waiting-for']).toBeUndefined();
    // The restarted controller finished the restore; it did not run its items again.
    expect(phases.slice(phases.indexOf(waiting))).toEqual([waiting, 'Finalizing', 'Completed']);
  });

  it('started exactly one DataDownload for the claim: no second transfer', async () => {
    const found = await downloads();
    expect(found).toHaveLength(1);
    expect(found[0]?.metadata?.labels?.[VeleroLabel.RestoreName]).toBe('r-kill');
    expect(found[0]?.spec?.targetVolume).toMatchObject({ pvc: 'moved', namespace: h.appNamespace });
    expect(found[0]?.status?.phase).toBe('Completed');
  });

  it('restores the claim’s data byte for byte', async () => {
    expect(await claimFiles(h, 'moved')).toEqual(writtenFiles('moved'));
  }, 120_000);

  it('writes restores/<r>/<r>-volumeinfo.json.gz with the data-moved claim', async () => {
    const body = await h.store.getObject(restoreFileKeys(h.prefix, 'r-kill').volumeInfo);
    expect(restoreFileKeys(h.prefix, 'r-kill').volumeInfo).toBe(`${h.prefix}/restores/r-kill/r-kill-volumeinfo.json.gz`);
    const infos = JSON.parse(gunzipSync(body ?? Buffer.alloc(0)).toString('utf8')) as unknown;
    const [download] = await downloads();
    expect(infos).toEqual([
      expect.objectContaining({
        pvcName: 'moved',
        pvcNamespace: h.appNamespace,
        restoreMethod: 'CSISnapshot',
        snapshotDataMoved: true,
        snapshotDataMovementInfo: expect.objectContaining({
          operationID: download?.metadata?.labels?.[VeleroLabel.AsyncOperationId],
        }) as unknown,
      }),
    ]);
  });
});
