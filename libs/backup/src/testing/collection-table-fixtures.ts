// Objects and expectations shared by the specs that run Velero's backup_test.go tables
// (pkg/backup/backup_test.go, v1.18.1) through the collection simulator.
import type { BackupSpec } from '@ferry/api';
import { clusterObject, simulatedTarball, type ClusterObject } from './collection-simulator';

export const pod = (namespace: string, name: string, labels?: Record<string, string>) => clusterObject('pods', namespace, name, { labels });
export const deployment = (namespace: string, name: string, labels?: Record<string, string>) =>
  clusterObject('deployments.apps', namespace, name, { labels });
export const pv = (name: string, labels?: Record<string, string>) => clusterObject('persistentvolumes', '', name, { labels });
export const secret = (namespace: string, name: string) => clusterObject('secrets', namespace, name);
export const crd = (name: string) => clusterObject('customresourcedefinitions.apiextensions.k8s.io', '', name);
export const veleroCrds = [crd('backups.velero.io'), crd('volumesnapshotlocations.velero.io'), crd('test.velero.io')];
export const vsl = (namespace: string, name: string) => clusterObject('volumesnapshotlocations.velero.io', namespace, name);
export const podsAndDeployments = [pod('foo', 'bar'), pod('zoo', 'raz'), deployment('foo', 'bar'), deployment('zoo', 'raz')];
export const withPvs = (...names: string[]) => [...podsAndDeployments, ...names.map((name) => pv(name))];
export const nsPods = [pod('ns-1', 'pod-1'), pod('ns-2', 'pod-1'), pod('ns-3', 'pod-1'), pv('pv-1'), pv('pv-2')];
export const exclude = { 'velero.io/exclude-from-backup': 'true' };

/** Velero's `want` list from an item list: each item's legacy path and its preferred-version path. */
export const tarball = (...items: string[]): string[] =>
  items
    .flatMap((path) => {
      const version = path.startsWith('resources/customresourcedefinitions.') ? 'v1beta1' : 'v1';
      return [path, path.replace(/^(resources\/[^/]+)\//, `$1/${version}-preferredversion/`)];
    })
    .sort();
export const fooAndZoo = (gr: string) => [`resources/${gr}/namespaces/foo/bar.json`, `resources/${gr}/namespaces/zoo/raz.json`];
export const all = [...fooAndZoo('pods'), ...fooAndZoo('deployments.apps')];

export type Case = [name: string, spec: BackupSpec, objects: ClusterObject[], want: string[]];
export const check = (spec: BackupSpec, objects: ClusterObject[], want: string[]) =>
  expect(simulatedTarball({ includedNamespaces: ['*'], ...spec }, objects).sort()).toEqual(tarball(...want));

export const crdFiles = ['backups', 'volumesnapshotlocations', 'test'].map(
  (name) => `resources/customresourcedefinitions.apiextensions.k8s.io/cluster/${name}.velero.io.json`,
);
