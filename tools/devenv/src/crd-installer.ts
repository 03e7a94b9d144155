import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { V1CustomResourceDefinition } from '@kubernetes/client-node';
import type { ApiRequester } from '@ferry/kube';
import { parseAllDocuments } from 'yaml';
import { DevEnvError, DevEnvErrorCode } from './errors';

/** Ferry's generated CRDs and, in subfolders, the local-only ones (snapshot.storage.k8s.io). */
export const crdDirectory = resolve(__dirname, '../../../deploy/crds');

/** Reads every CustomResourceDefinition under `dir` (recursively; kustomization files skipped). */
export async function readCrds(dir: string = crdDirectory): Promise<V1CustomResourceDefinition[]> {
  const crds: V1CustomResourceDefinition[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.yaml') || entry.name === 'kustomization.yaml') continue;
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
    for (const doc of parseAllDocuments(text)) {
      const object = doc.toJS() as V1CustomResourceDefinition | null;
      if (object?.kind === 'CustomResourceDefinition') crds.push(object);
    }
  }
  return crds;
}

const crdCollection = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

/**
 * Creates the CRDs and waits until the API server serves every one of them (Established). Sent as
 * raw JSON: client-node's typed serializer drops schema keys it renames (`enum`, `default`,
 * `x-kubernetes-*`) from plain objects.
 */
export async function installCrds(api: ApiRequester, crds: readonly V1CustomResourceDefinition[], timeoutMs = 30_000): Promise<void> {
  await Promise.all(crds.map((body) => api.request({ method: 'POST', path: crdCollection, body })));
  const deadline = Date.now() + timeoutMs;
  for (const crd of crds) {
    const name = crd.metadata?.name ?? '';
    for (;;) {
      const current = await api.request<V1CustomResourceDefinition>({ method: 'GET', path: `${crdCollection}/${name}` });
      if (current.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) break;
      if (Date.now() > deadline) {
        throw new DevEnvError(DevEnvErrorCode.NotReady, `CRD ${name} was not Established within ${timeoutMs} ms`, true);
      }
      await sleep(100);
    }
  }
}
