import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import type { ConflictRetryOptions } from './conflict-retry';
import { toKubeError } from './error-mapper';
import { isNotFound, KubeError, KubeErrorCode } from './errors';
import type { KubeClient } from './kube-client';
import { describeObject, isNamespaced, type ResourceDescriptor } from './resource-descriptor';
import {
  patchStatusWithRetry,
  updateStatusWithRetry,
  type StatusMutation,
  type StatusPatchFunction,
  type StatusWriteTarget,
  type WithStatus,
} from './status-writer';

/** Options of a delete. */
export interface DeleteOptions {
  readonly propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  readonly gracePeriodSeconds?: number;
  /** Resolve instead of throwing NotFound when the object is already gone. */
  readonly ignoreNotFound?: boolean;
}

/** Selectors of a list. */
export interface ListOptions {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

/**
 * Typed CRUD and status writes for one custom resource. `namespace` is ignored for cluster-scoped
 * resources. Every method rejects with a `KubeError` naming the object.
 */
export interface CustomResourceClient<T extends WithStatus<S>, S = NonNullable<T['status']>> {
  readonly resource: ResourceDescriptor;
  /** Rejects with `KUBE_NOT_FOUND` when absent. */
  get(namespace: string | undefined, name: string): Promise<T>;
  /** The object, or undefined when absent. */
  find(namespace: string | undefined, name: string): Promise<T | undefined>;
  list(namespace?: string, options?: ListOptions): Promise<T[]>;
  /** Creates `object` in `object.metadata.namespace`; `KUBE_ALREADY_EXISTS` if the name is taken. */
  create(object: T): Promise<T>;
  /** PUT of the whole object; carries its resourceVersion, so a stale one fails with `KUBE_CONFLICT`. */
  replace(object: T): Promise<T>;
  /** JSON merge patch of the object (status changes only reach the object without a status subresource). */
  patch(namespace: string | undefined, name: string, patch: object): Promise<T>;
  delete(namespace: string | undefined, name: string, options?: DeleteOptions): Promise<void>;
  /**
   * Writes a whole new status computed by `mutate` from the current object, with conflict retry.
   * Uses `/status` when `resource.statusSubresource`, else a PUT of the whole object.
   */
  updateStatus(namespace: string | undefined, name: string, mutate: StatusMutation<T, S>, options?: ConflictRetryOptions): Promise<T>;
  /** Merge-patches the status computed by `computePatch`, with a resourceVersion precondition and conflict retry. */
  patchStatus(
    namespace: string | undefined,
    name: string,
    computePatch: StatusPatchFunction<T, S>,
    options?: ConflictRetryOptions,
  ): Promise<T>;
}

const mergePatchOptions = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** What every call of one resource's client shares. */
interface ResourceContext {
  readonly api: KubeClient['customObjects'];
  readonly resource: ResourceDescriptor;
  readonly base: { readonly group: string; readonly version: string; readonly plural: string };
}

/** Runs one request for `name`, resolving the scope (namespace only for namespaced resources) and mapping errors. */
async function call<R>(
  ctx: ResourceContext,
  verb: string,
  namespace: string | undefined,
  name: string,
  run: (ns: string | undefined) => Promise<R>,
): Promise<R> {
  const ns = isNamespaced(ctx.resource) ? namespace : undefined;
  if (isNamespaced(ctx.resource) && !ns) {
    throw new KubeError(KubeErrorCode.BadRequest, `${verb} ${describeObject(ctx.resource, undefined, name)}: a namespace is required`);
  }
  try {
    return await run(ns);
  } catch (error) {
    throw toKubeError(error, `${verb} ${describeObject(ctx.resource, ns, name)}`);
  }
}

function getObject<T>(ctx: ResourceContext, namespace: string | undefined, name: string): Promise<T> {
  const { api, base } = ctx;
  return call<T>(ctx, 'get', namespace, name, (ns) =>
    ns ? api.getNamespacedCustomObject({ ...base, namespace: ns, name }) : api.getClusterCustomObject({ ...base, name }),
  );
}

async function listObjects<T>(ctx: ResourceContext, namespace: string | undefined, options: ListOptions): Promise<T[]> {
  const { api, base, resource } = ctx;
  const scope = isNamespaced(resource) ? namespace : undefined;
  try {
    const result = (await (scope
      ? api.listNamespacedCustomObject({ ...base, namespace: scope, ...options })
      : isNamespaced(resource)
        ? api.listCustomObjectForAllNamespaces({ group: base.group, version: base.version, resourcePlural: base.plural, ...options })
        : api.listClusterCustomObject({ ...base, ...options }))) as { items?: T[] };
    return result.items ?? [];
  } catch (error) {
    throw toKubeError(error, `list ${describeObject(resource, scope, '*')}`);
  }
}

function createObject<T extends WithStatus<unknown>>(ctx: ResourceContext, object: T): Promise<T> {
  const { api, base } = ctx;
  return call<T>(ctx, 'create', object.metadata?.namespace, object.metadata?.name ?? '(generated name)', (ns) =>
    ns
      ? api.createNamespacedCustomObject({ ...base, namespace: ns, body: object })
      : api.createClusterCustomObject({ ...base, body: object }),
  );
}

function replaceObject<T extends WithStatus<unknown>>(ctx: ResourceContext, object: T): Promise<T> {
  const { api, base } = ctx;
  return call<T>(ctx, 'replace', object.metadata?.namespace, object.metadata?.name ?? '', (ns) => {
    const name = object.metadata?.name ?? '';
    return ns
      ? api.replaceNamespacedCustomObject({ ...base, namespace: ns, name, body: object })
      : api.replaceClusterCustomObject({ ...base, name, body: object });
  });
}

function patchObject<T>(ctx: ResourceContext, namespace: string | undefined, name: string, body: object): Promise<T> {
  const { api, base } = ctx;
  return call<T>(ctx, 'patch', namespace, name, (ns) =>
    ns
      ? api.patchNamespacedCustomObject({ ...base, namespace: ns, name, body }, mergePatchOptions)
      : api.patchClusterCustomObject({ ...base, name, body }, mergePatchOptions),
  );
}

async function deleteObject(ctx: ResourceContext, namespace: string | undefined, name: string, options: DeleteOptions): Promise<void> {
  const { api, base } = ctx;
  const { ignoreNotFound, ...deleteOptions } = options;
  try {
    await call(ctx, 'delete', namespace, name, (ns) =>
      ns
        ? api.deleteNamespacedCustomObject({ ...base, namespace: ns, name, ...deleteOptions })
        : api.deleteClusterCustomObject({ ...base, name, ...deleteOptions }),
    );
  } catch (error) {
    if (!(ignoreNotFound && isNotFound(error))) throw error;
  }
}

/** Where status writes go: `/status` when the resource has that subresource, else the whole object through `self`. */
function statusTarget<T extends WithStatus<S>, S>(
  ctx: ResourceContext,
  self: CustomResourceClient<T, S>,
  namespace: string | undefined,
  name: string,
): StatusWriteTarget<T> {
  const { api, base, resource } = ctx;
  return {
    read: () => self.get(namespace, name),
    replace: (object) =>
      resource.statusSubresource
        ? call<T>(ctx, 'replace status of', namespace, name, (ns) =>
            ns
              ? api.replaceNamespacedCustomObjectStatus({ ...base, namespace: ns, name, body: object })
              : api.replaceClusterCustomObjectStatus({ ...base, name, body: object }),
          )
        : self.replace(object),
    mergePatch: (body) =>
      resource.statusSubresource
        ? call<T>(ctx, 'patch status of', namespace, name, (ns) =>
            ns
              ? api.patchNamespacedCustomObjectStatus({ ...base, namespace: ns, name, body }, mergePatchOptions)
              : api.patchClusterCustomObjectStatus({ ...base, name, body }, mergePatchOptions),
          )
        : self.patch(namespace, name, body),
  };
}

/** Builds a `CustomResourceClient` over `client.customObjects` for `resource` (a non-core group). */
export function createCustomResourceClient<T extends WithStatus<S>, S = NonNullable<T['status']>>(
  client: KubeClient,
  resource: ResourceDescriptor,
): CustomResourceClient<T, S> {
  if (!resource.group) {
    throw new KubeError(
      KubeErrorCode.BadRequest,
      `${resource.plural} is a core kind: use the typed core client, not the custom-object client`,
    );
  }
  const ctx: ResourceContext = {
    api: client.customObjects,
    resource,
    base: { group: resource.group, version: resource.version, plural: resource.plural },
  };
  const self: CustomResourceClient<T, S> = {
    resource,
    get: (namespace, name) => getObject<T>(ctx, namespace, name),
    async find(namespace, name) {
      try {
        return await self.get(namespace, name);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    list: (namespace, options = {}) => listObjects<T>(ctx, namespace, options),
    create: (object) => createObject(ctx, object),
    replace: (object) => replaceObject(ctx, object),
    patch: (namespace, name, body) => patchObject<T>(ctx, namespace, name, body),
    delete: (namespace, name, options = {}) => deleteObject(ctx, namespace, name, options),
    updateStatus: (namespace, name, mutate, options) => updateStatusWithRetry(statusTarget(ctx, self, namespace, name), mutate, options),
    patchStatus: (namespace, name, computePatch, options) =>
      patchStatusWithRetry(statusTarget(ctx, self, namespace, name), computePatch, options),
  };
  return self;
}
