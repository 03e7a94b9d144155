import { boundClaim, clusterObject, podWithClaims, simulatedTarball } from '../testing/collection-simulator';
import {
  pod,
  deployment,
  pv,
  secret,
  veleroCrds,
  vsl,
  podsAndDeployments,
  withPvs,
  nsPods,
  exclude,
  fooAndZoo,
  all,
  check,
  crdFiles,
  type Case,
} from '../testing/collection-table-fixtures';

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
