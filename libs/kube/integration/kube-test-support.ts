import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApiextensionsV1Api, KubeConfig, type V1CustomResourceDefinition } from '@kubernetes/client-node';
import {
  createKubeClient,
  isAlreadyExists,
  kubeClientFromConfig,
  toKubeError,
  type KubeClient,
  type ResourceDescriptor,
} from '../src/index';
import { eventually } from '@ferry/devenv/testing';

/**
 * The part of the environment info these tests need. Read from the file the integration setup
 * names in FERRY_DEVENV_INFO, not through `@ferry/devenv`: an adapter may not depend on a tool.
 */
function loadEnvironmentInfo(): { kubeconfigPath: string; kubeApiServerUrl: string } {
  const file = process.env['FERRY_DEVENV_INFO'];
  if (!file) throw new Error('FERRY_DEVENV_INFO is not set: run through jest -c jest.integration.config.js, which starts the environment');
  return JSON.parse(readFileSync(file, 'utf8')) as { kubeconfigPath: string; kubeApiServerUrl: string };
}

/** A client of the integration environment's API server (admin). */
export function environmentClient(): KubeClient {
  return createKubeClient({ kind: 'file', kubeconfigPath: loadEnvironmentInfo().kubeconfigPath });
}

/** A client whose API server address is `https://127.0.0.1:<port>` (a proxy), credentials and TLS name unchanged. */
export function clientThrough(port: number): KubeClient {
  const original = new KubeConfig();
  original.loadFromFile(loadEnvironmentInfo().kubeconfigPath);
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: original.clusters.map((cluster) => ({ ...cluster, server: `https://127.0.0.1:${port}` })),
    users: original.users,
    contexts: original.contexts,
    currentContext: original.currentContext,
  });
  return kubeClientFromConfig(config);
}

/** The API server's port from the environment's URL. */
export function apiServerPort(): number {
  return Number(new URL(loadEnvironmentInfo().kubeApiServerUrl).port);
}

/** Creates a uniquely named namespace for one spec file. */
export async function createTestNamespace(client: KubeClient, prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await client.core.createNamespace({ body: { metadata: { name } } });
  return name;
}

/** The test CRDs: `widgets` (status subresource) and `gadgets` (status written with the object, like velero.io kinds). */
export const testGroup = 'kube-it.ferry.dev';
export const widgets: ResourceDescriptor = {
  group: testGroup,
  version: 'v1',
  plural: 'widgets',
  scope: 'Namespaced',
  statusSubresource: true,
};
export const gadgets: ResourceDescriptor = {
  group: testGroup,
  version: 'v1',
  plural: 'gadgets',
  scope: 'Namespaced',
  statusSubresource: false,
};

/** A test object: `spec.size` must be an integer 1..10, `status.count` counts writes. */
export interface Counted {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string; uid?: string };
  spec?: { size?: number; label?: string };
  status?: { count?: number; writers?: string[] };
}

function testCrd(kind: string, plural: string, statusSubresource: boolean): V1CustomResourceDefinition {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${testGroup}` },
    spec: {
      group: testGroup,
      scope: 'Namespaced',
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: statusSubresource ? { status: {} } : undefined,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  required: ['size'],
                  properties: { size: { type: 'integer', minimum: 1, maximum: 10 }, label: { type: 'string', maxLength: 8 } },
                },
                status: {
                  type: 'object',
                  properties: { count: { type: 'integer' }, writers: { type: 'array', items: { type: 'string' } } },
                },
              },
            },
          },
        },
      ],
    },
  };
}

/** Installs the test CRDs (idempotent) and waits until they are served. */
export async function installTestCrds(client: KubeClient): Promise<void> {
  const api = client.config.makeApiClient(ApiextensionsV1Api);
  for (const body of [testCrd('Widget', 'widgets', true), testCrd('Gadget', 'gadgets', false)]) {
    await api.createCustomResourceDefinition({ body }).catch((error: unknown) => {
      if (!isAlreadyExists(toKubeError(error, 'create test CRD'))) throw error;
    });
  }
  for (const plural of ['widgets', 'gadgets']) {
    await eventually(async () => {
      const crd = await api.readCustomResourceDefinition({ name: `${plural}.${testGroup}` });
      return crd.status?.conditions?.some((condition) => condition.type === 'Established' && condition.status === 'True') ?? false;
    });
  }
  // Established can precede the discovery of the new group by a moment.
  await eventually(() => client.requester.request({ method: 'GET', path: `/apis/${testGroup}/v1/gadgets` }));
}
