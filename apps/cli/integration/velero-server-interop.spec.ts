import { createMinioStorageLocation } from '@ferry/devenv';
import {
  createTestNamespace,
  deleteTestNamespace,
  eventually,
  startApplicationHarness,
  startVeleroServer,
  type ApplicationHarness,
} from '@ferry/devenv/testing';
import type { KubeClient } from '@ferry/kube';
import { runVelero } from './ferry-process';

/**
 * The restored objects of `namespace` that a restore decides (pods, claims, config maps, secrets,
 * service accounts), without what the API server or the node simulator sets on its own (uid,
 * versions, timestamps, status, the node a pod was scheduled to and the volume a claim was bound
 * to) and with `namespace` and `restore` written as placeholders, so two restores compare.
 */
async function restoredObjects(kube: KubeClient, namespace: string, restore: string): Promise<string> {
  const lists = await Promise.all([
    kube.core.listNamespacedPod({ namespace }),
    kube.core.listNamespacedPersistentVolumeClaim({ namespace }),
    kube.core.listNamespacedConfigMap({ namespace }),
    kube.core.listNamespacedSecret({ namespace }),
    kube.core.listNamespacedServiceAccount({ namespace }),
  ]);
  const objects = lists.flatMap((list) => list.items);
  const setByServer = new Set(['status', 'uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'namespace']);
  const setByScheduling = new Set(['nodeName', 'volumeName', 'volume.kubernetes.io/selected-node', 'topology.kubernetes.io/zone']);
  const text = JSON.stringify(
    objects,
    (key, value: unknown) => (setByServer.has(key) ? undefined : setByScheduling.has(key) ? '<scheduled>' : value),
    1,
  );
  return text.split(namespace).join('<namespace>').split(restore).join('<restore>');
}

/**
 * Ferry and a real Velero server (v1.18.3, the AWS plugin, no node-agent) on one bucket prefix:
 * each syncs the other's backups from the bucket and restores them. A Velero-written backup restored
 * by Ferry gives the same objects as Velero's own restore of it; a Ferry-written one restores
 * through Velero with every item created.
 */
describe('interoperability with a real Velero server on the same bucket', () => {
  let h: ApplicationHarness;
  let veleroNamespace: string;
  let veleroServer: Awaited<ReturnType<typeof startVeleroServer>> | undefined;
  const velero = (...args: string[]) => runVelero(h.info.binaries.velero, [...args, '-n', veleroNamespace], h.info.kubeconfigPath, 240_000);
  const restoredNamespaces: string[] = [];
  const restoredInto = (prefix: string) => {
    const name = `${prefix}-${h.appNamespace.slice(-6)}`;
    restoredNamespaces.push(name);
    return name;
  };

  beforeAll(async () => {
    h = await startApplicationHarness('interop');
    await h.filledClaim('data', { app: 'shop' });
    await h.appPod('shop', 'data');
    await h.kube.core.createNamespacedConfigMap({
      namespace: h.appNamespace,
      body: { metadata: { name: 'settings', labels: { app: 'shop' } }, data: { currency: 'EUR', shards: '3' } },
    });
    await h.kube.core.createNamespacedSecret({
      namespace: h.appNamespace,
      body: { metadata: { name: 'db-login' }, type: 'Opaque', stringData: { user: 'shop', password: 'interop-s3cret' } },
    });
    veleroNamespace = await createTestNamespace(h.kube, 'velero-real');
    await createMinioStorageLocation(h.kube, h.info.s3, {
      namespace: veleroNamespace,
      prefix: h.prefix,
      credentialSecret: 'cloud-credentials',
      isDefault: true,
    });
    await h.locations.patch(h.namespace, 'default', { spec: { backupSyncPeriod: '2s' } });
    veleroServer = await startVeleroServer(h.kube, {
      binaries: h.info.binaries,
      kubeconfigPath: h.info.kubeconfigPath,
      stateDir: h.info.stateDir,
      namespace: veleroNamespace,
      syncPeriod: '2s',
    });
    // Velero refuses a backup (FailedValidation) until it has found its location Available.
    await eventually(
      "Velero's location Available",
      async () => (await h.locations.get(veleroNamespace, 'default')).status?.phase === 'Available',
      60_000,
    );
  }, 400_000);

  afterAll(async () => {
    for (const namespace of restoredNamespaces) await deleteTestNamespace(h.kube, namespace);
    await deleteTestNamespace(h.kube, veleroNamespace);
    await veleroServer?.stop();
    await h?.close();
  }, 120_000);

  it('Ferry restores a backup the Velero server wrote, to the same objects as Velero restores it', async () => {
    const made = await velero(
      'backup',
      'create',
      'by-velero',
      '--include-namespaces',
      h.appNamespace,
      '--snapshot-volumes=false',
      '--wait',
    );
    expect(made).toMatchObject({ code: 0, stderr: '' });
    expect(made.stdout).toContain('Backup completed with status: Completed.');
    await eventually('Ferry syncs the backup Velero wrote', () => h.backups.get(h.namespace, 'by-velero').catch(() => undefined), 60_000);

    const ferryTarget = restoredInto('by-ferry');
    const ferryRestore = await h.restoreUntil(
      'ferry-of-velero',
      { backupName: 'by-velero', namespaceMapping: { [h.appNamespace]: ferryTarget } },
      ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'],
    );
    expect(ferryRestore.status).toMatchObject({ phase: 'Completed' });

    const veleroTarget = restoredInto('by-velero');
    const restored = await velero(
      'restore',
      'create',
      'velero-of-velero',
      '--from-backup',
      'by-velero',
      '--namespace-mappings',
      `${h.appNamespace}:${veleroTarget}`,
      '--wait',
    );
    expect(restored.stdout).toContain('Restore completed with status: Completed.');

    const fromFerry = await restoredObjects(h.kube, ferryTarget, 'ferry-of-velero');
    expect(fromFerry).toContain('"name": "settings"');
    expect(fromFerry).toBe(await restoredObjects(h.kube, veleroTarget, 'velero-of-velero'));
  }, 300_000);

  it('the Velero server restores a backup Ferry wrote, every item created', async () => {
    await h.createBackup('by-ferry', { includedNamespaces: [h.appNamespace], snapshotVolumes: false });
    expect((await h.backupIn('by-ferry', ['Completed', 'PartiallyFailed', 'Failed'])).status?.phase).toBe('Completed');
    await eventually(
      'Velero syncs the backup Ferry wrote',
      async () => /^by-ferry +Completed /m.test((await velero('backup', 'get', 'by-ferry')).stdout),
      150_000,
    );

    const target = restoredInto('from-ferry');
    const restored = await velero(
      'restore',
      'create',
      'velero-of-ferry',
      '--from-backup',
      'by-ferry',
      '--namespace-mappings',
      `${h.appNamespace}:${target}`,
      '--wait',
    );
    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(restored.stdout).toContain('Restore completed with status: Completed.');
    const described = await velero('restore', 'describe', 'velero-of-ferry', '--details');
    for (const item of [
      `${target}/settings(created)`,
      `${target}/db-login(created)`,
      `${target}/data(created)`,
      `${target}/shop(created)`,
    ]) {
      expect(described.stdout).toContain(`    - ${item}\n`);
    }
    const settings = await h.kube.core.readNamespacedConfigMap({ name: 'settings', namespace: target });
    expect(settings.data).toEqual({ currency: 'EUR', shards: '3' });
    const login = await h.kube.core.readNamespacedSecret({ name: 'db-login', namespace: target });
    expect(Buffer.from(login.data?.['password'] ?? '', 'base64').toString()).toBe('interop-s3cret');
  }, 300_000);
});
