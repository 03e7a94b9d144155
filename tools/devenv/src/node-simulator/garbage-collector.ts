import type { KubernetesObject } from '@kubernetes/client-node';
import {
  builtinResources,
  isNotFound,
  resourcePath,
  type ResourceDescriptor,
  type ResourceInformer,
  objectKey,
  splitObjectKey,
  type Controller,
} from '@ferry/kube';
import { OwnerResolver } from './owner-resolver';
import { type SimulatorContext, type SimulatorController, createSimulatorController } from './simulator-context';
import { snapshotResources } from './snapshot-types';

const mergePatchType = 'application/merge-patch+json';

/** A kind whose objects the collector deletes when their owners are gone. */
interface DependentKind {
  readonly resource: ResourceDescriptor;
  readonly informer: ResourceInformer<KubernetesObject>;
}

/** An owner being deleted with a finalizer the collector must clear once its dependents are handled. */
interface PendingOwner {
  readonly path: string;
  readonly finalizer: 'foregroundDeletion' | 'orphan';
}

function dependentKindsOf(context: SimulatorContext): DependentKind[] {
  const { informers } = context;
  return [
    { resource: builtinResources.pods, informer: informers.pods },
    { resource: builtinResources.persistentVolumeClaims, informer: informers.persistentVolumeClaims },
    { resource: builtinResources.configMaps, informer: informers.configMaps },
    { resource: builtinResources.secrets, informer: informers.secrets },
    { resource: snapshotResources.volumeSnapshots, informer: informers.volumeSnapshots as ResourceInformer<KubernetesObject> },
    {
      resource: snapshotResources.volumeSnapshotContents,
      informer: informers.volumeSnapshotContents as ResourceInformer<KubernetesObject>,
    },
  ];
}

const dependentKey = (kind: DependentKind, object: KubernetesObject) => `dependent|${kind.resource.plural}|${objectKey(object)}`;

/** The collector; the owners whose deletion it must finish are its state. */
class GarbageCollector implements SimulatorController {
  readonly name = 'garbage-collector';
  private readonly context: SimulatorContext;
  private readonly kinds: DependentKind[];
  private readonly resolver: OwnerResolver;
  private readonly pendingOwners = new Map<string, PendingOwner>();
  private readonly controller: Controller;

  constructor(context: SimulatorContext) {
    this.context = context;
    this.kinds = dependentKindsOf(context);
    this.resolver = new OwnerResolver(context.client);
    this.controller = createSimulatorController(context, {
      name: 'garbage-collector',
      reconcile: (key) => this.reconcile(key),
      resyncIntervalMs: 3_000,
      resyncKeys: () => this.resyncKeys(),
    });
  }

  start(): void {
    this.controller.start();
    for (const kind of this.kinds) {
      kind.informer.on('add', (object) => {
        if (object.metadata?.ownerReferences?.length) this.controller.enqueue(dependentKey(kind, object));
      });
      kind.informer.on('update', (object) => this.trackIfFinalizing(kind, object));
      kind.informer.on('delete', (object) => {
        const uid = object.metadata?.uid;
        if (!uid) return;
        for (const dependent of this.dependentsOf(uid)) this.controller.enqueue(dependentKey(dependent.kind, dependent.object));
      });
    }
  }

  async stop(): Promise<void> {
    await this.controller.stop();
  }

  private dependentsOf(uid: string) {
    return this.kinds.flatMap((kind) =>
      kind.informer
        .list()
        .filter((object) => object.metadata?.ownerReferences?.some((ref) => ref.uid === uid))
        .map((object) => ({ kind, object })),
    );
  }

  private trackIfFinalizing(kind: DependentKind, object: KubernetesObject): void {
    const { uid, deletionTimestamp, finalizers = [], namespace, name = '' } = object.metadata ?? {};
    if (!uid || !deletionTimestamp) return;
    const finalizer = finalizers.includes('foregroundDeletion')
      ? 'foregroundDeletion'
      : finalizers.includes('orphan')
        ? 'orphan'
        : undefined;
    if (finalizer && !this.pendingOwners.has(uid))
      this.pendingOwners.set(uid, { path: resourcePath(kind.resource, namespace, name), finalizer });
  }

  private async reconcileDependent(kind: DependentKind, namespace: string | undefined, name: string): Promise<void> {
    const object = kind.informer.get(namespace, name);
    const refs = object?.metadata?.ownerReferences ?? [];
    if (!object || refs.length === 0 || object.metadata?.deletionTimestamp) return;
    const owners = [];
    for (const ref of refs) owners.push({ ref, owner: await this.resolver.resolve(ref, namespace) });
    for (const { ref, owner } of owners) {
      if (owner.path && (owner.state === 'deleting-foreground' || owner.state === 'orphaning')) {
        this.pendingOwners.set(ref.uid, { path: owner.path, finalizer: owner.state === 'orphaning' ? 'orphan' : 'foregroundDeletion' });
      }
    }
    const path = resourcePath(kind.resource, namespace, name);
    const orphaned = owners.filter(({ owner }) => owner.state === 'orphaning').map(({ ref }) => ref.uid);
    if (orphaned.length) {
      const ownerReferences = refs.filter((ref) => !orphaned.includes(ref.uid));
      const body = { metadata: { ownerReferences, resourceVersion: object.metadata?.resourceVersion } };
      await this.context.client.requester.request({ method: 'PATCH', path, body, contentType: mergePatchType });
      return;
    }
    if (owners.some(({ owner }) => owner.state === 'present')) return;
    await this.collect(kind, object, path);
  }

  /** Deletes a dependent whose owners are all gone (in the background, only that very object). */
  private async collect(kind: DependentKind, object: KubernetesObject, path: string): Promise<void> {
    const refs = object.metadata?.ownerReferences ?? [];
    try {
      await this.context.client.requester.request({
        method: 'DELETE',
        path,
        body: { propagationPolicy: 'Background', preconditions: { uid: object.metadata?.uid } },
      });
      this.context.logger.info(
        { object: `${kind.resource.plural} ${objectKey(object)}`, owners: refs.map((ref) => `${ref.kind}/${ref.name}`) },
        'garbage-collected: owners gone',
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  private async finishOwner(uid: string): Promise<void> {
    const pending = this.pendingOwners.get(uid);
    if (!pending) return;
    const remaining = this.dependentsOf(uid);
    if (remaining.length) {
      for (const { kind, object } of remaining) this.controller.enqueue(dependentKey(kind, object));
      return;
    }
    const request = this.context.client.requester;
    try {
      const owner = await request.request<KubernetesObject>({ method: 'GET', path: pending.path });
      const finalizers = owner.metadata?.finalizers ?? [];
      if (owner.metadata?.uid === uid && finalizers.includes(pending.finalizer)) {
        const body = {
          metadata: { finalizers: finalizers.filter((f) => f !== pending.finalizer), resourceVersion: owner.metadata.resourceVersion },
        };
        await request.request({ method: 'PATCH', path: pending.path, body, contentType: mergePatchType });
      }
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    this.pendingOwners.delete(uid);
  }

  private async reconcile(key: string): Promise<void> {
    const [type, plural, dependent = ''] = key.split('|');
    if (type === 'owner') return this.finishOwner(plural ?? '');
    const kind = this.kinds.find((candidate) => candidate.resource.plural === plural);
    const { namespace, name } = splitObjectKey(dependent);
    if (kind) await this.reconcileDependent(kind, namespace, name);
  }

  /** Every dependent with owner references and every owner waiting for its dependents (tracking finalizing owners on the way). */
  private resyncKeys(): string[] {
    const keys: string[] = [];
    for (const kind of this.kinds) {
      for (const object of kind.informer.list()) {
        this.trackIfFinalizing(kind, object);
        if (object.metadata?.ownerReferences?.length) keys.push(dependentKey(kind, object));
      }
    }
    return [...keys, ...[...this.pendingOwners.keys()].map((uid) => `owner|${uid}`)];
  }
}

/**
 * Plays the garbage collector for the kinds Ferry creates (pods, PVCs, ConfigMaps, Secrets,
 * VolumeSnapshots, VolumeSnapshotContents): a dependent none of whose owners is alive any more
 * (gone, replaced by an object with another UID, or being deleted in the foreground) is deleted
 * in the background. Owners of any kind are read through discovery. Foreground deletions are
 * finished (finalizer `foregroundDeletion` removed) once no dependent is left; `orphan` deletions
 * strip the owner reference from dependents first.
 */
export function createGarbageCollector(context: SimulatorContext): SimulatorController {
  return new GarbageCollector(context);
}
