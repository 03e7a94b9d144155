// Shared set-up of the policy service's integration tests: the environment's real API server and
// NATS, the service started in-process on port 0 with an isolated copy of the contracts, and
// helpers that create objects for real and wait for the simulator to bind claims.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { backupDefinition } from '@ferry/api';
import { createFerryContracts, type FerryContracts } from '@ferry/contracts';
import { adminHeaders, loadEnvironmentInfo, testApiAccess } from '@ferry/devenv/testing';
import { builtinResources, createKubeClient, resourcePath, type KubeClient, type ResourceDescriptor } from '@ferry/kube';
import { silentLogger } from '@ferry/logger';
import { connectNats, type NatsClient } from '@ferry/nats';
import { defaultPolicyServiceSettings, startPolicyService, type PolicyService, type PolicyServiceSettings } from '../src/index';

/** A running service and what the test needs around it; `dispose` stops it and deletes what was created. */
export interface PolicyTestHarness {
  readonly kube: KubeClient;
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly service: PolicyService;
  /** Ferry's namespace for this test file: Backups and policy ConfigMaps live here. */
  readonly ferryNamespace: string;
  /** Creates a uniquely named namespace (deleted by `dispose`). */
  createNamespace(prefix: string): Promise<string>;
  /** Creates built objects (kind picks the resource), in order. */
  create(...objects: readonly KindedObject[]): Promise<void>;
  /** Waits until every claim of `namespace` except `except` is Bound. */
  waitForBound(namespace: string, except?: readonly string[]): Promise<void>;
  /** Starts another service on the same cluster with other settings (stopped by `dispose`). */
  startService(settings: Partial<PolicyServiceSettings>): Promise<{ service: PolicyService; contracts: FerryContracts }>;
  dispose(): Promise<void>;
}

/** A built object: `kind` and `metadata` decide where it is created. */
export interface KindedObject {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
}

const resourceOfKind: Readonly<Record<string, ResourceDescriptor>> = {
  Namespace: builtinResources.namespaces,
  PersistentVolume: builtinResources.persistentVolumes,
  PersistentVolumeClaim: builtinResources.persistentVolumeClaims,
  Pod: builtinResources.pods,
  ConfigMap: builtinResources.configMaps,
  Backup: backupDefinition,
};

/** A unique lower-case suffix. */
export const uniqueSuffix = (): string => randomBytes(3).toString('hex');

/** Connects to the environment and starts the service for one test file. */
export async function startPolicyHarness(): Promise<PolicyTestHarness> {
  const info = loadEnvironmentInfo();
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  const nats = await connectNats({
    name: 'policy-integration-test',
    servers: info.natsUrl,
    credentials: info.natsTestCredentials,
    logger: silentLogger(),
  });
  const namespaces: string[] = [];
  const clusterObjects: KindedObject[] = [];
  const services: PolicyService[] = [];

  const createNamespace = async (prefix: string): Promise<string> => {
    const name = `${prefix}-${uniqueSuffix()}`;
    await kube.core.createNamespace({ body: { metadata: { name } } });
    namespaces.push(name);
    return name;
  };
  const ferryNamespace = await createNamespace('pol-ferry');
  const startService = async (settings: Partial<PolicyServiceSettings>) => {
    const contracts = createFerryContracts({ namespace: `t${randomBytes(5).toString('hex')}` });
    const service = await startPolicyService({
      kube,
      nats,
      contracts,
      logger: silentLogger(),
      config: { namespace: ferryNamespace, httpHost: '127.0.0.1', httpPort: 0 },
      settings: { ...defaultPolicyServiceSettings, ...settings },
      apiAccess: testApiAccess(kube),
    });
    services.push(service);
    return { service, contracts };
  };
  const { service, contracts } = await startService({});

  return {
    kube,
    nats,
    contracts,
    service,
    ferryNamespace,
    createNamespace,
    startService,
    async create(...objects) {
      for (const object of objects) {
        const resource = resourceOfKind[object.kind];
        if (!resource) throw new Error(`the harness cannot create kind ${object.kind}`);
        await kube.requester.request({ method: 'POST', path: resourcePath(resource, object.metadata.namespace), body: object });
        if (resource.scope === 'Cluster') clusterObjects.push(object);
      }
    },
    async waitForBound(namespace, except = []) {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const claims = await kube.core.listNamespacedPersistentVolumeClaim({ namespace });
        const waiting = claims.items.filter((c) => !except.includes(c.metadata?.name ?? '') && c.status?.phase !== 'Bound');
        if (waiting.length === 0) return;
        if (Date.now() > deadline)
          throw new Error(`claims still not Bound in ${namespace}: ${waiting.map((c) => c.metadata?.name).join(', ')}`);
        await sleep(150);
      }
    },
    async dispose() {
      await Promise.all(services.map((s) => s.stop()));
      await nats.close();
      for (const name of namespaces) await kube.core.deleteNamespace({ name }).catch(() => undefined);
      for (const object of clusterObjects) {
        const resource = resourceOfKind[object.kind];
        if (resource)
          await kube.requester
            .request({ method: 'DELETE', path: resourcePath(resource, undefined, object.metadata.name) })
            .catch(() => undefined);
      }
    },
  };
}

/** POSTs JSON to the service as the environment's admin and returns the status and parsed body. */
export async function postJson(baseUrl: string, path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await adminHeaders()) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
