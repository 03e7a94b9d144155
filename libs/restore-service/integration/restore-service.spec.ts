// The Restore controller against the real API server and MinIO: a test application backed up by
// Ferry's real collection is restored into new namespaces (the environment has no namespace
// controller, so a deleted namespace never goes away: restoring under namespaceMapping into a
// namespace that never existed stands for it) with Velero's changes, progress, results and
// files; filters, existing-resource policies, node ports and the plugin-config ConfigMaps of
// Velero's change-storage-class and change-image-name actions change the result as Velero would;
// a restore hook's init containers are added to a restored pod, its exec hooks become warnings.
import type { RestoreSpec } from '@ferry/api';
import { createTestNamespace, deleteTestNamespace, uniqueName } from '@ferry/devenv/testing';
import { restoreFileKeys } from '@ferry/storage-location';
import { front, readGzipJson, readGzipText, writeBackup } from './restore-fixtures';
import { backups, kube, useRestoreWorld } from './restore-harness';

describe('restore service - restores of a backed-up application', () => {
  const world = useRestoreWorld('rst');

  it('restores the application into a new namespace with Velero changes, progress, results and files', async () => {
    const to = world.target();
    const done = await world.restore({ backupName: 'b-app', namespaceMapping: { [world.app]: to } }, 'r-full');
    expect(done.status?.phase).toBe('Completed');
    expect(done.status?.errors).toBeUndefined();
    expect(done.spec?.excludedResources).toEqual(expect.arrayContaining(['nodes', 'events', 'backups.velero.io', 'restores.velero.io']));
    expect(done.spec?.itemOperationTimeout).toBe('4h0m0s');
    expect(await world.contents(to)).toEqual([
      'configmaps/config-back',
      'configmaps/config-front',
      'deployments/web',
      'persistentvolumeclaims/data',
      'secrets/creds',
      'serviceaccounts/builder',
      'services/web',
      'widgets/w1',
      'widgets/w2',
    ]);
    const config = await kube.core.readNamespacedConfigMap({ namespace: to, name: 'config-front' });
    expect(config.data).toEqual({ 'a.txt': 'x<y & z' });
    expect(config.metadata?.labels).toEqual({ ...front, 'velero.io/backup-name': 'b-app', 'velero.io/restore-name': 'r-full' });
    const account = await kube.core.readNamespacedServiceAccount({ namespace: to, name: 'builder' });
    expect(account.secrets).toEqual([{ name: 'pull' }]);
    const web = await kube.core.readNamespacedService({ namespace: to, name: 'web' });
    expect(web.spec?.ports?.[0]?.nodePort).not.toBe(world.nodePort);
    const original = await kube.core.readNamespacedService({ namespace: world.app, name: 'web' });
    expect(web.spec?.clusterIP).not.toBe(original.spec?.clusterIP);

    const list = (await readGzipJson(world.store, restoreFileKeys(world.prefix, 'r-full').resourceList)) as Record<string, string[]>;
    expect(list['v1/ConfigMap']).toEqual([`${to}/config-back(created)`, `${to}/config-front(created)`]);
    expect(list['v1/Secret']).toEqual([`${to}/builder-token-x1y2z(skipped)`, `${to}/creds(created)`]);
    expect(list['v1/Namespace']).toEqual([`${to}(created)`]);
    expect(list['apiextensions.k8s.io/v1/CustomResourceDefinition']).toEqual([`widgets.${world.group}(skipped)`]);
    expect(await readGzipJson(world.store, restoreFileKeys(world.prefix, 'r-full').itemOperations)).toEqual([]);
    expect(await readGzipJson(world.store, restoreFileKeys(world.prefix, 'r-full').results)).toEqual({ errors: {}, warnings: {} });
    expect(await readGzipText(world.store, restoreFileKeys(world.prefix, 'r-full').logs)).toContain(
      'level=info msg="restore completed" restore=',
    );

    const restoredCount = Object.values(list).reduce((sum, entries) => sum + entries.length, 0);
    expect(done.status?.progress).toEqual({ totalItems: restoredCount, itemsRestored: restoredCount });
    const observed = world.seen.get('r-full') ?? [];
    expect(observed.at(-1)).toEqual(expect.objectContaining({ totalItems: restoredCount, itemsRestored: restoredCount }));
  });

  type FilterRow = [string, (to: string) => RestoreSpec, string[]];
  it.each<FilterRow>([
    [
      'includedResources',
      (to) => ({ includedResources: ['configmaps'], namespaceMapping: { [world.app]: to } }),
      ['configmaps/config-back', 'configmaps/config-front'],
    ],
    [
      'labelSelector',
      (to) => ({ labelSelector: { matchLabels: front }, namespaceMapping: { [world.app]: to } }),
      ['configmaps/config-front', 'deployments/web', 'services/web', 'widgets/w1', 'widgets/w2'],
    ],
    [
      'orLabelSelectors',
      (to) => ({ orLabelSelectors: [{ matchLabels: { tier: 'back' } }], namespaceMapping: { [world.app]: to } }),
      ['configmaps/config-back', 'secrets/creds'],
    ],
    [
      'excludedResources',
      (to) => ({ excludedResources: ['configmaps', 'secrets', 'widgets.' + world.group], namespaceMapping: { [world.app]: to } }),
      ['deployments/web', 'persistentvolumeclaims/data', 'serviceaccounts/builder', 'services/web'],
    ],
  ])('filters by %s as Velero does', async (_name, spec, expected) => {
    const to = world.target();
    const done = await world.restore({ backupName: 'b-app', ...spec(to) });
    expect(done.status?.phase).toBe('Completed');
    expect(await world.contents(to)).toEqual(expected);
  });

  it('restores nothing from namespaces the backup does not hold', async () => {
    const done = await world.restore({ backupName: 'b-app', includedNamespaces: ['elsewhere'] });
    expect(done.status).toMatchObject({ phase: 'Completed', progress: { totalItems: 0, itemsRestored: 0 } });
  });

  it('skips identical objects, warns on changed ones (none) and updates them (update)', async () => {
    const to = world.target();
    await world.restore({ backupName: 'b-app', includedResources: ['configmaps'], namespaceMapping: { [world.app]: to } });
    await kube.core.patchNamespacedConfigMap({
      namespace: to,
      name: 'config-front',
      body: [{ op: 'replace', path: '/data/a.txt', value: 'changed' }],
    });

    const none = await world.restore(
      { backupName: 'b-app', includedResources: ['configmaps'], namespaceMapping: { [world.app]: to }, existingResourcePolicy: 'none' },
      'r-none',
    );
    expect(none.status).toMatchObject({ phase: 'Completed', warnings: 1 });
    expect(await readGzipJson(world.store, restoreFileKeys(world.prefix, 'r-none').results)).toEqual({
      errors: {},
      warnings: {
        namespaces: {
          [to]: [
            'could not restore, ConfigMap "config-front" already exists. Warning: the in-cluster version is different than the backed-up version',
          ],
        },
      },
    });
    expect(
      ((await readGzipJson(world.store, restoreFileKeys(world.prefix, 'r-none').resourceList)) as Record<string, string[]>)['v1/ConfigMap'],
    ).toEqual([`${to}/config-back(skipped)`, `${to}/config-front(failed)`]);
    expect((await kube.core.readNamespacedConfigMap({ namespace: to, name: 'config-front' })).data).toEqual({ 'a.txt': 'changed' });

    const update = await world.restore(
      { backupName: 'b-app', includedResources: ['configmaps'], namespaceMapping: { [world.app]: to }, existingResourcePolicy: 'update' },
      'r-update',
    );
    expect(update.status?.phase).toBe('Completed');
    expect(
      ((await readGzipJson(world.store, restoreFileKeys(world.prefix, 'r-update').resourceList)) as Record<string, string[]>)[
        'v1/ConfigMap'
      ],
    ).toEqual([`${to}/config-back(skipped)`, `${to}/config-front(updated)`]);
    const updated = await kube.core.readNamespacedConfigMap({ namespace: to, name: 'config-front' });
    expect(updated.data).toEqual({ 'a.txt': 'x<y & z' });
    expect(updated.metadata?.labels?.['velero.io/restore-name']).toBe('r-update');
    const identical = await kube.core.readNamespacedConfigMap({ namespace: to, name: 'config-back' });
    expect(identical.metadata?.labels?.['velero.io/restore-name']).toBe('r-update');
  });

  it('applies the resource modifiers of spec.resourceModifier before the objects are created', async () => {
    const rules = `version: v1
resourceModifierRules:
- conditions:
    groupResource: configmaps
    resourceNameRegex: "^config-front$"
    namespaces: [${world.app}]
  patches:
  - operation: replace
    path: /data/a.txt
    value: patched
- conditions:
    groupResource: configmaps
    resourceNameRegex: "back"
  mergePatches:
  - patchData: '{"data":{"c":"3"}}'
- conditions:
    groupResource: configmaps
    resourceNameRegex: "^config-back$"
  patches:
  - operation: remove
    path: /data/missing
`;
    await kube.core.createNamespacedConfigMap({
      namespace: world.velero,
      body: { metadata: { name: 'mods' }, data: { 'mods.yaml': rules } },
    });
    const to = world.target();
    const done = await world.restore(
      {
        backupName: 'b-app',
        includedResources: ['configmaps'],
        namespaceMapping: { [world.app]: to },
        resourceModifier: { kind: 'ConfigMap', name: 'mods' },
      },
      'r-mods',
    );
    expect(done.status).toMatchObject({ phase: 'PartiallyFailed', errors: 1 });
    expect((await kube.core.readNamespacedConfigMap({ namespace: to, name: 'config-front' })).data).toEqual({ 'a.txt': 'patched' });
    expect((await kube.core.readNamespacedConfigMap({ namespace: to, name: 'config-back' })).data).toEqual({ b: '2', c: '3' });
    expect(await readGzipJson(world.store, restoreFileKeys(world.prefix, 'r-mods').results)).toEqual({
      errors: { namespaces: { [to]: [expect.stringMatching(/^error in applying patch .*missing/)] } },
      warnings: {},
    });
  });

  it('keeps node ports with preserveNodePorts', async () => {
    await kube.core.deleteNamespacedService({ namespace: world.app, name: 'web' });
    const to = world.target();
    const done = await world.restore({
      backupName: 'b-app',
      includedResources: ['services'],
      preserveNodePorts: true,
      namespaceMapping: { [world.app]: to },
    });
    expect(done.status?.phase).toBe('Completed');
    expect((await kube.core.readNamespacedService({ namespace: to, name: 'web' })).spec?.ports?.[0]?.nodePort).toBe(world.nodePort);
  });

  it('changes storage classes and images by the plugin-config ConfigMaps in the Velero namespace', async () => {
    const fast = uniqueName('ferry-fast');
    const missing = uniqueName('ferry-missing');
    const pluginConfig = (name: string, plugin: string, data: Record<string, string>) => ({
      metadata: { name, labels: { 'velero.io/plugin-config': '', [plugin]: 'RestoreItemAction' } },
      data,
    });
    await kube.storage.createStorageClass({ body: { metadata: { name: fast }, provisioner: 'example.com/ferry-test' } });
    await kube.core.createNamespacedConfigMap({
      namespace: world.velero,
      body: pluginConfig('change-storage-class', 'velero.io/change-storage-class', { standard: fast }),
    });
    await kube.core.createNamespacedConfigMap({
      namespace: world.velero,
      body: pluginConfig('change-image-name', 'velero.io/change-image-name', { case1: 'nginx , registry.example.com/nginx' }),
    });
    const restoreApp = (to: string, name: string) =>
      world.restore(
        { backupName: 'b-app', includedResources: ['deployments', 'persistentvolumeclaims'], namespaceMapping: { [world.app]: to } },
        name,
      );
    try {
      const to = world.target();
      const done = await restoreApp(to, 'r-plugin-config');
      expect(done.status?.phase).toBe('Completed');
      expect((await kube.core.readNamespacedPersistentVolumeClaim({ namespace: to, name: 'data' })).spec?.storageClassName).toBe(fast);
      const web = await kube.apps.readNamespacedDeployment({ namespace: to, name: 'web' });
      expect(web.spec?.template.spec?.containers.map((container) => container.image)).toEqual(['registry.example.com/nginx']);

      await kube.core.patchNamespacedConfigMap({
        namespace: world.velero,
        name: 'change-storage-class',
        body: [{ op: 'replace', path: '/data', value: { standard: missing } }],
      });
      const other = world.target();
      const failed = await restoreApp(other, 'r-plugin-config-missing');
      expect(failed.status).toMatchObject({ phase: 'PartiallyFailed', errors: 1 });
      expect(await readGzipJson(world.store, restoreFileKeys(world.prefix, 'r-plugin-config-missing').results)).toEqual({
        errors: {
          namespaces: {
            [other]: [
              `error preparing persistentvolumeclaims/${other}/data: error getting storage class ${missing} from API: storageclasses.storage.k8s.io "${missing}" not found`,
            ],
          },
        },
        warnings: {},
      });
    } finally {
      for (const name of ['change-storage-class', 'change-image-name'])
        await kube.core.deleteNamespacedConfigMap({ namespace: world.velero, name }).catch(() => undefined);
      await kube.storage.deleteStorageClass({ name: fast }).catch(() => undefined);
    }
  });

  it('adds the init containers of restore hooks to a restored pod and warns of its exec hooks', async () => {
    const from = await createTestNamespace(kube, 'rst-hooks');
    try {
      await kube.core.createNamespacedPod({
        namespace: from,
        body: { metadata: { name: 'app' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } },
      });
      await writeBackup(kube, world.store, backups, world.velero, world.bsl, 'b-hooks', [from]);
      const to = world.target();
      const init = { name: 'restore-init', image: 'busybox', command: ['sh', '-c', 'touch /data/restored'] };
      const done = await world.restore(
        {
          backupName: 'b-hooks',
          includedResources: ['pods'],
          namespaceMapping: { [from]: to },
          hooks: {
            resources: [
              {
                name: 'prepare',
                includedNamespaces: [to],
                postHooks: [{ init: { initContainers: [init] } }, { exec: { command: ['/bin/sync'] } }],
              },
            ],
          },
        },
        'r-hooks',
      );
      expect(done.status).toMatchObject({ phase: 'Completed', warnings: 1 });
      const pod = await kube.core.readNamespacedPod({ namespace: to, name: 'app' });
      expect(pod.spec?.initContainers?.map(({ name, image, command }) => ({ name, image, command }))).toEqual([init]);
      expect(await readGzipJson(world.store, restoreFileKeys(world.prefix, 'r-hooks').results)).toEqual({
        errors: {},
        warnings: {
          namespaces: {
            [to]: [
              `restore hook "prepare" postHooks[1] (["/bin/sync"]) of pod ${to}/app was not run: Ferry does not run exec hooks (it cannot execute commands in containers)`,
            ],
          },
        },
      });
    } finally {
      await deleteTestNamespace(kube, from);
    }
  });
});
