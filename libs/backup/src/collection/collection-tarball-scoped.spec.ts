import { boundClaim, clusterObject, namespaceObject, podWithClaims, type ClusterObject } from '../testing/collection-simulator';
import {
  pod,
  deployment,
  pv,
  secret,
  crd,
  veleroCrds,
  vsl,
  withPvs,
  nsPods,
  fooAndZoo,
  all,
  check,
  crdFiles,
  type Case,
} from '../testing/collection-table-fixtures';

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
