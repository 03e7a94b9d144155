// The Restore controller against the real API server and MinIO: a test application backed up by
// Ferry's real collection is restored into new namespaces (the environment has no namespace
// controller, so a deleted namespace never goes away: restoring under namespaceMapping into a
// namespace that never existed stands for it) with Velero's changes, progress, results and
// files; filters, existing-resource policies and node ports change the result as Velero would.
import type { RestoreSpec } from '@ferry/api';
import { restoreFileKeys } from '@ferry/storage-location';
import { front, readGzipJson, readGzipText } from './restore-fixtures';
import { kube, useRestoreWorld } from './restore-harness';

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
});
