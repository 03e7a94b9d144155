// A Backup end to end through Ferry's spawned apps: an application (ConfigMap, Secret, Service,
// three claims with data — one snapshotted and moved, one fs-backup, one skipped by policy) is
// backed up; the phases are watched, every bucket key is checked, velero-backup.json, the results,
// the resource list, the volume info, the log and the tarball are read back.
import { backupFileKeys, backupPrefixKey } from '@ferry/storage-location';
import { dataUploadDefinition, type Backup, type DataUpload } from '@ferry/api';
import { createCustomResourceClient } from '@ferry/kube';
import { gzText, tarballEntries } from './backup-bucket-reading';
import { startApplicationHarness, type ApplicationHarness } from '@ferry/devenv/testing';

const policyDocument = `version: v1
volumePolicies:
- conditions: {pvcLabels: {protect: skip}}
  action: {type: skip}
- conditions: {pvcLabels: {protect: fs}}
  action: {type: fs-backup}
- conditions: {pvcLabels: {protect: move}}
  action: {type: snapshot, parameters: {snapshotClass: ferry-snapclass}}
`;

describe('backup end to end - an application backed up by the spawned controller', () => {
  let h: ApplicationHarness;
  let backup: Backup;

  beforeAll(async () => {
    h = await startApplicationHarness('app');
    await h.filledClaim('moved', { protect: 'move' });
    await h.filledClaim('skipped', { protect: 'skip' });
    await h.filledClaim('files', { protect: 'fs' });
    await h.appPod('app', 'files');
    const ns = h.appNamespace;
    await h.kube.core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'settings' }, data: { mode: 'prod' } } });
    await h.kube.core.createNamespacedSecret({ namespace: ns, body: { metadata: { name: 'token' }, stringData: { token: 's3cr3t' } } });
    await h.kube.core.createNamespacedService({
      namespace: ns,
      body: { metadata: { name: 'web' }, spec: { ports: [{ port: 80 }], selector: { app: 'web' } } },
    });
    await h.kube.core.createNamespacedConfigMap({
      namespace: h.namespace,
      body: { metadata: { name: 'volume-policy' }, data: { 'policy.yaml': policyDocument } },
    });
    await h.backups.create({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name: 'nightly', namespace: h.namespace },
      spec: {
        includedNamespaces: [ns],
        snapshotMoveData: true,
        ttl: '0s',
        csiSnapshotTimeout: '0s',
        itemOperationTimeout: '0s',
        resourcePolicy: { kind: 'configmap', name: 'volume-policy' },
      },
    });
    backup = await h.backupIn('nightly', ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation']);
  }, 360_000);

  afterAll(async () => {
    await h?.close();
  }, 120_000);

  const keys = () => backupFileKeys(h.prefix, 'nightly');

  it('completes, each phase seen through the watch in Velero’s order', () => {
    expect(backup.status?.phase).toBe('Completed');
    const seen = (h.phasesSeen.get('nightly') ?? []).filter((phase) => phase !== '' && phase !== 'New');
    expect(seen).toEqual(['InProgress', 'WaitingForPluginOperations', 'Finalizing', 'Completed']);
  });

  it('fills the status as Velero: defaults for zero durations, counts, progress, timestamps', () => {
    const status = backup.status!;
    expect(backup.spec).toMatchObject({
      ttl: '720h0m0s',
      csiSnapshotTimeout: '10m0s',
      itemOperationTimeout: '4h0m0s',
      storageLocation: 'default',
    });
    expect(status).toMatchObject({ version: 1, formatVersion: '1.1.0', errors: 0 });
    // Velero's async item operations are the DataUploads; pod volume backups are not among them.
    expect(status.backupItemOperationsAttempted).toBe(1);
    expect(status.backupItemOperationsCompleted).toBe(1);
    expect(status.progress?.itemsBackedUp).toBeGreaterThanOrEqual(8);
    expect(status.progress?.itemsBackedUp).toBe(status.progress?.totalItems);
    const start = Date.parse(status.startTimestamp ?? '');
    expect(Date.parse(status.completionTimestamp ?? '')).toBeGreaterThanOrEqual(start);
    expect(Date.parse(status.expiration ?? '') - start).toBe(720 * 3600_000);
  });

  it('leaves every backup key of Velero’s layout in the bucket', async () => {
    const k = keys();
    const listed = await h.store.listKeys(backupPrefixKey(h.prefix, 'nightly'));
    expect(listed.sort()).toEqual(
      [
        k.metadata,
        k.contents,
        k.logs,
        k.podVolumeBackups,
        k.volumeSnapshots,
        k.itemOperations,
        k.resourceList,
        k.results,
        k.volumeInfo,
      ].sort(),
    );
  });

  it('stores velero-backup.json as Kubernetes pretty JSON with the final status', async () => {
    const text = Buffer.from((await h.store.getObject(keys().metadata))!).toString('utf8');
    expect(text.startsWith('{\n  "kind": "Backup",\n  "apiVersion": "velero.io/v1",\n  "metadata": {\n    "name": "nightly",')).toBe(true);
    const stored = JSON.parse(text) as Backup;
    expect(stored.metadata.uid).toBe(backup.metadata.uid);
    expect(stored.spec?.includedNamespaces).toEqual([h.appNamespace]);
    expect(stored.status).toMatchObject({ phase: 'Completed', completionTimestamp: backup.status?.completionTimestamp });
    expect(text).not.toContain('"errors"'); // zero is omitted, as Go's omitempty does
  });

  it('writes the results, resource list, native snapshot list and log as Velero', async () => {
    const k = keys();
    expect(await gzText(h.store, k.results)).toBe('{"errors":{},"warnings":{}}\n');
    expect(await gzText(h.store, k.volumeSnapshots)).toBe('null\n');
    const list = JSON.parse((await gzText(h.store, k.resourceList))!) as Record<string, string[]>;
    const ns = h.appNamespace;
    expect(list['v1/ConfigMap']).toContain(`${ns}/settings`);
    expect(list['v1/Secret']).toContain(`${ns}/token`);
    expect(list['v1/Service']).toEqual([`${ns}/web`]);
    expect(list['v1/PersistentVolumeClaim']).toEqual([`${ns}/files`, `${ns}/moved`, `${ns}/skipped`]);
    const log = (await gzText(h.store, k.logs))!;
    expect(log).toMatch(/^time="[^"]+Z" level=info msg="Setting up backup log" backup=[^ ]+\/nightly\n/);
    expect(log).toContain('msg="Backup finished with phase Completed"');
  });

  it('writes the volume info: moved, fs-backup and skipped volumes', async () => {
    const infos = JSON.parse((await gzText(h.store, keys().volumeInfo))!) as Record<string, unknown>[];
    const byClaim = new Map(infos.map((info) => [info['pvcName'], info]));
    expect(byClaim.get('skipped')).toMatchObject({ skipped: true, pvcNamespace: h.appNamespace });
    expect(byClaim.get('moved')).toMatchObject({ backupMethod: 'CSISnapshot', snapshotDataMoved: true, result: 'succeeded' });
    expect(byClaim.get('files')).toMatchObject({ backupMethod: 'PodVolumeBackup', result: 'succeeded' });
    const operations = JSON.parse((await gzText(h.store, keys().itemOperations))!) as unknown[];
    expect(operations).toEqual([
      expect.objectContaining({
        spec: expect.objectContaining({ backupName: 'nightly', backupItemAction: 'velero.io/csi-pvc-backupper' }),
        status: expect.objectContaining({ phase: 'Completed' }),
      }),
    ]);
  });

  it('writes the tarball with Velero’s entries', async () => {
    const entries = await tarballEntries(h.store, keys().contents);
    expect(entries.get('metadata/version')?.body.toString()).toBe('1.1.0\n');
    const settings = entries.get(`resources/configmaps/namespaces/${h.appNamespace}/settings.json`);
    expect(JSON.parse(settings!.body.toString())).toMatchObject({ kind: 'ConfigMap', data: { mode: 'prod' } });
    expect(entries.has(`resources/configmaps/v1-preferredversion/namespaces/${h.appNamespace}/settings.json`)).toBe(true);
    expect(entries.has(`resources/persistentvolumeclaims/namespaces/${h.appNamespace}/moved.json`)).toBe(true);
  });

  it('finalizes the tarball as Velero: the completed DataUpload and the claim that names it, for a restore by Velero', async () => {
    const uploads = await createCustomResourceClient<DataUpload>(h.kube, dataUploadDefinition).list(h.namespace, {
      labelSelector: 'velero.io/backup-name=nightly',
    });
    expect(uploads.map((upload) => upload.status?.phase)).toEqual(['Completed']);
    const upload = uploads[0]!;
    const entries = await tarballEntries(h.store, keys().contents);
    const stored = JSON.parse(
      entries.get(`resources/datauploads.velero.io/namespaces/${h.namespace}/${upload.metadata.name}.json`)!.body.toString(),
    );
    expect(stored).toMatchObject({ kind: 'DataUpload', status: { phase: 'Completed', snapshotID: upload.status?.snapshotID } });
    const claim = JSON.parse(entries.get(`resources/persistentvolumeclaims/namespaces/${h.appNamespace}/moved.json`)!.body.toString());
    expect(claim.metadata.annotations).toMatchObject({ 'velero.io/data-upload-name': `${h.namespace}/${upload.metadata.name}` });
  });
});
