// A backup Ferry did not write: the test lays out the tarball itself as Velero's backup does
// (reference §9; legacy paths, `<v>-preferredversion` trees and, as with EnableAPIGroupVersions,
// non-preferred version directories), publishes it with its velero-backup.json and Backup object,
// and restores it with the in-process restore service. Every object must come back from the
// directory Velero's prioritize_group_version.go chooses against this API server, with the restore
// labels; a resource that only has the legacy path restores too.
import type { RestoreSpec } from '@ferry/api';
import { uniqueName } from '@ferry/devenv/testing';
import { backupFileKeys, restoreFileKeys } from '@ferry/storage-location';
import { createCrd, publishBackup, readGzipJson, type TestCrd } from './restore-fixtures';
import { backups, kube, useRestoreWorld } from './restore-harness';
import { veleroLayoutTarball, type VeleroTarballItem } from './velero-layout-tarball';

type Json = Record<string, unknown>;

/** One group whose version Velero chooses: what the target serves, what the backup holds, the directory chosen. */
interface VersionCase {
  readonly title: string;
  readonly key: string;
  /** Versions the target serves (the first stored); discovery prefers the highest Kubernetes priority. */
  readonly served: readonly string[];
  readonly backupPreferred: string;
  readonly backupOthers: readonly string[];
  readonly chosen: { readonly version: string; readonly dir: string };
}

const versionCases: readonly VersionCase[] = [
  {
    title: 'priority 1: the target’s preferred version, a non-preferred directory of the backup',
    key: 'p1',
    served: ['v2', 'v1'],
    backupPreferred: 'v1',
    backupOthers: ['v2'],
    chosen: { version: 'v2', dir: 'v2' },
  },
  {
    title: 'priority 2: the backup’s preferred version, served by the target but not preferred there',
    key: 'p2',
    served: ['v2', 'v1'],
    backupPreferred: 'v1',
    backupOthers: ['v1beta1'],
    chosen: { version: 'v1', dir: 'v1-preferredversion' },
  },
  {
    title: 'priority 3: the common non-preferred version (the legacy path holds a version the target does not serve)',
    key: 'p3',
    served: ['v2', 'v1beta1'],
    backupPreferred: 'v3',
    backupOthers: ['v1beta1'],
    chosen: { version: 'v1beta1', dir: 'v1beta1' },
  },
];

/** What the source cluster's API server would have answered, as Velero stored it: server fields included. */
const backedUpMetadata = (name: string, namespace: string | undefined, extra: Json): Json => ({
  name,
  ...(namespace === undefined ? {} : { namespace }),
  uid: '0f3e6a52-5d1c-4c1e-9d8e-3a1b2c3d4e5f',
  resourceVersion: '918273',
  creationTimestamp: '2026-03-01T10:00:00Z',
  managedFields: [{ manager: 'kubectl', operation: 'Update', apiVersion: 'v1', time: '2026-03-01T10:00:00Z' }],
  ...extra,
});

describe('restore service - a tarball in Velero’s layout that Ferry did not write', () => {
  const world = useRestoreWorld('rvl');
  const crds: TestCrd[] = [];
  let namespace = '';
  const bodies = new Map<string, Json>();
  let outcome: Json = {};

  const crdOf = (test: VersionCase): TestCrd => ({
    group: `${test.key}.${world.group}`,
    plural: 'gadgets',
    kind: 'Gadget',
    versions: test.served,
  });
  const gadget = (test: VersionCase, version: string): Json => ({
    apiVersion: `${crdOf(test).group}/${version}`,
    kind: 'Gadget',
    metadata: backedUpMetadata('one', namespace, { labels: { app: 'gadgets' }, annotations: { 'example.com/written-as': version } }),
    spec: { writtenAs: version },
    status: { observed: version },
  });
  const hpaV2 = (): Json => ({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: backedUpMetadata('web', namespace, { labels: { app: 'web' }, annotations: { 'example.com/written-as': 'v2' } }),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 5,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 75 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '256Mi' } } },
      ],
    },
    status: { currentReplicas: 4, desiredReplicas: 4 },
  });
  const hpaV1 = (): Json => ({
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: backedUpMetadata('web', namespace, { labels: { app: 'web' }, annotations: { 'example.com/written-as': 'v1' } }),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 3,
      maxReplicas: 7,
      targetCPUUtilizationPercentage: 50,
    },
    status: { currentReplicas: 4, desiredReplicas: 4 },
  });

  /** The items of the tarball; each body is remembered under `<resource>/<dir>`. */
  const items = (): VeleroTarballItem[] => {
    const item = (resource: string, name: string, byDir: Record<string, Json>, scoped = true): VeleroTarballItem => {
      for (const [dir, body] of Object.entries(byDir)) bodies.set(`${resource}/${dir}`, body);
      return { resource, name, bodies: byDir, ...(scoped ? { namespace } : {}) };
    };
    const ns: Json = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: backedUpMetadata(namespace, undefined, { labels: { team: 'blue' } }),
    };
    const secret: Json = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: backedUpMetadata('creds', namespace, { labels: { tier: 'back' } }),
      type: 'Opaque',
      data: { password: Buffer.from('s3cr3t').toString('base64') },
    };
    const legacyOnly: Json = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: backedUpMetadata('legacy-only', namespace, { labels: { tier: 'front' } }),
      data: { 'settings.ini': '[main]\nmode=prod\n' },
    };
    return [
      item('namespaces', namespace, { '': ns, 'v1-preferredversion': ns }, false),
      item('secrets', 'creds', { '': secret, 'v1-preferredversion': secret }),
      item('configmaps', 'legacy-only', { '': legacyOnly }),
      item('horizontalpodautoscalers.autoscaling', 'web', { '': hpaV2(), 'v2-preferredversion': hpaV2(), v1: hpaV1() }),
      ...versionCases.map((test) => {
        const preferred = gadget(test, test.backupPreferred);
        const others = Object.fromEntries(test.backupOthers.map((version) => [version, gadget(test, version)]));
        return item(`gadgets.${crdOf(test).group}`, 'one', {
          '': preferred,
          [`${test.backupPreferred}-preferredversion`]: preferred,
          ...others,
        });
      }),
    ];
  };

  const read = (path: string) => kube.requester.request<Json>({ method: 'GET', path });
  const metadataOf = (object: Json) => object['metadata'] as Json;
  const restoreLabels = { 'velero.io/backup-name': 'b-velero', 'velero.io/restore-name': 'r-velero' };

  /** The restored object against the backed-up body it must come from: spec/data, labels, annotations; server fields new. */
  const expectRestoredFrom = (restored: Json, body: Json, fields: readonly string[]) => {
    for (const field of fields) expect(restored[field]).toEqual(body[field]);
    const metadata = metadataOf(restored);
    const backedUp = metadataOf(body);
    expect(metadata['labels']).toEqual({ ...(backedUp['labels'] as Json), ...restoreLabels });
    expect(metadata['annotations']).toEqual(backedUp['annotations']);
    expect(metadata['uid']).not.toBe(backedUp['uid']);
    expect(metadata['creationTimestamp']).not.toBe(backedUp['creationTimestamp']);
  };

  beforeAll(async () => {
    namespace = world.target();
    for (const test of versionCases) {
      const crd = crdOf(test);
      await createCrd(kube, crd);
      crds.push(crd);
    }
    const name = 'b-velero';
    await world.store.putObject(backupFileKeys(world.prefix, name).contents, await veleroLayoutTarball(items()));
    await publishBackup(world.store, backups, {
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name, namespace: world.velero, uid: '5b8c2d1e-0000-4000-8000-00000000b0b0' },
      spec: { includedNamespaces: [namespace], storageLocation: world.bsl },
    });
    outcome = (await world.restore({ backupName: name }, 'r-velero')) as unknown as Json;
  }, 180_000);

  afterAll(async () => {
    for (const crd of crds)
      await kube.requester
        .request({ method: 'DELETE', path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.plural}.${crd.group}` })
        .catch(() => undefined);
  });

  it('completes without errors or warnings, the created namespace counted as Velero counts it', async () => {
    expect(outcome['status']).toMatchObject({ phase: 'Completed', progress: { totalItems: 7, itemsRestored: 7 } });
    expect((outcome['status'] as Json)['errors']).toBeUndefined();
    expect((outcome['status'] as Json)['warnings']).toBeUndefined();
    const results = await readGzipJson(world.store, restoreFileKeys(world.prefix, 'r-velero').results);
    expect(results).toEqual({ errors: {}, warnings: {} });
  });

  it.each(versionCases)('$title', async (test) => {
    const { group } = crdOf(test);
    const restored = await read(`/apis/${group}/${test.chosen.version}/namespaces/${namespace}/gadgets/one`);
    expectRestoredFrom(restored, bodies.get(`gadgets.${group}/${test.chosen.dir}`) ?? {}, ['spec']);
    expect(restored['status']).toBeUndefined();
  });

  it('horizontalpodautoscalers.autoscaling: v2-preferredversion chosen over the backup’s v1 directory', async () => {
    const restored = await read(`/apis/autoscaling/v2/namespaces/${namespace}/horizontalpodautoscalers/web`);
    expectRestoredFrom(restored, bodies.get('horizontalpodautoscalers.autoscaling/v2-preferredversion') ?? {}, ['spec']);
    expect((restored['status'] as Json | undefined)?.['currentReplicas']).not.toBe(4);
  });

  it('core resources: the secret from v1-preferredversion, the configmap from its legacy path only', async () => {
    const secret = await read(`/api/v1/namespaces/${namespace}/secrets/creds`);
    expectRestoredFrom(secret, bodies.get('secrets/v1-preferredversion') ?? {}, ['type', 'data']);
    const configMap = await read(`/api/v1/namespaces/${namespace}/configmaps/legacy-only`);
    expectRestoredFrom(configMap, bodies.get('configmaps/') ?? {}, ['data']);
  });

  it('creates the namespace from its backed-up object and lists every item under the version it was created in', async () => {
    const restored = await read(`/api/v1/namespaces/${namespace}`);
    expect(metadataOf(restored)['labels']).toMatchObject({ team: 'blue' });
    const list = await readGzipJson(world.store, restoreFileKeys(world.prefix, 'r-velero').resourceList);
    expect(list).toEqual({
      'v1/Namespace': [`${namespace}(created)`],
      'v1/Secret': [`${namespace}/creds(created)`],
      'v1/ConfigMap': [`${namespace}/legacy-only(created)`],
      'autoscaling/v2/HorizontalPodAutoscaler': [`${namespace}/web(created)`],
      ...Object.fromEntries(
        versionCases.map((test) => [`${crdOf(test).group}/${test.chosen.version}/Gadget`, [`${namespace}/one(created)`]]),
      ),
    });
  });
});

describe('restore service - a tarball entry that is not JSON', () => {
  const world = useRestoreWorld('rvc');
  let source = '';
  const configMap = (name: string): Json => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: backedUpMetadata(name, source, { labels: { tier: 'front' } }),
    data: { name },
  });
  const broken = '{"apiVersion":"v1","kind":"ConfigMap","metadata":';

  beforeAll(async () => {
    source = world.target();
    const namespace: Json = { apiVersion: 'v1', kind: 'Namespace', metadata: backedUpMetadata(source, undefined, {}) };
    const tarball = await veleroLayoutTarball([
      { resource: 'namespaces', name: source, bodies: { '': namespace, 'v1-preferredversion': namespace } },
      {
        resource: 'configmaps',
        namespace: source,
        name: 'good',
        bodies: { '': configMap('good'), 'v1-preferredversion': configMap('good') },
      },
      { resource: 'configmaps', namespace: source, name: 'broken', bodies: { '': broken, 'v1-preferredversion': broken } },
    ]);
    await world.store.putObject(backupFileKeys(world.prefix, 'b-corrupt').contents, tarball);
    await publishBackup(world.store, backups, {
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name: 'b-corrupt', namespace: world.velero, uid: '5b8c2d1e-0000-4000-8000-00000000c0c0' },
      spec: { includedNamespaces: [source], storageLocation: world.bsl },
    });
  }, 60_000);

  // Without a selector the entry is first read when restored; with one, when selected: one error either way.
  it.each<[string, RestoreSpec]>([
    ['without a label selector', {}],
    ['with a label selector', { labelSelector: { matchLabels: { tier: 'front' } } }],
  ])('%s: the entry is one "error decoding" under its namespace, the rest restored (PartiallyFailed)', async (_title, spec) => {
    const target = world.target();
    const name = uniqueName('r-corrupt');
    const restore = await world.restore({ ...spec, backupName: 'b-corrupt', namespaceMapping: { [source]: target } }, name);
    expect(restore.status).toMatchObject({ phase: 'PartiallyFailed', errors: 1 });
    const results = (await readGzipJson(world.store, restoreFileKeys(world.prefix, name).results)) as {
      errors: { namespaces?: Record<string, string[]> };
    };
    expect(results.errors.namespaces?.[target]).toEqual([
      expect.stringMatching(
        new RegExp(`^error decoding "resources/configmaps/(v1-preferredversion/)?namespaces/${source}/broken\\.json": `),
      ),
    ]);
    expect(await world.names(`/api/v1/namespaces/${target}/configmaps`)).toEqual(expect.arrayContaining(['good']));
    expect(await world.names(`/api/v1/namespaces/${target}/configmaps`)).not.toContain('broken');
  });
});

describe('restore service - a backup without items', () => {
  const world = useRestoreWorld('rve');

  beforeAll(async () => {
    await world.store.putObject(backupFileKeys(world.prefix, 'b-empty').contents, await veleroLayoutTarball([]));
    await publishBackup(world.store, backups, {
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name: 'b-empty', namespace: world.velero, uid: '5b8c2d1e-0000-4000-8000-00000000e0e0' },
      spec: { includedNamespaces: ['nothing-here'], storageLocation: world.bsl },
    });
  }, 60_000);

  it("completes with Velero's one warning that there are zero items to restore", async () => {
    const name = uniqueName('r-empty');
    const restore = await world.restore({ backupName: 'b-empty' }, name);
    expect(restore.status).toMatchObject({ phase: 'Completed', warnings: 1 });
    expect(restore.status?.errors ?? 0).toBe(0);
    const results = (await readGzipJson(world.store, restoreFileKeys(world.prefix, name).results)) as { warnings: { velero?: string[] } };
    expect(results.warnings.velero).toEqual([expect.stringMatching(/^zero items to be restored: .*does not exist$/)]);
  });
});
