// The restore integration spec's world: a test application created for real (Deployment, a
// NodePort Service, ConfigMaps, Secrets incl. a service-account token Secret, a ServiceAccount, a
// CRD with custom resources, a PVC), backed up with Ferry's real collection into MinIO beside a
// Completed Backup and its velero-backup.json; and helpers to read the restore's files back.
import { gunzipSync } from 'node:zlib';
import type { Backup, BackupStorageLocation } from '@ferry/api';
import { awsCredentialsFile } from '@ferry/devenv';
import { aClaim, createClaim, eventually, loadEnvironmentInfo } from '@ferry/devenv/testing';
import { silentLogger, type CustomResourceClient, type KubeClient } from '@ferry/kube';
import type { ObjectStore } from '@ferry/object-store';
import { createResourceBackup } from '@ferry/resource-backup';
import { backupFileKeys } from '@ferry/storage-location';

/** The application's labels and names. */
export const front = { tier: 'front' };

/** A namespaced CRD kind, served in `versions` (the first stored), schemaless, conversion None. */
export interface TestCrd {
  readonly group: string;
  readonly plural: string;
  readonly kind: string;
  readonly versions: readonly string[];
}

/** Creates CRD `<plural>.<group>` and waits until every version serves it. */
export async function createCrd(kube: KubeClient, crd: TestCrd): Promise<void> {
  const { group, plural, kind, versions } = crd;
  await kube.requester.request({
    method: 'POST',
    path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    body: {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${plural}.${group}` },
      spec: {
        group,
        scope: 'Namespaced',
        names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List` },
        versions: versions.map((name, index) => ({
          name,
          served: true,
          storage: index === 0,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        })),
      },
    },
  });
  for (const version of versions)
    await eventually(`CRD ${plural}.${group} served in ${version}`, async () => {
      const list = await kube.requester.request<{ resources: { name: string }[] }>({ method: 'GET', path: `/apis/${group}/${version}` });
      return list.resources.some((resource) => resource.name === plural);
    });
}

/** Creates namespace `namespace` holding ConfigMaps `cm-0` … `cm-<count - 1>`, twenty at a time. */
export async function createConfigMaps(kube: KubeClient, namespace: string, count: number): Promise<void> {
  await kube.core.createNamespace({ body: { metadata: { name: namespace } } });
  for (let first = 0; first < count; first += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, count - first) }, (_, offset) =>
        kube.core.createNamespacedConfigMap({
          namespace,
          body: { metadata: { name: `cm-${first + offset}` }, data: { index: String(first + offset) } },
        }),
      ),
    );
  }
}

/** Creates the application in `namespace` with CRD group `group`; resolves with the Service's node port. */
export async function createApplication(kube: KubeClient, namespace: string, group: string): Promise<number> {
  const web = { app: 'web' };
  await kube.apps.createNamespacedDeployment({
    namespace,
    body: {
      metadata: { name: 'web', labels: { ...web, ...front } },
      spec: {
        selector: { matchLabels: web },
        template: { metadata: { labels: web }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
      },
    },
  });
  const service = await kube.core.createNamespacedService({
    namespace,
    body: { metadata: { name: 'web', labels: front }, spec: { type: 'NodePort', selector: web, ports: [{ name: 'http', port: 80 }] } },
  });
  await kube.core.createNamespacedConfigMap({
    namespace,
    body: { metadata: { name: 'config-front', labels: front }, data: { 'a.txt': 'x<y & z' } },
  });
  await kube.core.createNamespacedConfigMap({
    namespace,
    body: { metadata: { name: 'config-back', labels: { tier: 'back' } }, data: { b: '2' } },
  });
  await kube.core.createNamespacedSecret({
    namespace,
    body: { metadata: { name: 'creds', labels: { tier: 'back' } }, stringData: { password: 'p' } },
  });
  await kube.core.createNamespacedServiceAccount({
    namespace,
    body: { metadata: { name: 'builder' }, secrets: [{ name: 'builder-token-x1y2z' }, { name: 'pull' }] },
  });
  await kube.core.createNamespacedSecret({
    namespace,
    body: {
      metadata: { name: 'builder-token-x1y2z', annotations: { 'kubernetes.io/service-account.name': 'builder' } },
      type: 'kubernetes.io/service-account-token',
    },
  });
  await createCrd(kube, { group, plural: 'widgets', kind: 'Widget', versions: ['v1'] });
  for (const name of ['w1', 'w2']) {
    await kube.requester.request({
      method: 'POST',
      path: `/apis/${group}/v1/namespaces/${namespace}/widgets`,
      body: { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name, labels: front }, spec: { size: 1 } },
    });
  }
  await createClaim(kube, aClaim(namespace, 'data'));
  return service.spec?.ports?.[0]?.nodePort ?? 0;
}

/**
 * Publishes a backup whose tarball is already at `backups/<name>/<name>.tar.gz`: its
 * `velero-backup.json` (the Backup with a Completed status, as Velero uploads it) and the
 * Completed Backup object in `veleroNamespace`, labelled with its location.
 */
export async function publishBackup(
  store: ObjectStore,
  backups: CustomResourceClient<Backup>,
  backup: Backup & { metadata: { name: string; namespace: string } },
): Promise<void> {
  const { name, namespace } = backup.metadata;
  const status: Backup['status'] = {
    phase: 'Completed',
    version: 1,
    formatVersion: '1.1.0',
    startTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
  await store.putObject(backupFileKeys(store.prefix, name).metadata, JSON.stringify({ ...backup, status }));
  const labels = { 'velero.io/storage-location': backup.spec?.storageLocation ?? '' };
  await backups.create({ ...backup, metadata: { name, namespace, labels } });
  await backups.patch(namespace, name, { status });
}

/** Velero-layout bucket files of a backup written by Ferry's real collection, and its Completed Backup object. */
export async function writeBackup(
  kube: KubeClient,
  store: ObjectStore,
  backups: CustomResourceClient<Backup>,
  veleroNamespace: string,
  location: string,
  name: string,
  includedNamespaces: string[],
): Promise<void> {
  const backup = {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: { name, namespace: veleroNamespace, uid: `${name}-uid` },
    spec: { includedNamespaces, storageLocation: location },
  };
  const keys = backupFileKeys(store.prefix, name);
  await createResourceBackup({ kube, logger: silentLogger, workers: 4 })({ backup, store, tarballKey: keys.contents });
  await publishBackup(store, backups, backup);
}

/** Creates an Available BSL `name` over `prefix` of the environment's bucket, with its credential Secret. */
export async function createLocation(
  kube: KubeClient,
  locations: CustomResourceClient<BackupStorageLocation>,
  namespace: string,
  name: string,
  prefix: string,
): Promise<void> {
  const info = loadEnvironmentInfo();
  await kube.core.createNamespacedSecret({
    namespace,
    body: { metadata: { name: 'cloud' }, stringData: { cloud: awsCredentialsFile(info.s3) } },
  });
  await locations.create({
    apiVersion: 'velero.io/v1',
    kind: 'BackupStorageLocation',
    metadata: { name, namespace },
    spec: {
      provider: 'aws',
      objectStorage: { bucket: info.s3.bucket, prefix },
      config: { region: info.s3.region, s3Url: info.s3.endpoint, s3ForcePathStyle: 'true' },
      credential: { name: 'cloud', key: 'cloud' },
    },
  });
  await locations.patch(namespace, name, { status: { phase: 'Available' } });
}

/** A gzip'd JSON file of the bucket, parsed. */
export async function readGzipJson(store: ObjectStore, key: string): Promise<unknown> {
  const bytes = await store.getObject(key);
  if (!bytes) throw new Error(`no object at ${key}`);
  return JSON.parse(gunzipSync(bytes).toString('utf8')) as unknown;
}

/** A gzip'd text file of the bucket. */
export async function readGzipText(store: ObjectStore, key: string): Promise<string> {
  const bytes = await store.getObject(key);
  if (!bytes) throw new Error(`no object at ${key}`);
  return gunzipSync(bytes).toString('utf8');
}
