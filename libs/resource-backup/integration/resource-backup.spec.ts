// The resource collection against the real API server and MinIO: a test application backed up
// into Velero's tarball, read back entry by entry; a table of filter specs each changing the
// entry list as Velero would.
import type { Backup, BackupSpec } from '@ferry/api';
import { createKubeClient, silentLogger, type KubeClient } from '@ferry/kube';
import { createS3ObjectStore, type ObjectStore } from '@ferry/object-store';
import { storageLocationPlan } from '@ferry/storage-location';
import { createTestNamespace, deleteTestNamespace, loadEnvironmentInfo, uniqueName } from '@ferry/devenv/testing';
import { parseResourcePoliciesOrThrow, type ResourcePolicies } from '@ferry/volume-policy';
import { createResourceBackup, type ResourceBackupResult } from '../src';
import {
  createTestApplication,
  deleteClusterObjects,
  itemsOf,
  readTarball,
  type TarEntry,
  type TestApplication,
} from './resource-backup-fixtures';

/** A selector of one label. */
const selectLabels = (key: string, value: string): NonNullable<BackupSpec['labelSelector']> => ({ matchLabels: { [key]: value } });

/** A filter case: name, the Backup spec, the expected items, the resource policies if any. */
type FilterRow = [string, () => BackupSpec, () => string[], (() => ResourcePolicies)?];

describe('resource backup - tarball of a test application on the real API server and MinIO', () => {
  const info = loadEnvironmentInfo();
  const prefix = `resource-backup-it-${Date.now()}`;
  let kube: KubeClient;
  let store: ObjectStore;
  let app: TestApplication;
  let other: string;

  beforeAll(async () => {
    kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
    const plan = storageLocationPlan(
      {
        metadata: {},
        spec: {
          provider: 'aws',
          objectStorage: { bucket: info.s3.bucket, prefix },
          config: { s3Url: info.s3.endpoint, s3ForcePathStyle: 'true' },
        },
      },
      'test',
    );
    store = createS3ObjectStore(plan, info.s3);
    const namespace = await createTestNamespace(kube, 'rb-app');
    other = `${namespace}-other`;
    await kube.core.createNamespace({ body: { metadata: { name: other } } });
    await kube.core.createNamespacedConfigMap({ namespace: other, body: { metadata: { name: 'elsewhere' }, data: {} } });
    app = await createTestApplication(kube, namespace, `${uniqueName('rb')}.ferry.test`);
  });
  afterAll(async () => {
    await deleteTestNamespace(kube, app.namespace);
    await deleteTestNamespace(kube, other);
    await deleteClusterObjects(kube, app.group);
    await store.deleteKeys(await store.listKeys(`${prefix}/`));
    store.close();
  });

  async function backUp(
    spec: BackupSpec,
    policies?: ResourcePolicies,
  ): Promise<{ result: ResourceBackupResult; entries: Map<string, TarEntry> }> {
    const name = uniqueName('b');
    const backup: Backup = { apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name, namespace: 'velero', uid: name }, spec };
    const key = `${prefix}/backups/${name}/${name}.tar.gz`;
    const result = await createResourceBackup({ kube, logger: silentLogger, workers: 4, pageSize: 2 })({
      backup,
      resourcePolicies: policies,
      store,
      tarballKey: key,
    });
    const bytes = await store.getObject(key);
    if (!bytes) throw new Error(`no tarball at ${key}`);
    expect(result.tarballBytes).toBe(bytes.length);
    return { result, entries: await readTarball(bytes) };
  }

  /** The whole application, as `gr ns/name` / `gr name`. */
  function fullSet(): string[] {
    const ns = app.namespace;
    return [
      `configmaps ${ns}/config-a`,
      `configmaps ${ns}/config-b`,
      `customresourcedefinitions.apiextensions.k8s.io widgets.${app.group}`,
      `deployments.apps ${ns}/web`,
      `namespaces ${ns}`,
      `persistentvolumeclaims ${ns}/data`,
      `persistentvolumes ${app.volumeName}`,
      `pods ${ns}/user`,
      `secrets ${ns}/secret-a`,
      `services ${ns}/web`,
      `widgets.${app.group} ${ns}/w1`,
      `widgets.${app.group} ${ns}/w2`,
    ].sort();
  }

  it('writes metadata/version, both paths of every item in mode 0755, compact sorted JSON and the resource list', async () => {
    const { result, entries } = await backUp({ includedNamespaces: [app.namespace] });
    const ns = app.namespace;
    expect(itemsOf(entries)).toEqual(fullSet());
    expect(entries.get('metadata/version')?.text).toBe('1.1.0\n');
    for (const entry of entries.values()) expect(entry.mode).toBe(0o755);
    const config = entries.get(`resources/configmaps/namespaces/${ns}/config-a.json`)?.text ?? '';
    expect(entries.get(`resources/configmaps/v1-preferredversion/namespaces/${ns}/config-a.json`)?.text).toBe(config);
    expect(config.startsWith('{"apiVersion":"v1","data":{"a.txt":"x\\u003cy \\u0026 z"},"kind":"ConfigMap","metadata":{')).toBe(true);
    const live = await kube.core.readNamespacedConfigMap({ namespace: ns, name: 'config-a' });
    expect(JSON.parse(config)).toMatchObject({ metadata: { uid: live.metadata?.uid, resourceVersion: live.metadata?.resourceVersion } });
    expect(entries.has(`resources/deployments.apps/v1-preferredversion/namespaces/${ns}/web.json`)).toBe(true);
    const widget = JSON.parse(entries.get(`resources/widgets.${app.group}/namespaces/${ns}/w1.json`)?.text ?? '{}') as {
      apiVersion?: string;
      spec?: unknown;
    };
    expect(widget).toMatchObject({ apiVersion: `${app.group}/v1`, kind: 'Widget', spec: { size: 1 } });
    const { ['v1/Event']: _events, ...resourceList } = result.resourceList;
    expect(resourceList).toEqual({
      'apiextensions.k8s.io/v1/CustomResourceDefinition': [`widgets.${app.group}`],
      'apps/v1/Deployment': [`${ns}/web`],
      [`${app.group}/v1/Widget`]: [`${ns}/w1`, `${ns}/w2`],
      'v1/ConfigMap': [`${ns}/config-a`, `${ns}/config-b`],
      'v1/Namespace': [ns],
      'v1/PersistentVolume': [app.volumeName],
      'v1/PersistentVolumeClaim': [`${ns}/data`],
      'v1/Pod': [`${ns}/user`],
      'v1/Secret': [`${ns}/secret-a`],
      'v1/Service': [`${ns}/web`],
    });
    expect(result.pods).toEqual([{ namespace: ns, name: 'user' }]);
    expect(result.persistentVolumeClaims).toEqual([{ namespace: ns, name: 'data' }]);
    expect(result.progress.itemsBackedUp).toBe(12 + (_events?.length ?? 0));
    expect(result.apiRequests).toBeGreaterThan(10);
    expect(result.results.errors).toEqual({ velero: [], cluster: [], namespaces: {} });
    expect(result.results.warnings.namespaces[ns]).toEqual([
      `pod hook pre (pre.hook.backup.velero.io/command: ["/bin/sync"]) of pod ${ns}/user was not run: Ferry does not run exec hooks (it cannot execute commands in containers)`,
    ]);
  });

  const policies = (yaml: string): ResourcePolicies => parseResourcePoliciesOrThrow(`version: v1\n${yaml}`);
  const without =
    (...removed: string[]) =>
    () =>
      fullSet().filter((item) => !removed.some((prefix) => item.startsWith(prefix)));

  const filterCases: FilterRow[] = [
    [
      'includedResources: configmaps',
      () => ({ includedNamespaces: [app.namespace], includedResources: ['configmaps'] }),
      () => fullSet().filter((i) => i.startsWith('configmaps')),
    ],
    [
      'excludedResources: secrets, pv',
      () => ({ includedNamespaces: [app.namespace], excludedResources: ['secrets', 'pv'] }),
      without('secrets', 'persistentvolumes '),
    ],
    [
      'includeClusterResources: false',
      () => ({ includedNamespaces: [app.namespace], includeClusterResources: false }),
      without('namespaces', 'persistentvolumes ', 'customresourcedefinitions'),
    ],
    [
      'labelSelector app=web',
      () => ({ includedNamespaces: [app.namespace], labelSelector: { matchLabels: { app: 'web' } } }),
      () => [
        `configmaps ${app.namespace}/config-a`,
        `deployments.apps ${app.namespace}/web`,
        `namespaces ${app.namespace}`,
        `services ${app.namespace}/web`,
      ],
    ],
    [
      'orLabelSelectors app=web | tier=db',
      () => ({ includedNamespaces: [app.namespace], orLabelSelectors: [selectLabels('app', 'web'), selectLabels('tier', 'db')] }),
      () => [
        `configmaps ${app.namespace}/config-a`,
        `deployments.apps ${app.namespace}/web`,
        `namespaces ${app.namespace}`,
        `secrets ${app.namespace}/secret-a`,
        `services ${app.namespace}/web`,
      ],
    ],
    [
      'excludedNamespaceScopedResources: configmaps',
      () => ({ includedNamespaces: [app.namespace], excludedNamespaceScopedResources: ['configmaps'] }),
      without('configmaps'),
    ],
    [
      'includedNamespaceScopedResources: pods (its PVC is not included)',
      () => ({ includedNamespaces: [app.namespace], includedNamespaceScopedResources: ['pods'] }),
      () => [`namespaces ${app.namespace}`, `pods ${app.namespace}/user`],
    ],
    [
      'includedClusterScopedResources: the cluster CR type',
      () => ({ includedNamespaces: [app.namespace], includedClusterScopedResources: [`gadgets.${app.group}`] }),
      () =>
        [
          ...fullSet(),
          `gadgets.${app.group} g1`,
          `gadgets.${app.group} g2`,
          `customresourcedefinitions.apiextensions.k8s.io gadgets.${app.group}`,
        ].sort(),
    ],
    [
      'excludedClusterScopedResources: persistentvolumes',
      () => ({ includedNamespaces: [app.namespace], excludedClusterScopedResources: ['persistentvolumes'] }),
      without('persistentvolumes '),
    ],
    ['wildcard namespaces with an exclude', () => ({ includedNamespaces: [`${app.namespace}*`], excludedNamespaces: [other] }), fullSet],
    [
      'includeExcludePolicy excludes secrets',
      () => ({ includedNamespaces: [app.namespace] }),
      without('secrets'),
      () => policies('includeExcludePolicy:\n  excludedNamespaceScopedResources: [secrets]\n'),
    ],
    [
      'namespacedFilterPolicies: ConfigMap names and Deployments only',
      () => ({ includedNamespaces: [app.namespace] }),
      () => [`configmaps ${app.namespace}/config-a`, `deployments.apps ${app.namespace}/web`, `namespaces ${app.namespace}`],
      () =>
        policies(
          `namespacedFilterPolicies:\n- namespaces: [${app.namespace}]\n  resourceFilters:\n  - kinds: [ConfigMap]\n    names: ['config-*']\n    excludedNames: [config-b]\n  - kinds: [Deployment]\n`,
        ),
    ],
    [
      'clusterScopedFilterPolicy: PV names that match nothing',
      () => ({ includedNamespaces: [app.namespace] }),
      without('persistentvolumes '),
      () => policies(`clusterScopedFilterPolicy:\n  resourceFilters:\n  - kinds: [PersistentVolume]\n    names: [nothing]\n`),
    ],
  ];
  it('orderedResources: the ordered items first, in that order; a name no item has is a warning', async () => {
    const ns = app.namespace;
    const configMapEntries = (entries: Map<string, TarEntry>) =>
      [...entries.keys()].filter((key) => key.startsWith(`resources/configmaps/namespaces/${ns}/`));
    const listed = await backUp({ includedNamespaces: [ns] });
    expect(configMapEntries(listed.entries)).toEqual([
      `resources/configmaps/namespaces/${ns}/config-a.json`,
      `resources/configmaps/namespaces/${ns}/config-b.json`,
    ]);
    const ordered = await backUp({ includedNamespaces: [ns], orderedResources: { configmaps: `${ns}/config-b,${ns}/missing` } });
    expect(configMapEntries(ordered.entries)).toEqual([
      `resources/configmaps/namespaces/${ns}/config-b.json`,
      `resources/configmaps/namespaces/${ns}/config-a.json`,
    ]);
    expect(itemsOf(ordered.entries)).toEqual(itemsOf(listed.entries));
    expect(ordered.result.results.warnings.velero).toEqual([` message: /Cannot find resource '${ns}/missing'.`]);
  });

  it.each(filterCases.map(([name, spec, expected, policy]) => ({ name, spec, expected, policy })))(
    '$name',
    async ({ spec, expected, policy }) => {
      const { entries } = await backUp(spec(), policy?.());
      expect(itemsOf(entries)).toEqual(expected());
    },
  );
});
