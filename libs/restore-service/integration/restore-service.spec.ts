// The Restore controller against the real API server and MinIO: a test application backed up by
// Ferry's real collection is restored into new namespaces (the environment has no namespace
// controller, so a deleted namespace never goes away: restoring under namespaceMapping into a
// namespace that never existed stands for it) with Velero's changes, progress, results and
// files; filters, existing-resource policies and node ports change the result as Velero would;
// bad restores end FailedValidation with Velero's messages.
import {
  restoreDefinition,
  backupDefinition,
  backupStorageLocationDefinition,
  type Backup,
  type BackupStorageLocation,
  type Restore,
  type RestoreSpec,
} from '@ferry/api';
import { createTestNamespace, deleteTestNamespace, eventually, loadEnvironmentInfo, uniqueName } from '@ferry/devenv/testing';
import { createCustomResourceClient, createInformer, createKubeClient, silentLogger, type ResourceInformer } from '@ferry/kube';
import { createS3ObjectStore, type ObjectStore } from '@ferry/object-store';
import { restoreFileKeys, storageLocationPlan } from '@ferry/storage-location';
import { startRestoreService, type RestoreService } from '../src';
import { createApplication, createLocation, front, readGzipJson, readGzipText, writeBackup } from './restore-fixtures';

const info = loadEnvironmentInfo();
const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
const restores = createCustomResourceClient<Restore>(kube, restoreDefinition);
const backups = createCustomResourceClient<Backup>(kube, backupDefinition);
const locations = createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition);
const terminal = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'];

type Listed = { items: { metadata: { name: string; labels?: Record<string, string> } }[] };

describe('restore service - restores of a backed-up application', () => {
  let velero = '';
  let app = '';
  let nodePort = 0;
  const group = `${uniqueName('rst')}.ferry.test`;
  const prefix = uniqueName('restore-it');
  const bsl = 'default';
  const targets: string[] = [];
  let store: ObjectStore;
  let service: RestoreService | undefined;
  let informer: ResourceInformer<Restore>;
  const seen = new Map<string, { at: number; totalItems: number; itemsRestored: number }[]>();

  const start = (parallel = 4) =>
    startRestoreService({
      kube,
      logger: silentLogger,
      namespace: velero,
      parallel,
      timeouts: { terminatingTimeoutMs: 5_000, resourceTimeoutMs: 30_000 },
    });

  beforeAll(async () => {
    velero = await createTestNamespace(kube, 'rst-velero');
    app = await createTestNamespace(kube, 'rst-app');
    nodePort = await createApplication(kube, app, group);
    store = createS3ObjectStore(
      storageLocationPlan(
        {
          metadata: {},
          spec: {
            provider: 'aws',
            objectStorage: { bucket: info.s3.bucket, prefix },
            config: { s3Url: info.s3.endpoint, s3ForcePathStyle: 'true' },
          },
        },
        'test',
      ),
      info.s3,
    );
    await createLocation(kube, locations, velero, bsl, prefix);
    await writeBackup(kube, store, backups, velero, bsl, 'b-app', [app]);
    informer = createInformer<Restore>(kube, restoreDefinition, { namespace: velero });
    informer.on('update', (restore) => {
      const progress = restore.status?.progress;
      const name = restore.metadata?.name ?? '';
      const list = seen.get(name) ?? [];
      const last = list.at(-1);
      if (progress && (last?.itemsRestored !== progress.itemsRestored || last?.totalItems !== progress.totalItems)) {
        list.push({ at: Date.now(), totalItems: progress.totalItems ?? 0, itemsRestored: progress.itemsRestored ?? 0 });
        seen.set(name, list);
      }
    });
    await informer.synced;
    service = await start();
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    await informer?.stop();
    for (const namespace of [app, velero, ...targets]) await deleteTestNamespace(kube, namespace);
    await kube.requester
      .request({ method: 'DELETE', path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.${group}` })
      .catch(() => undefined);
    if (store) {
      await store.deleteKeys(await store.listKeys(`${prefix}/`));
      store.close();
    }
  });

  const target = (): string => {
    const name = uniqueName('rst-to');
    targets.push(name);
    return name;
  };

  async function restore(spec: RestoreSpec, name = uniqueName('r')): Promise<Restore> {
    await restores.create({ apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name, namespace: velero }, spec });
    return eventually(
      `Restore ${name} finished`,
      async () => {
        const current = await restores.get(velero, name);
        if (!terminal.includes(current.status?.phase ?? '')) throw new Error(`phase ${current.status?.phase ?? ''}`);
        return current;
      },
      60_000,
    );
  }

  const names = async (path: string): Promise<string[]> =>
    (await kube.requester.request<Listed>({ method: 'GET', path })).items.map((item) => item.metadata.name).sort();

  async function contents(namespace: string): Promise<string[]> {
    const kinds: [string, string][] = [
      ['configmaps', `/api/v1/namespaces/${namespace}/configmaps`],
      ['secrets', `/api/v1/namespaces/${namespace}/secrets`],
      ['serviceaccounts', `/api/v1/namespaces/${namespace}/serviceaccounts`],
      ['services', `/api/v1/namespaces/${namespace}/services`],
      ['deployments', `/apis/apps/v1/namespaces/${namespace}/deployments`],
      ['persistentvolumeclaims', `/api/v1/namespaces/${namespace}/persistentvolumeclaims`],
      ['widgets', `/apis/${group}/v1/namespaces/${namespace}/widgets`],
    ];
    const all: string[] = [];
    for (const [kind, path] of kinds) for (const name of await names(path)) all.push(`${kind}/${name}`);
    return all.sort();
  }

  it('restores the application into a new namespace with Velero changes, progress, results and files', async () => {
    const to = target();
    const done = await restore({ backupName: 'b-app', namespaceMapping: { [app]: to } }, 'r-full');
    expect(done.status).toMatchObject({ phase: 'Completed', errors: undefined });
    expect(done.spec?.excludedResources).toEqual(expect.arrayContaining(['nodes', 'events', 'backups.velero.io', 'restores.velero.io']));
    expect(done.spec?.itemOperationTimeout).toBe('4h0m0s');
    expect(await contents(to)).toEqual([
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
    expect(web.spec?.ports?.[0]?.nodePort).not.toBe(nodePort);
    const original = await kube.core.readNamespacedService({ namespace: app, name: 'web' });
    expect(web.spec?.clusterIP).not.toBe(original.spec?.clusterIP);

    const list = (await readGzipJson(store, restoreFileKeys(prefix, 'r-full').resourceList)) as Record<string, string[]>;
    expect(list['v1/ConfigMap']).toEqual([`${to}/config-back(created)`, `${to}/config-front(created)`]);
    expect(list['v1/Secret']).toEqual([`${to}/builder-token-x1y2z(skipped)`, `${to}/creds(created)`]);
    expect(list['v1/Namespace']).toEqual([`${to}(created)`]);
    expect(list['apiextensions.k8s.io/v1/CustomResourceDefinition']).toEqual([`widgets.${group}(skipped)`]);
    expect(await readGzipJson(store, restoreFileKeys(prefix, 'r-full').itemOperations)).toEqual([]);
    expect(await readGzipJson(store, restoreFileKeys(prefix, 'r-full').results)).toEqual({ errors: {}, warnings: {} });
    expect(await readGzipText(store, restoreFileKeys(prefix, 'r-full').logs)).toContain('level=info msg="restore completed" restore=');

    const restoredCount = Object.values(list).reduce((sum, entries) => sum + entries.length, 0);
    expect(done.status?.progress).toEqual({ totalItems: restoredCount, itemsRestored: restoredCount });
    const observed = seen.get('r-full') ?? [];
    expect(observed.at(-1)).toEqual(expect.objectContaining({ totalItems: restoredCount, itemsRestored: restoredCount }));
  });

  type FilterRow = [string, (to: string) => RestoreSpec, string[]];
  it.each<FilterRow>([
    [
      'includedResources',
      (to) => ({ includedResources: ['configmaps'], namespaceMapping: { [app]: to } }),
      ['configmaps/config-back', 'configmaps/config-front'],
    ],
    [
      'labelSelector',
      (to) => ({ labelSelector: { matchLabels: front }, namespaceMapping: { [app]: to } }),
      ['configmaps/config-front', 'deployments/web', 'services/web', 'widgets/w1', 'widgets/w2'],
    ],
    [
      'orLabelSelectors',
      (to) => ({ orLabelSelectors: [{ matchLabels: { tier: 'back' } }], namespaceMapping: { [app]: to } }),
      ['configmaps/config-back', 'secrets/creds'],
    ],
    [
      'excludedResources',
      (to) => ({ excludedResources: ['configmaps', 'secrets', 'widgets.' + group], namespaceMapping: { [app]: to } }),
      ['deployments/web', 'persistentvolumeclaims/data', 'serviceaccounts/builder', 'services/web'],
    ],
  ])('filters by %s as Velero does', async (_name, spec, expected) => {
    const to = target();
    const done = await restore({ backupName: 'b-app', ...spec(to) });
    expect(done.status?.phase).toBe('Completed');
    expect(await contents(to)).toEqual(expected);
  });

  it('restores nothing from namespaces the backup does not hold', async () => {
    const done = await restore({ backupName: 'b-app', includedNamespaces: ['elsewhere'] });
    expect(done.status).toMatchObject({ phase: 'Completed', progress: { totalItems: 0, itemsRestored: 0 } });
  });

  it('skips identical objects, warns on changed ones (none) and updates them (update)', async () => {
    const to = target();
    await restore({ backupName: 'b-app', includedResources: ['configmaps'], namespaceMapping: { [app]: to } });
    await kube.core.patchNamespacedConfigMap({
      namespace: to,
      name: 'config-front',
      body: [{ op: 'replace', path: '/data/a.txt', value: 'changed' }],
    });

    const none = await restore(
      { backupName: 'b-app', includedResources: ['configmaps'], namespaceMapping: { [app]: to }, existingResourcePolicy: 'none' },
      'r-none',
    );
    expect(none.status).toMatchObject({ phase: 'Completed', warnings: 1 });
    expect(await readGzipJson(store, restoreFileKeys(prefix, 'r-none').results)).toEqual({
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
      ((await readGzipJson(store, restoreFileKeys(prefix, 'r-none').resourceList)) as Record<string, string[]>)['v1/ConfigMap'],
    ).toEqual([`${to}/config-back(skipped)`, `${to}/config-front(failed)`]);
    expect((await kube.core.readNamespacedConfigMap({ namespace: to, name: 'config-front' })).data).toEqual({ 'a.txt': 'changed' });

    const update = await restore(
      { backupName: 'b-app', includedResources: ['configmaps'], namespaceMapping: { [app]: to }, existingResourcePolicy: 'update' },
      'r-update',
    );
    expect(update.status?.phase).toBe('Completed');
    expect(
      ((await readGzipJson(store, restoreFileKeys(prefix, 'r-update').resourceList)) as Record<string, string[]>)['v1/ConfigMap'],
    ).toEqual([`${to}/config-back(skipped)`, `${to}/config-front(updated)`]);
    const updated = await kube.core.readNamespacedConfigMap({ namespace: to, name: 'config-front' });
    expect(updated.data).toEqual({ 'a.txt': 'x<y & z' });
    expect(updated.metadata?.labels?.['velero.io/restore-name']).toBe('r-update');
    const identical = await kube.core.readNamespacedConfigMap({ namespace: to, name: 'config-back' });
    expect(identical.metadata?.labels?.['velero.io/restore-name']).toBe('r-update');
  });

  it('keeps node ports with preserveNodePorts', async () => {
    await kube.core.deleteNamespacedService({ namespace: app, name: 'web' });
    const to = target();
    const done = await restore({
      backupName: 'b-app',
      includedResources: ['services'],
      preserveNodePorts: true,
      namespaceMapping: { [app]: to },
    });
    expect(done.status?.phase).toBe('Completed');
    expect((await kube.core.readNamespacedService({ namespace: to, name: 'web' })).spec?.ports?.[0]?.nodePort).toBe(nodePort);
  });

  it.each<[string, () => Promise<RestoreSpec>, () => string[]]>([
    ['neither source', async () => ({}), () => ['Either a backup or schedule must be specified as a source for the restore, but not both']],
    [
      'both sources',
      async () => ({ backupName: 'b-app', scheduleName: 'nightly' }),
      () => ['Either a backup or schedule must be specified as a source for the restore, but not both'],
    ],
    [
      'a missing backup',
      async () => ({ backupName: 'nope' }),
      () => [`Error retrieving backup: can't find backup ${velero}/nope: backups.velero.io "nope" not found`],
    ],
    [
      'a non-restorable resource',
      async () => ({ backupName: 'b-app', includedResources: ['nodes'] }),
      () => [
        'nodes are non-restorable resources',
        'Invalid included/excluded resource lists: excludes list cannot contain an item in the includes list: nodes',
      ],
    ],
    [
      'an unknown existingResourcePolicy',
      async () => ({ backupName: 'b-app', existingResourcePolicy: 'sometimes' }),
      () => ['Invalid ExistingResourcePolicy: sometimes'],
    ],
    [
      'both selector kinds',
      async () => ({ backupName: 'b-app', labelSelector: { matchLabels: front }, orLabelSelectors: [{ matchLabels: front }] }),
      () => ['encountered labelSelector as well as orLabelSelectors in restore spec, only one can be specified'],
    ],
    [
      'a schedule without backups',
      async () => ({ scheduleName: 'nightly' }),
      () => ['No backups found for schedule', 'No completed backups found for schedule'],
    ],
    [
      'a backup still running',
      async () => {
        await backups.create({
          apiVersion: 'velero.io/v1',
          kind: 'Backup',
          metadata: { name: 'b-running', namespace: velero },
          spec: { storageLocation: bsl },
        });
        await backups.patch(velero, 'b-running', { status: { phase: 'InProgress' } });
        await eventually('the Backup cached', async () => (await backups.get(velero, 'b-running')).status?.phase === 'InProgress');
        return { backupName: 'b-running' };
      },
      () => ['backup b-running is in phase InProgress; only Completed or PartiallyFailed backups can be restored'],
    ],
    [
      'a resource policy with volume policies',
      async () => {
        await kube.core.createNamespacedConfigMap({
          namespace: velero,
          body: {
            metadata: { name: 'policy' },
            data: { policy: 'version: v1\nvolumePolicies:\n- conditions: {}\n  action: {type: skip}\n' },
          },
        });
        return { backupName: 'b-app', resourcePolicy: { kind: 'configmap', name: 'policy' } };
      },
      () => ['volumePolicies in the resource policy is not supported for restore'],
    ],
  ])('fails validation for %s with Velero’s message', async (_name, spec, messages) => {
    const done = await restore(await spec());
    expect(done.status?.phase).toBe('FailedValidation');
    expect(done.status?.validationErrors).toEqual(messages());
  });

  it('resumes a restore whose controller stopped mid-way, patching progress at most once a second', async () => {
    const many = await createTestNamespace(kube, 'rst-many');
    targets.push(many);
    for (let index = 0; index < 300; index++) {
      await kube.core.createNamespacedConfigMap({
        namespace: many,
        body: { metadata: { name: `cm-${index}` }, data: { index: String(index) } },
      });
    }
    await writeBackup(kube, store, backups, velero, bsl, 'b-many', [many]);
    await service?.stop();
    service = await start(1);
    const to = target();
    await restores.create({
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: { name: 'r-resume', namespace: velero },
      spec: { backupName: 'b-many', namespaceMapping: { [many]: to } },
    });
    await eventually(
      'some items restored',
      async () => ((await restores.get(velero, 'r-resume')).status?.progress?.itemsRestored ?? 0) > 20,
      30_000,
    );
    await service.stop();
    service = undefined;
    const interrupted = await restores.get(velero, 'r-resume');
    expect(interrupted.status?.phase).toBe('InProgress');
    service = await start(1);
    const done = await eventually(
      'r-resume finished',
      async () => {
        const current = await restores.get(velero, 'r-resume');
        if (!terminal.includes(current.status?.phase ?? '')) throw new Error(`phase ${current.status?.phase ?? ''}`);
        return current;
      },
      60_000,
    );
    expect(done.status?.phase).toBe('Completed');
    expect(done.metadata?.annotations?.['ferry.io/restore-attempts']).toBe('2');
    expect((await names(`/api/v1/namespaces/${to}/configmaps`)).length).toBe(300);
    const list = (await readGzipJson(store, restoreFileKeys(prefix, 'r-resume').resourceList)) as Record<string, string[]>;
    expect(list['v1/ConfigMap']).toHaveLength(300);
    expect(list['v1/ConfigMap']?.every((entry) => entry.endsWith('(created)'))).toBe(true);
    expect(done.status?.progress).toEqual({ totalItems: 301, itemsRestored: 301 });

    const observed = seen.get('r-resume') ?? [];
    expect(observed.length).toBeGreaterThan(2);
    // The resumed run counts again from its first item: one drop, each run monotone.
    const drop = observed.findIndex((sample, index) => index > 0 && sample.itemsRestored < (observed[index - 1]?.itemsRestored ?? 0));
    expect(drop).toBeGreaterThan(0);
    const runs = [observed.slice(0, drop), observed.slice(drop)];
    for (const run of runs) {
      const values = run.map((sample) => sample.itemsRestored);
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
    expect(observed.at(-1)).toEqual(expect.objectContaining({ totalItems: 301, itemsRestored: 301 }));
    // At most one patch a second within a run (the final counts of the second run excepted).
    const [first = [], second = []] = runs;
    for (const run of [first, second.slice(0, -1)]) {
      for (let index = 1; index < run.length; index++)
        expect((run[index]?.at ?? 0) - (run[index - 1]?.at ?? 0)).toBeGreaterThanOrEqual(900);
    }
  });
});
