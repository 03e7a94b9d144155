import type { BackupSpec } from '@ferry/api';
import {
  boundClaim,
  clusterObject,
  namespaceObject,
  podWithClaims,
  simulatedTarball,
  type ClusterObject,
} from '../testing/collection-simulator';

const pod = (namespace: string, name: string, labels?: Record<string, string>) => clusterObject('pods', namespace, name, { labels });
const deployment = (namespace: string, name: string, labels?: Record<string, string>) =>
  clusterObject('deployments.apps', namespace, name, { labels });
const pv = (name: string, labels?: Record<string, string>) => clusterObject('persistentvolumes', '', name, { labels });
const secret = (namespace: string, name: string) => clusterObject('secrets', namespace, name);
const crd = (name: string) => clusterObject('customresourcedefinitions.apiextensions.k8s.io', '', name);
const veleroCrds = [crd('backups.velero.io'), crd('volumesnapshotlocations.velero.io'), crd('test.velero.io')];
const vsl = (namespace: string, name: string) => clusterObject('volumesnapshotlocations.velero.io', namespace, name);
const podsAndDeployments = [pod('foo', 'bar'), pod('zoo', 'raz'), deployment('foo', 'bar'), deployment('zoo', 'raz')];
const withPvs = (...names: string[]) => [...podsAndDeployments, ...names.map((name) => pv(name))];
const nsPods = [pod('ns-1', 'pod-1'), pod('ns-2', 'pod-1'), pod('ns-3', 'pod-1'), pv('pv-1'), pv('pv-2')];
const exclude = { 'velero.io/exclude-from-backup': 'true' };

/** Velero's `want` list from an item list: each item's legacy path and its preferred-version path. */
const tarball = (...items: string[]): string[] =>
  items
    .flatMap((path) => {
      const version = path.startsWith('resources/customresourcedefinitions.') ? 'v1beta1' : 'v1';
      return [path, path.replace(/^(resources\/[^/]+)\//, `$1/${version}-preferredversion/`)];
    })
    .sort();
const fooAndZoo = (gr: string) => [`resources/${gr}/namespaces/foo/bar.json`, `resources/${gr}/namespaces/zoo/raz.json`];
const all = [...fooAndZoo('pods'), ...fooAndZoo('deployments.apps')];

type Case = [name: string, spec: BackupSpec, objects: ClusterObject[], want: string[]];
const check = (spec: BackupSpec, objects: ClusterObject[], want: string[]) =>
  expect(simulatedTarball({ includedNamespaces: ['*'], ...spec }, objects).sort()).toEqual(tarball(...want));

// Velero's TestBackupOldResourceFiltering (pkg/backup/backup_test.go, v1.18.1).
describe('collection rules - old resource filters (TestBackupOldResourceFiltering)', () => {
  it.each<Case>([
    ['no filters backs up everything', {}, podsAndDeployments, all],
    [
      'included resources filter only backs up resources of those types',
      { includedResources: ['pods'] },
      podsAndDeployments,
      fooAndZoo('pods'),
    ],
    [
      'excluded resources filter only backs up resources not of those types',
      { excludedResources: ['deployments'] },
      podsAndDeployments,
      fooAndZoo('pods'),
    ],
    [
      'included namespaces filter only backs up resources in those namespaces',
      { includedNamespaces: ['foo'] },
      podsAndDeployments,
      ['resources/pods/namespaces/foo/bar.json', 'resources/deployments.apps/namespaces/foo/bar.json'],
    ],
    [
      'excluded namespaces filter only backs up resources not in those namespaces',
      { excludedNamespaces: ['zoo'] },
      podsAndDeployments,
      ['resources/pods/namespaces/foo/bar.json', 'resources/deployments.apps/namespaces/foo/bar.json'],
    ],
    ['IncludeClusterResources=false only backs up namespaced resources', { includeClusterResources: false }, withPvs('bar', 'baz'), all],
    [
      'label selector only backs up matching resources',
      { labelSelector: { matchLabels: { a: 'b' } } },
      [
        pod('foo', 'bar', { a: 'b' }),
        pod('zoo', 'raz'),
        deployment('foo', 'bar'),
        deployment('zoo', 'raz', { a: 'b' }),
        pv('bar', { a: 'b' }),
        pv('baz', { a: 'c' }),
      ],
      [
        'resources/pods/namespaces/foo/bar.json',
        'resources/deployments.apps/namespaces/zoo/raz.json',
        'resources/persistentvolumes/cluster/bar.json',
      ],
    ],
    [
      'OrLabelSelector only backs up matching resources',
      { orLabelSelectors: ['a1', 'a2', 'a3', 'a4'].map((key) => ({ matchLabels: { [key]: `b${key.slice(1)}` } })) },
      [
        pod('foo', 'bar', { a1: 'b1' }),
        pod('zoo', 'raz'),
        deployment('foo', 'bar'),
        deployment('zoo', 'raz', { a2: 'b2' }),
        pv('bar', { a4: 'b4' }),
        pv('baz', { a5: 'b5' }),
      ],
      [
        'resources/pods/namespaces/foo/bar.json',
        'resources/deployments.apps/namespaces/zoo/raz.json',
        'resources/persistentvolumes/cluster/bar.json',
      ],
    ],
    [
      'resources with velero.io/exclude-from-backup=true label are not included',
      {},
      [
        pod('foo', 'bar', exclude),
        pod('zoo', 'raz'),
        deployment('foo', 'bar'),
        deployment('zoo', 'raz', exclude),
        pv('bar', { a: 'b' }),
        pv('baz', exclude),
      ],
      [
        'resources/pods/namespaces/zoo/raz.json',
        'resources/deployments.apps/namespaces/foo/bar.json',
        'resources/persistentvolumes/cluster/bar.json',
      ],
    ],
    [
      'resources with velero.io/exclude-from-backup=true label are not included even if matching label selector',
      { labelSelector: { matchLabels: { a: 'b' } } },
      [
        pod('foo', 'bar', { ...exclude, a: 'b' }),
        pod('zoo', 'raz', { a: 'b' }),
        deployment('foo', 'bar'),
        deployment('zoo', 'raz', { ...exclude, a: 'b' }),
        pv('bar', { a: 'b' }),
        pv('baz', { ...exclude, a: 'b' }),
      ],
      ['resources/pods/namespaces/zoo/raz.json', 'resources/persistentvolumes/cluster/bar.json'],
    ],
    [
      "resources with velero.io/exclude-from-backup label specified but not 'true' are included",
      {},
      [
        pod('foo', 'bar', { 'velero.io/exclude-from-backup': 'false' }),
        pod('zoo', 'raz'),
        deployment('foo', 'bar'),
        deployment('zoo', 'raz', { 'velero.io/exclude-from-backup': '1' }),
        pv('bar', { a: 'b' }),
        pv('baz', { 'velero.io/exclude-from-backup': '' }),
      ],
      [...all, 'resources/persistentvolumes/cluster/bar.json', 'resources/persistentvolumes/cluster/baz.json'],
    ],
    [
      'should include cluster-scoped resources if backing up subset of namespaces and IncludeClusterResources=true',
      { includedNamespaces: ['ns-1', 'ns-2'], includeClusterResources: true },
      nsPods,
      [
        'resources/pods/namespaces/ns-1/pod-1.json',
        'resources/pods/namespaces/ns-2/pod-1.json',
        'resources/persistentvolumes/cluster/pv-1.json',
        'resources/persistentvolumes/cluster/pv-2.json',
      ],
    ],
    ...[false, undefined].map<Case>((includeClusterResources) => [
      `should not include cluster-scoped resource if backing up subset of namespaces and IncludeClusterResources=${includeClusterResources ?? 'nil'}`,
      { includedNamespaces: ['ns-1', 'ns-2'], includeClusterResources },
      nsPods,
      ['resources/pods/namespaces/ns-1/pod-1.json', 'resources/pods/namespaces/ns-2/pod-1.json'],
    ]),
    ...[true, undefined].map<Case>((includeClusterResources) => [
      `should include cluster-scoped resources if backing up all namespaces and IncludeClusterResources=${includeClusterResources ?? 'nil'}`,
      { includeClusterResources },
      nsPods,
      [
        ...['ns-1', 'ns-2', 'ns-3'].map((ns) => `resources/pods/namespaces/${ns}/pod-1.json`),
        'resources/persistentvolumes/cluster/pv-1.json',
        'resources/persistentvolumes/cluster/pv-2.json',
      ],
    ]),
    [
      'should not include cluster-scoped resources if backing up all namespaces and IncludeClusterResources=false',
      { includeClusterResources: false },
      nsPods,
      ['ns-1', 'ns-2', 'ns-3'].map((ns) => `resources/pods/namespaces/${ns}/pod-1.json`),
    ],
    [
      'when a wildcard and a specific resource are included, the wildcard takes precedence',
      { includedResources: ['*', 'pods'] },
      podsAndDeployments,
      all,
    ],
    ['wildcard excludes are ignored', { excludedResources: ['*'] }, podsAndDeployments, all],
    ['unresolvable included resources are ignored', { includedResources: ['pods', 'unresolvable'] }, podsAndDeployments, fooAndZoo('pods')],
    [
      'when all included resources are unresolvable, nothing is included',
      { includedResources: ['unresolvable-1', 'unresolvable-2'] },
      podsAndDeployments,
      [],
    ],
    [
      'unresolvable excluded resources are ignored',
      { excludedResources: ['deployments', 'unresolvable'] },
      podsAndDeployments,
      fooAndZoo('pods'),
    ],
    [
      'when all excluded resources are unresolvable, nothing is excluded',
      { includedResources: ['*'], excludedResources: ['unresolvable-1', 'unresolvable-2'] },
      podsAndDeployments,
      all,
    ],
    [
      'terminating resources are not backed up',
      {},
      [pod('ns-1', 'pod-1'), clusterObject('pods', 'ns-2', 'pod-2', { deleting: true })],
      ['resources/pods/namespaces/ns-1/pod-1.json'],
    ],
    [
      "new filters' default value should not impact the old filters' function",
      { includedNamespaces: ['foo'], includeClusterResources: true },
      [
        podWithClaims('foo', 'bar', 'test-1'),
        pod('zoo', 'raz'),
        deployment('foo', 'bar'),
        deployment('zoo', 'raz'),
        boundClaim('foo', 'test-1', 'test1'),
        pv('test1'),
        pv('test2'),
      ],
      [
        'resources/deployments.apps/namespaces/foo/bar.json',
        'resources/persistentvolumeclaims/namespaces/foo/test-1.json',
        'resources/persistentvolumes/cluster/test1.json',
        'resources/persistentvolumes/cluster/test2.json',
        'resources/pods/namespaces/foo/bar.json',
      ],
    ],
    [
      "Resource's CRD should be included",
      { includedNamespaces: ['foo'] },
      [...veleroCrds, vsl('foo', 'bar'), clusterObject('backups.velero.io', 'zoo', 'raz')],
      [
        'resources/customresourcedefinitions.apiextensions.k8s.io/cluster/volumesnapshotlocations.velero.io.json',
        'resources/volumesnapshotlocations.velero.io/namespaces/foo/bar.json',
      ],
    ],
    [
      "Resource's CRD is not included, when CRD is excluded.",
      { includedNamespaces: ['foo'], excludedResources: ['customresourcedefinitions.apiextensions.k8s.io'] },
      [...veleroCrds, vsl('foo', 'bar'), clusterObject('backups.velero.io', 'zoo', 'raz')],
      ['resources/volumesnapshotlocations.velero.io/namespaces/foo/bar.json'],
    ],
  ])('%s', (_name, spec, objects, want) => check(spec, objects, want));
});

const crdFiles = ['backups', 'volumesnapshotlocations', 'test'].map(
  (name) => `resources/customresourcedefinitions.apiextensions.k8s.io/cluster/${name}.velero.io.json`,
);

// Velero's TestCRDInclusion.
describe('collection rules - CRDs of backed-up custom resources (TestCRDInclusion)', () => {
  const objects = [...veleroCrds, vsl('foo', 'vsl-1')];
  const vslFile = 'resources/volumesnapshotlocations.velero.io/namespaces/foo/vsl-1.json';
  it.each<Case>([
    ['include cluster resources=auto includes all CRDs when running a full-cluster backup', {}, objects, [...crdFiles, vslFile]],
    [
      'include cluster resources=false excludes all CRDs when backing up all namespaces',
      { includeClusterResources: false },
      objects,
      [vslFile],
    ],
    [
      'include cluster resources=true includes all CRDs when running a full-cluster backup',
      { includeClusterResources: true },
      objects,
      [...crdFiles, vslFile],
    ],
    [
      'include-cluster-resources=false excludes all CRDs when backing up selected namespaces',
      { includeClusterResources: false, includedNamespaces: ['foo'] },
      objects,
      [vslFile],
    ],
    [
      'include cluster resources=true includes all CRDs when backing up selected namespaces',
      { includeClusterResources: true, includedNamespaces: ['foo'] },
      objects,
      [...crdFiles, vslFile],
    ],
  ])('%s', (_name, spec, objects, want) => check(spec, objects, want));
});

// Velero's TestBackupResourceCohabitation and TestBackupUsesNewCohabitatingResourcesForEachBackup.
describe('collection rules - cohabiting resources (TestBackupResourceCohabitation)', () => {
  const inGroup = (gr: string) => [clusterObject(gr, 'foo', 'bar'), clusterObject(gr, 'zoo', 'raz')];
  it.each<Case>([
    [
      "when deployments exist only in extensions, they're backed up",
      {},
      inGroup('deployments.extensions'),
      fooAndZoo('deployments.extensions'),
    ],
    [
      'when deployments exist in both apps and extensions, only apps/deployments are backed up',
      {},
      [...inGroup('deployments.extensions'), ...inGroup('deployments.apps')],
      fooAndZoo('deployments.apps'),
    ],
    [
      'when deployments exist that are not in the cohabiting groups those are backed up along with apps/deployments',
      {},
      [...inGroup('deployments.velero.io'), ...inGroup('deployments.apps')],
      [...fooAndZoo('deployments.apps'), ...fooAndZoo('deployments.velero.io')],
    ],
  ])('%s', (_name, spec, objects, want) => check(spec, objects, want));

  it('each backup takes the apps copy again', () => {
    const objects = [clusterObject('deployments.apps', 'ns-1', 'deploy-1'), clusterObject('deployments.extensions', 'ns-1', 'deploy-1')];
    for (let backup = 0; backup < 2; backup++) check({}, objects, ['resources/deployments.apps/namespaces/ns-1/deploy-1.json']);
  });
});

// Velero's TestBackupResourceOrdering.
describe('collection rules - core resources order (TestBackupResourceOrdering)', () => {
  it('core API group: pods come before pvcs, pvcs come before pvs, pvs come before anything else', () => {
    const claim = (namespace: string, name: string) => clusterObject('persistentvolumeclaims', namespace, name);
    const objects = [
      secret('foo', 'bar'),
      pv('bar'),
      claim('foo', 'bar'),
      pod('foo', 'bar'),
      secret('zoo', 'raz'),
      pv('baz'),
      claim('zoo', 'raz'),
      pod('zoo', 'raz'),
    ];
    const order = simulatedTarball({ snapshotVolumes: false }, objects).map((entry) => entry.split('/')[1]);
    expect(order.filter((gr, index) => gr !== order[index - 1])).toEqual([
      'pods',
      'persistentvolumeclaims',
      'persistentvolumes',
      'secrets',
    ]);
  });
});

const fooOnly = (...grs: string[]) => grs.map((gr) => `resources/${gr}/namespaces/foo/bar.json`);
const pvFiles = (...names: string[]) => names.map((name) => `resources/persistentvolumes/cluster/${name}.json`);
const crdFile = crdFiles[0] ?? '';
const withCrd = [...withPvs('test1', 'test2'), crd('backups.velero.io')];
// The pod mounts claim test-1, bound to test1 (Velero's cases add test1 with an action on the PVC).
const withClaim = (...more: ClusterObject[]) => [
  podWithClaims('foo', 'bar', 'test-1'),
  pod('zoo', 'raz'),
  deployment('foo', 'bar'),
  deployment('zoo', 'raz'),
  boundClaim('foo', 'test-1', 'test1'),
  pv('test1'),
  pv('test2'),
  ...more,
];
const claimFile = 'resources/persistentvolumeclaims/namespaces/foo/test-1.json';
const secretsEtc = (...more: ClusterObject[]) => [
  secret('foo', 'bar'),
  secret('zoo', 'raz'),
  deployment('foo', 'bar'),
  deployment('zoo', 'raz'),
  ...more,
];
const nsFile = (name: string) => `resources/namespaces/cluster/${name}.json`;

// Velero's TestBackupNewResourceFiltering (the scoped filters).
describe('collection rules - scoped resource filters (TestBackupNewResourceFiltering)', () => {
  it.each<Case>([
    [
      'no namespace-scoped resources + some cluster-scoped resources',
      { includedClusterScopedResources: ['persistentvolumes'], excludedNamespaceScopedResources: ['*'] },
      withPvs('testing'),
      pvFiles('testing'),
    ],
    [
      'no namespace-scoped resources + all cluster-scoped resources',
      { includedClusterScopedResources: ['*'], excludedNamespaceScopedResources: ['*'] },
      withCrd,
      [crdFile, ...pvFiles('test1', 'test2')],
    ],
    [
      'some namespace-scoped resources + no cluster-scoped resources 1',
      { excludedClusterScopedResources: ['*'], includedNamespaces: ['foo', 'zoo'] },
      withCrd,
      all,
    ],
    [
      'some namespace-scoped resources + no cluster-scoped resources 2',
      { excludedClusterScopedResources: ['*'], includedNamespaceScopedResources: ['pods', 'deployments'] },
      withCrd,
      all,
    ],
    [
      'some namespace-scoped resources + no cluster-scoped resources 3',
      { excludedClusterScopedResources: ['*'], includedNamespaces: ['foo'], includedNamespaceScopedResources: ['pods', 'deployments'] },
      withCrd,
      fooOnly('pods', 'deployments.apps'),
    ],
    [
      'some namespace-scoped resources + no cluster-scoped resources 4',
      { excludedClusterScopedResources: ['*'], excludedNamespaceScopedResources: ['pods'] },
      withCrd,
      fooAndZoo('deployments.apps'),
    ],
    [
      'some namespace-scoped resources + only related cluster-scoped resources 2',
      { includedNamespaces: ['foo'], includedNamespaceScopedResources: ['pods', 'persistentvolumeclaims'] },
      withClaim(),
      [...fooOnly('pods'), claimFile, ...pvFiles('test1')],
    ],
    [
      'some namespace-scoped resources + only related cluster-scoped resources 3',
      { includedNamespaces: ['foo'], excludedNamespaceScopedResources: ['deployments'] },
      withClaim(),
      [...fooOnly('pods'), claimFile, ...pvFiles('test1')],
    ],
    [
      'some namespace-scoped resources + some additional cluster-scoped resources 1',
      { includedNamespaces: ['foo'], includedClusterScopedResources: ['customresourcedefinitions'] },
      withClaim(crd('backups.velero.io')),
      [crdFile, ...fooOnly('pods', 'deployments.apps'), claimFile, ...pvFiles('test1')],
    ],
    [
      'some namespace-scoped resources + some additional cluster-scoped resources 2',
      { includedNamespaceScopedResources: ['persistentvolumeclaims'], includedClusterScopedResources: ['customresourcedefinitions'] },
      withClaim(crd('backups.velero.io')),
      [crdFile, claimFile, ...pvFiles('test1')],
    ],
    [
      'some namespace-scoped resources + some additional cluster-scoped resources 3',
      {
        includedNamespaces: ['foo'],
        includedNamespaceScopedResources: ['pods', 'persistentvolumeclaims'],
        includedClusterScopedResources: ['customresourcedefinitions'],
      },
      withClaim(crd('backups.velero.io')),
      [crdFile, ...fooOnly('pods'), claimFile, ...pvFiles('test1')],
    ],
    [
      'some namespace-scoped resources + some additional cluster-scoped resources 4',
      {
        includedNamespaces: ['foo'],
        includedNamespaceScopedResources: ['pods', 'persistentvolumeclaims'],
        includedClusterScopedResources: ['*'],
        excludedClusterScopedResources: ['customresourcedefinitions.apiextensions.k8s.io'],
      },
      withClaim(crd('backups.velero.io')),
      [...fooOnly('pods'), claimFile, ...pvFiles('test1', 'test2')],
    ],
    [
      'some namespace-scoped resources + all cluster-scoped resources 1',
      { includedNamespaces: ['foo'], includedClusterScopedResources: ['*'] },
      withClaim(),
      [...fooOnly('pods', 'deployments.apps'), claimFile, ...pvFiles('test1', 'test2')],
    ],
    [
      'some namespace-scoped resources + all cluster-scoped resources 2',
      { includedNamespaceScopedResources: ['pods'], includedClusterScopedResources: ['*'] },
      withCrd,
      [crdFile, ...pvFiles('test1', 'test2'), ...fooAndZoo('pods')],
    ],
    [
      'some namespace-scoped resources + all cluster-scoped resources 3',
      { includedNamespaces: ['foo'], includedNamespaceScopedResources: ['pods'], includedClusterScopedResources: ['*'] },
      withCrd,
      [crdFile, ...pvFiles('test1', 'test2'), ...fooOnly('pods')],
    ],
    ['all namespace-scoped resources + no cluster-scoped resources', { excludedClusterScopedResources: ['*'] }, withCrd, all],
    [
      'all namespace-scoped resources + all cluster-scoped resources',
      { includedClusterScopedResources: ['*'] },
      withCrd,
      [crdFile, ...all, ...pvFiles('test1', 'test2')],
    ],
    [
      "namespace resource should be included even it's not specified in the include list, when IncludedNamespaces has specified value 1",
      { includedNamespaces: ['foo'], includedNamespaceScopedResources: ['Secrets'] },
      secretsEtc(pv('foo'), namespaceObject('foo')),
      [nsFile('foo'), ...fooOnly('secrets')],
    ],
    [
      "namespace resource should be included even it's not specified in the include list, when IncludedNamespaces has specified value 2",
      { includedNamespaces: ['foo'], includedClusterScopedResources: ['persistentvolumes'] },
      secretsEtc(pv('foo'), namespaceObject('foo')),
      [nsFile('foo'), ...fooOnly('secrets', 'deployments.apps'), ...pvFiles('foo')],
    ],
    [
      "namespace resource should be included even it's not specified in the include list, when IncludedNamespaces is asterisk.",
      { includedNamespaces: ['*'], includedClusterScopedResources: ['persistentvolumes'] },
      secretsEtc(pv('foo'), namespaceObject('foo'), namespaceObject('zoo')),
      [nsFile('foo'), nsFile('zoo'), ...fooAndZoo('secrets'), ...fooAndZoo('deployments.apps'), ...pvFiles('foo')],
    ],
    [
      'when all namespace-scoped resources are involved, cluster-scoped resources should be included too',
      { includedNamespaces: ['*'], includedNamespaceScopedResources: ['*'] },
      secretsEtc(pv('foo'), pv('bar'), namespaceObject('foo'), namespaceObject('zoo')),
      [nsFile('foo'), nsFile('zoo'), ...fooAndZoo('secrets'), ...fooAndZoo('deployments.apps'), ...pvFiles('foo', 'bar')],
    ],
    [
      'IncludedNamespaces is asterisk, but not all namespace-scoped resource types are include, additional cluster-scoped resources should not be included.',
      { includedNamespaces: ['*'], includedNamespaceScopedResources: ['secrets'] },
      secretsEtc(pv('foo'), pv('bar'), namespaceObject('foo'), namespaceObject('zoo')),
      [nsFile('foo'), nsFile('zoo'), ...fooAndZoo('secrets')],
    ],
    [
      "Resource's CRD should be included",
      { includedNamespaces: ['foo'], includedNamespaceScopedResources: ['volumesnapshotlocations.velero.io', 'backups.velero.io'] },
      [...veleroCrds, vsl('foo', 'bar'), clusterObject('backups.velero.io', 'zoo', 'raz')],
      [crdFiles[1] ?? '', ...fooOnly('volumesnapshotlocations.velero.io')],
    ],
    [
      "Resource's CRD is not included, when CRD is excluded.",
      {
        includedNamespaces: ['foo'],
        includedNamespaceScopedResources: ['volumesnapshotlocations.velero.io', 'backups.velero.io'],
        excludedClusterScopedResources: ['customresourcedefinitions.apiextensions.k8s.io'],
      },
      [...veleroCrds, vsl('foo', 'bar'), clusterObject('backups.velero.io', 'zoo', 'raz')],
      fooOnly('volumesnapshotlocations.velero.io'),
    ],
  ])('%s', (_name, spec, objects, want) => check(spec, objects, want));
});

// Velero's TestBackupNamespaces. Velero 1.18.1's harness knows only the namespaces holding items
// when it expands `*`, so two of its cases leave out namespaces a real cluster has; these are the
// expectations of Velero's main branch, which match a real cluster.
describe('collection rules - Namespace objects (TestBackupNamespaces)', () => {
  const active = (name: string, labels?: Record<string, string>) => namespaceObject(name, 'Active', labels);
  const namespaces = [active('ns-1'), active('ns-2'), active('ns-3')];
  const deploy1 = deployment('ns-1', 'deploy-1', { a: 'b' });
  const deployFile = (n: number) => `resources/deployments.apps/namespaces/ns-${n}/deploy-${n}.json`;
  it.each<Case>([
    ['LabelSelector test', { labelSelector: { matchLabels: { a: 'b' } } }, [...namespaces, deploy1], [nsFile('ns-1'), deployFile(1)]],
    [
      'OrLabelSelector test',
      { orLabelSelectors: [{ matchLabels: { a: 'b' } }, { matchLabels: { c: 'd' } }] },
      [...namespaces, deploy1, deployment('ns-2', 'deploy-2', { c: 'd' })],
      [nsFile('ns-1'), nsFile('ns-2'), deployFile(1), deployFile(2)],
    ],
    [
      'LabelSelector and Namespace filtering test',
      { includedNamespaces: ['ns-1'], labelSelector: { matchLabels: { a: 'b' } } },
      [...namespaces, deploy1],
      [nsFile('ns-1'), deployFile(1)],
    ],
    [
      'LabelSelector and Namespace exclude filtering test',
      { excludedNamespaces: ['ns-1', 'ns-2'], labelSelector: { matchLabels: { a: 'b' } } },
      [active('ns-1', { a: 'b' }), active('ns-2'), active('ns-3'), deploy1],
      [nsFile('ns-1'), nsFile('ns-3')],
    ],
    ['Empty namespace test', { includedNamespaces: ['invalid*'] }, [...namespaces, deploy1], []],
    ['Default namespace filter test', {}, [...namespaces, deploy1], [nsFile('ns-1'), nsFile('ns-2'), nsFile('ns-3'), deployFile(1)]],
  ])('%s', (_name, spec, objects, want) => check(spec, objects, want));
});

// Beyond Velero's tables: namespace patterns, and Velero 1.18.1's IncludeEverything over the
// expanded lists (a backup naming every namespace of the cluster takes cluster-scoped types).
describe('collection rules - namespace patterns (IncludeEverything, v1.18.1)', () => {
  const podFiles = (...ns: number[]) => ns.map((n) => `resources/pods/namespaces/ns-${n}/pod-1.json`);
  it.each<Case>([
    ['an include pattern takes the namespaces it matches', { includedNamespaces: ['ns-[12]'] }, nsPods, podFiles(1, 2)],
    ['an exclude pattern leaves out the namespaces it matches', { excludedNamespaces: ['*-3'] }, nsPods, podFiles(1, 2)],
    [
      'naming every namespace takes cluster-scoped types',
      { includedNamespaces: ['ns-1', 'ns-2', 'ns-3'] },
      nsPods,
      [...podFiles(1, 2, 3), ...pvFiles('pv-1', 'pv-2')],
    ],
    [
      'an exclude pattern matching nothing still takes cluster-scoped types',
      { excludedNamespaces: ['other-*'] },
      nsPods,
      [...podFiles(1, 2, 3), ...pvFiles('pv-1', 'pv-2')],
    ],
  ])('%s', (_name, spec, objects, want) => check(spec, objects, want));
});
