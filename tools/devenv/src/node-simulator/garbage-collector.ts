import type { KubernetesObject } from '@kubernetes/client-node';
import {
  builtinResources,
  isNotFound,
  resourcePath,
  type ResourceDescriptor,
  type ResourceInformer,
  objectKey,
  splitObjectKey,
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

/**
 * Plays the garbage collector for the kinds Ferry creates (pods, PVCs, ConfigMaps, Secrets,
 * VolumeSnapshots, VolumeSnapshotContents): a dependent none of whose owners is alive any more
 * (gone, replaced by an object with another UID, or being deleted in the foreground) is deleted
 * in the background. Owners of any kind are read through discovery. Foreground deletions are
 * finished (finalizer `foregroundDeletion` removed) once no dependent is left; `orphan` deletions
 * strip the owner reference from dependents first.
 */
export function createGarbageCollector(context: SimulatorContext): SimulatorController {
  const { informers } = context;
  const kinds: DependentKind[] = [
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
  const resolver = new OwnerResolver(context.client);
  const pendingOwners = new Map<string, PendingOwner>();
  const controller = createSimulatorController(context, {
    name: 'garbage-collector',
    reconcile: (key) => reconcile(key),
    resyncIntervalMs: 3_000,
    resyncKeys: () => resyncKeys(),
  });
  const request = context.client.requester;

  const dependentsOf = (uid: string) =>
    kinds.flatMap((kind) =>
      kind.informer
        .list()
        .filter((object) => object.metadata?.ownerReferences?.some((ref) => ref.uid === uid))
        .map((object) => ({ kind, object })),
    );
  const dependentKey = (kind: DependentKind, object: KubernetesObject) => `dependent|${kind.resource.plural}|${objectKey(object)}`;

  const trackIfFinalizing = (kind: DependentKind, object: KubernetesObject) => {
    const { uid, deletionTimestamp, finalizers = [], namespace, name = '' } = object.metadata ?? {};
    if (!uid || !deletionTimestamp) return;
    const finalizer = finalizers.includes('foregroundDeletion')
      ? 'foregroundDeletion'
      : finalizers.includes('orphan')
        ? 'orphan'
        : undefined;
    if (finalizer && !pendingOwners.has(uid)) pendingOwners.set(uid, { path: resourcePath(kind.resource, namespace, name), finalizer });
  };

  const reconcileDependent = async (kind: DependentKind, namespace: string | undefined, name: string) => {
    const object = kind.informer.get(namespace, name);
    const refs = object?.metadata?.ownerReferences ?? [];
    if (!object || refs.length === 0 || object.metadata?.deletionTimestamp) return;
    const owners = [];
    for (const ref of refs) owners.push({ ref, owner: await resolver.resolve(ref, namespace) });
    for (const { ref, owner } of owners) {
      if (owner.path && (owner.state === 'deleting-foreground' || owner.state === 'orphaning')) {
        pendingOwners.set(ref.uid, { path: owner.path, finalizer: owner.state === 'orphaning' ? 'orphan' : 'foregroundDeletion' });
      }
    }
    const path = resourcePath(kind.resource, namespace, name);
    const orphaned = owners.filter(({ owner }) => owner.state === 'orphaning').map(({ ref }) => ref.uid);
    if (orphaned.length) {
      const ownerReferences = refs.filter((ref) => !orphaned.includes(ref.uid));
      const body = { metadata: { ownerReferences, resourceVersion: object.metadata?.resourceVersion } };
      await request.request({ method: 'PATCH', path, body, contentType: mergePatchType });
      return;
    }
    if (owners.some(({ owner }) => owner.state === 'present')) return;
    try {
      await request.request({
        method: 'DELETE',
        path,
        body: { propagationPolicy: 'Background', preconditions: { uid: object.metadata?.uid } },
      });
      context.logger.info(
        { object: `${kind.resource.plural} ${objectKey(object)}`, owners: refs.map((ref) => `${ref.kind}/${ref.name}`) },
        'garbage-collected: owners gone',
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  };

  const finishOwner = async (uid: string) => {
    const pending = pendingOwners.get(uid);
    if (!pending) return;
    const remaining = dependentsOf(uid);
    if (remaining.length) {
      for (const { kind, object } of remaining) controller.enqueue(dependentKey(kind, object));
      return;
    }
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
    pendingOwners.delete(uid);
  };

  const reconcile = async (key: string) => {
    const [type, plural, objectKey = ''] = key.split('|');
    if (type === 'owner') return finishOwner(plural ?? '');
    const kind = kinds.find((candidate) => candidate.resource.plural === plural);
    const { namespace, name } = splitObjectKey(objectKey);
    if (kind) await reconcileDependent(kind, namespace, name);
  };

  /** Every dependent with owner references and every owner waiting for its dependents (tracking finalizing owners on the way). */
  function resyncKeys(): string[] {
    const keys: string[] = [];
    for (const kind of kinds) {
      for (const object of kind.informer.list()) {
        trackIfFinalizing(kind, object);
        if (object.metadata?.ownerReferences?.length) keys.push(dependentKey(kind, object));
      }
    }
    return [...keys, ...[...pendingOwners.keys()].map((uid) => `owner|${uid}`)];
  }

  return {
    name: 'garbage-collector',
    start() {
      controller.start();
      for (const kind of kinds) {
        kind.informer.on('add', (object) => {
          if (object.metadata?.ownerReferences?.length) controller.enqueue(dependentKey(kind, object));
        });
        kind.informer.on('update', (object) => trackIfFinalizing(kind, object));
        kind.informer.on('delete', (object) => {
          const uid = object.metadata?.uid;
          if (!uid) return;
          for (const dependent of dependentsOf(uid)) controller.enqueue(dependentKey(dependent.kind, dependent.object));
        });
      }
    },
    async stop() {
      await controller.stop();
    },
  };
}
