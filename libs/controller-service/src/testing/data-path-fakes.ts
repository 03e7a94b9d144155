// In-memory fakes of the reconcilers' collaborators for unit tests (no mock library): a store that
// applies changes as the API server applies the merge patch, a publisher and an Event recorder that
// record, a BSL list, a pod volume locator answering from a table, and builders of the resources.
import type { DataMoverClass } from '@ferry/api';
import type { MoveJobInput } from '@ferry/data-movement';
import type { EventRecorder, EventType, InformerEvent, InformerHandlers, KubeObject, ResourceInformer } from '@ferry/kube';
import type { DataDownloadResource, DataPathResource, DataUploadResource, PodVolumeBackupResource } from '../data-path-resources';
import { applyChange, describeRef, refOf, type ChangeDecision, type DataPathStore, type ResourceRef } from '../data-path-store';
import type { DataPathJobPublisher, ExposeJob, ExposeOperation } from '../job-publisher';
import type { PodVolumeLocator } from '../pod-volume-locator';
import type { RepositoryProvisioner } from '../repository-provisioner';
import type { MoveTarget } from '../resource-marks';
import { ControllerServiceError, ControllerServiceErrorCode } from '../errors';

/** A store over a map; `cached` and `read` see every write at once. Counts writes. */
export class InMemoryDataPathStore implements DataPathStore {
  private readonly objects = new Map<string, DataPathResource>();
  private version = 1;
  writes = 0;

  /** Adds or replaces an object (as a user or Velero would). */
  put(resource: DataPathResource): DataPathResource {
    const stored = { ...resource, metadata: { ...resource.metadata, resourceVersion: String(this.version++) } };
    this.objects.set(describeRef(refOf(stored)), stored);
    return stored;
  }

  /** Changes a copy of the stored object as a user would (e.g. sets `spec.cancel`) and stores it. */
  edit(ref: ResourceRef, edit: (copy: DataPathResource) => void): DataPathResource {
    const copy = structuredClone(this.get(ref));
    edit(copy);
    return this.put(copy);
  }

  /** The stored object; throws when absent (tests expect it to exist). */
  get(ref: ResourceRef): DataPathResource {
    const found = this.objects.get(describeRef(ref));
    if (!found) throw new Error(`${describeRef(ref)} is not in the store`);
    return found;
  }

  cached(ref: ResourceRef): DataPathResource | undefined {
    return this.objects.get(describeRef(ref));
  }

  list(kind: DataPathResource['kind']): DataPathResource[] {
    return [...this.objects.values()].filter((o) => o.kind === kind);
  }

  read(ref: ResourceRef): Promise<DataPathResource | undefined> {
    return Promise.resolve(this.cached(ref));
  }

  update(ref: ResourceRef, decide: ChangeDecision): Promise<DataPathResource | undefined> {
    const current = this.cached(ref);
    if (!current) return Promise.resolve(undefined);
    const change = decide(structuredClone(current));
    if (!change) return Promise.resolve(current);
    this.writes++;
    const next = this.put(applyChange(current, change));
    // The API server removes a deleted object once its last finalizer is gone.
    if (next.metadata?.deletionTimestamp && (next.metadata.finalizers ?? []).length === 0) this.objects.delete(describeRef(ref));
    return Promise.resolve(next);
  }
}

/** Records every job instead of publishing it. */
export class RecordingJobPublisher implements DataPathJobPublisher {
  readonly exposes: { job: ExposeJob; messageId: string }[] = [];
  readonly cleanUps: ExposeOperation[] = [];
  readonly completeRestores: ExposeOperation[] = [];
  readonly moves: { node: string; job: MoveJobInput }[] = [];
  readonly cancels: string[] = [];
  /** Makes the next publishes reject (a NATS outage). */
  failing = false;

  private check(): Promise<void> {
    return this.failing ? Promise.reject(new Error('publish failed: no responders')) : Promise.resolve();
  }
  async expose(job: ExposeJob, messageId: string) {
    await this.check();
    this.exposes.push({ job, messageId });
  }
  async cleanUp(operation: ExposeOperation) {
    await this.check();
    this.cleanUps.push(operation);
  }
  async completeRestore(operation: ExposeOperation) {
    await this.check();
    this.completeRestores.push(operation);
  }
  async move(node: string, job: MoveJobInput) {
    await this.check();
    this.moves.push({ node, job });
  }
  async cancelMove(jobId: string) {
    await this.check();
    this.cancels.push(jobId);
  }
}

/** Records Events as `type reason: message`. */
export class RecordingEventRecorder implements EventRecorder {
  readonly events: string[] = [];
  record(_object: KubeObject, type: EventType, reason: string, message: string): Promise<void> {
    this.events.push(`${type} ${reason}: ${message}`);
    return Promise.resolve();
  }
}

/** Knows the BSLs in `locations` (`namespace/name`); records the repositories ensured. */
export class FakeRepositoryProvisioner implements RepositoryProvisioner {
  readonly ensured: string[] = [];
  constructor(readonly locations: Set<string> = new Set(['velero/default'])) {}
  findStorageLocation(namespace: string, name: string) {
    return Promise.resolve(this.locations.has(`${namespace}/${name}`) ? { metadata: { name, namespace } } : undefined);
  }
  ensureRepository(namespace: string, bsl: string, volumeNamespace: string, uploader: string) {
    const name = `${volumeNamespace}-${bsl}-${uploader}`;
    this.ensured.push(`${namespace}/${name}`);
    return Promise.resolve(name);
  }
}

/** Answers from `pods` (`namespace/name/volume` → target, or 'not-ready'); anything else is not found. */
export class TableVolumeLocator implements PodVolumeLocator {
  readonly pods = new Map<string, MoveTarget | 'not-ready'>();
  locate(namespace: string, name: string, volume: string): Promise<MoveTarget> {
    const entry = this.pods.get(`${namespace}/${name}/${volume}`);
    if (entry === 'not-ready') {
      return Promise.reject(new ControllerServiceError(ControllerServiceErrorCode.PodNotReady, `pod ${namespace}/${name} is not running`));
    }
    if (!entry)
      return Promise.reject(new ControllerServiceError(ControllerServiceErrorCode.PodVolumeNotFound, `spec.pod: pod ${name} not found`));
    return Promise.resolve(entry);
  }
}

/** A New DataUpload in `velero` served by Ferry (datamover ""), with a valid spec. */
export function aNewDataUpload(name = 'du-1', spec: Partial<NonNullable<DataUploadResource['spec']>> = {}): DataUploadResource {
  return {
    apiVersion: 'velero.io/v2alpha1',
    kind: 'DataUpload',
    metadata: { name, namespace: 'velero', uid: `uid-${name}` },
    spec: {
      snapshotType: 'CSI',
      csiSnapshot: { volumeSnapshot: 'vs-1', storageClass: 'csi-sc', snapshotClass: 'csi-vsc', driver: 'hostpath.csi.k8s.io' },
      sourcePVC: 'data',
      datamover: '',
      backupStorageLocation: 'default',
      sourceNamespace: 'app',
      operationTimeout: '10m0s',
      ...spec,
    },
  };
}

/** A New DataDownload in `velero` of snapshot `snap-1` into PVC `app/data`. */
export function aNewDataDownload(name = 'dd-1', spec: Partial<NonNullable<DataDownloadResource['spec']>> = {}): DataDownloadResource {
  return {
    apiVersion: 'velero.io/v2alpha1',
    kind: 'DataDownload',
    metadata: { name, namespace: 'velero', uid: `uid-${name}` },
    spec: {
      targetVolume: { pvc: 'data', pv: '', namespace: 'app' },
      backupStorageLocation: 'default',
      snapshotID: 'snap-1',
      sourceNamespace: 'app',
      operationTimeout: '10m0s',
      ...spec,
    },
  };
}

/** A New PodVolumeBackup of volume `data` of pod `app/web`. */
export function aNewPodVolumeBackup(name = 'pvb-1'): PodVolumeBackupResource {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'PodVolumeBackup',
    metadata: { name, namespace: 'velero', uid: `uid-${name}` },
    spec: {
      node: 'node-1',
      pod: { kind: 'Pod', namespace: 'app', name: 'web', uid: 'pod-uid' },
      volume: 'data',
      backupStorageLocation: 'default',
      repoIdentifier: '',
      uploaderType: 'kopia',
    },
  };
}

/** A DataMoverClass claiming `datamover` for `mover`. */
export function aDataMoverClass(name: string, datamover: string, mover: string): DataMoverClass {
  return { apiVersion: 'ferry.dev/v1alpha1', kind: 'DataMoverClass', metadata: { name }, spec: { datamover, mover } };
}

/** An informer whose events the test emits by hand (no cache of its own: the controllers read the store). */
export class HandDrivenInformer<T extends KubeObject> implements ResourceInformer<T> {
  readonly synced = Promise.resolve();
  readonly hasSynced = true;
  private readonly handlers: { event: InformerEvent; handler: (object: T) => void }[] = [];

  get(): T | undefined {
    return undefined;
  }
  list(): T[] {
    return [];
  }
  on<E extends InformerEvent>(event: E, handler: InformerHandlers<T>[E]): () => void {
    const entry = { event, handler: (object: T) => void (handler as (object: T, old: T) => void)(object, object) };
    this.handlers.push(entry);
    return () => this.handlers.splice(this.handlers.indexOf(entry), 1);
  }
  /** Calls the handlers of `event` with `object`. */
  emit(event: 'add' | 'update' | 'delete', object: T): void {
    for (const entry of this.handlers) if (entry.event === event) entry.handler(object);
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }
}
