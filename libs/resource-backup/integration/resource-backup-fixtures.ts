// The test application of the resource-backup integration spec, created for real: a Deployment,
// a Service, ConfigMaps, a Secret, a CRD (unique group per run) with namespaced and cluster CRs,
// a bound PVC and a pod using it; plus helpers to read a tarball back.
import { gunzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import type { KubeClient } from '@ferry/kube';
import { aClaim, createClaim, eventually, podWithClaim, runPod } from '@ferry/devenv/testing';

/** A tarball entry: its mode and text. */
export interface TarEntry {
  readonly mode: number;
  readonly text: string;
}

/** Gunzips and untars `bytes`. */
export async function readTarball(bytes: Uint8Array): Promise<Map<string, TarEntry>> {
  const entries = new Map<string, TarEntry>();
  const reader = extract();
  Readable.from([gunzipSync(bytes)]).pipe(reader);
  for await (const entry of reader) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    entries.set(entry.header.name, { mode: entry.header.mode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
  }
  return entries;
}

/**
 * Legacy item paths of a tarball as `gr ns/name` or `gr name`, sorted; Events left out (the node
 * simulator writes them as it pleases).
 */
export function itemsOf(entries: ReadonlyMap<string, TarEntry>): string[] {
  return [...entries.keys()]
    .filter((name) => name.startsWith('resources/') && !name.includes('-preferredversion/') && !name.startsWith('resources/events/'))
    .map((name) => {
      const [, gr, , ...rest] = name.split('/');
      const path = rest.join('/').replace(/\.json$/, '');
      return `${gr} ${path}`;
    })
    .sort();
}

/** The application's names. */
export interface TestApplication {
  readonly namespace: string;
  readonly group: string;
  readonly volumeName: string;
}

async function createCrd(kube: KubeClient, group: string, plural: string, kind: string, scope: 'Namespaced' | 'Cluster'): Promise<void> {
  await kube.requester.request({
    method: 'POST',
    path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    body: {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${plural}.${group}` },
      spec: {
        group,
        scope,
        names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List` },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    },
  });
}

/** Creates the application in `namespace`; resolves once the CRs exist and the pod runs. */
export async function createTestApplication(kube: KubeClient, namespace: string, group: string): Promise<TestApplication> {
  const web = { app: 'web' };
  await kube.apps.createNamespacedDeployment({
    namespace,
    body: {
      metadata: { name: 'web', labels: web },
      spec: {
        selector: { matchLabels: web },
        template: { metadata: { labels: web }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
      },
    },
  });
  await kube.core.createNamespacedService({
    namespace,
    body: { metadata: { name: 'web', labels: web }, spec: { selector: web, ports: [{ port: 80 }] } },
  });
  await kube.core.createNamespacedConfigMap({
    namespace,
    body: { metadata: { name: 'config-a', labels: web }, data: { 'a.txt': 'x<y & z' } },
  });
  await kube.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'config-b' }, data: { b: '2' } } });
  await kube.core.createNamespacedConfigMap({
    namespace,
    body: { metadata: { name: 'config-skip', labels: { 'velero.io/exclude-from-backup': 'true' } }, data: {} },
  });
  await kube.core.createNamespacedSecret({
    namespace,
    body: { metadata: { name: 'secret-a', labels: { tier: 'db' } }, stringData: { password: 'p' } },
  });
  await createCrd(kube, group, 'widgets', 'Widget', 'Namespaced');
  await createCrd(kube, group, 'gadgets', 'Gadget', 'Cluster');
  await eventually(async () => {
    const list = await kube.requester.request<{ resources: { name: string }[] }>({ method: 'GET', path: `/apis/${group}/v1` });
    return list.resources.some((resource) => resource.name === 'gadgets') && list.resources.some((resource) => resource.name === 'widgets');
  });
  for (const name of ['w1', 'w2']) {
    await kube.requester.request({
      method: 'POST',
      path: `/apis/${group}/v1/namespaces/${namespace}/widgets`,
      body: { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name }, spec: { size: 1 } },
    });
  }
  for (const name of ['g1', 'g2']) {
    await kube.requester.request({
      method: 'POST',
      path: `/apis/${group}/v1/gadgets`,
      body: { apiVersion: `${group}/v1`, kind: 'Gadget', metadata: { name } },
    });
  }
  await createClaim(kube, aClaim(namespace, 'data'));
  const pod = podWithClaim(namespace, 'user', 'data');
  // A pre-backup hook Ferry cannot run: the backup must warn about it.
  pod.metadata = { ...pod.metadata, annotations: { 'pre.hook.backup.velero.io/command': '["/bin/sync"]' } };
  await runPod(kube, pod);
  const volumeName = await eventually(async () => {
    const claim = await kube.core.readNamespacedPersistentVolumeClaim({ namespace, name: 'data' });
    if (claim.status?.phase !== 'Bound' || !claim.spec?.volumeName) throw new Error('claim not bound yet');
    return claim.spec.volumeName;
  });
  return { namespace, group, volumeName };
}

/** Deletes the application's cluster-scoped objects (the namespace is deleted by the caller). */
export async function deleteClusterObjects(kube: KubeClient, group: string): Promise<void> {
  for (const plural of ['widgets', 'gadgets']) {
    await kube.requester
      .request({ method: 'DELETE', path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${plural}.${group}` })
      .catch(() => undefined);
  }
}
