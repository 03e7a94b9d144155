import type { V1APIGroupList, V1APIResourceList, V1Namespace } from '@kubernetes/client-node';
import { hasKubeErrorCode, isNotFound, KubeErrorCode, toKubeError, type ApiRequester, objectKey } from '@ferry/kube';
import { type SimulatorContext, type SimulatorController, createSimulatorController } from './simulator-context';

const retryMs = 1_000;

/** A namespaced collection that can be listed and deleted. */
interface Collection {
  readonly path: (namespace: string) => string;
  readonly deletable: boolean;
}

/** Every namespaced, listable resource the server serves (preferred versions), from discovery. */
async function namespacedCollections(requester: ApiRequester): Promise<Collection[]> {
  const groupVersions = ['/api/v1'];
  const groups = await requester.request<V1APIGroupList>({ method: 'GET', path: '/apis' });
  for (const group of groups.groups) if (group.preferredVersion) groupVersions.push(`/apis/${group.preferredVersion.groupVersion}`);
  const collections: Collection[] = [];
  for (const base of groupVersions) {
    const list = await requester.request<V1APIResourceList>({ method: 'GET', path: base }).catch(() => undefined);
    for (const resource of list?.resources ?? []) {
      if (!resource.namespaced || resource.name.includes('/') || !resource.verbs.includes('list')) continue;
      collections.push({
        path: (namespace) => `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.name}`,
        deletable: resource.verbs.includes('deletecollection'),
      });
    }
  }
  return collections;
}

/**
 * Plays the namespace controller, which a bare API server lacks (deleted namespaces would stay
 * Terminating forever): deletes every namespaced object of a terminating namespace through
 * discovery, lets the other controllers finish their finalizers (pods are force-deleted by the
 * kubelet, claims released...), then removes the `kubernetes` finalizer so the namespace goes.
 */
export function createNamespaceFinalizer(context: SimulatorContext): SimulatorController {
  const { namespaces } = context.informers;
  const requester = context.client.requester;
  const controller = createSimulatorController(context, {
    name: 'namespace-finalizer',
    reconcile: (key) => reconcile(key),
    concurrency: 2,
  });

  const isTerminating = (namespace: V1Namespace) =>
    Boolean(namespace.metadata?.deletionTimestamp) && (namespace.spec?.finalizers ?? []).includes('kubernetes');

  /**
   * The namespace as the API server has it now. The cache may still show a namespace this loop
   * finalized a moment ago while a new one of the same name (a restore re-creating it) already
   * exists: emptying by name must only ever run on the terminating one. Only this loop finalizes
   * namespaces, so one that is terminating here stays so for the whole pass.
   */
  const liveNamespace = async (name: string): Promise<V1Namespace | undefined> => {
    try {
      return await context.client.core.readNamespace({ name });
    } catch (error) {
      const failure = toKubeError(error, `read namespace ${name}`);
      if (isNotFound(failure)) return undefined;
      throw failure;
    }
  };

  const reconcile = async (name: string) => {
    const cached = namespaces.get(undefined, name);
    if (!cached || !isTerminating(cached)) return;
    const namespace = await liveNamespace(name);
    if (!namespace || !isTerminating(namespace)) return;
    const collections = await namespacedCollections(requester);
    let remaining = 0;
    for (const collection of collections) {
      const path = collection.path(name);
      try {
        if (collection.deletable) await requester.request({ method: 'DELETE', path, body: { propagationPolicy: 'Background' } });
        const list = await requester.request<{ items?: unknown[] }>({ method: 'GET', path, query: { limit: 1 } });
        remaining += list.items?.length ?? 0;
      } catch (error) {
        // Some kinds refuse listing or collection deletes (405) or vanished meanwhile (404).
        if (!hasKubeErrorCode(error, KubeErrorCode.NotFound) && !hasKubeErrorCode(error, KubeErrorCode.Unknown)) throw error;
      }
    }
    if (remaining > 0) {
      controller.enqueueAfter(name, retryMs);
      return;
    }
    const body = { ...namespace, spec: { finalizers: (namespace.spec?.finalizers ?? []).filter((f) => f !== 'kubernetes') } };
    try {
      await requester.request({ method: 'PUT', path: `/api/v1/namespaces/${encodeURIComponent(name)}/finalize`, body });
    } catch (error) {
      throw toKubeError(error, `finalize namespace ${name}`);
    }
    context.logger.info({ namespace: name }, 'namespace finalized');
  };

  return {
    name: 'namespace-finalizer',
    start() {
      controller.start();
      namespaces.on('add', (namespace) => void (isTerminating(namespace) && controller.enqueue(objectKey(namespace))));
      namespaces.on('update', (namespace) => void (isTerminating(namespace) && controller.enqueue(objectKey(namespace))));
    },
    stop: () => controller.stop(),
  };
}
