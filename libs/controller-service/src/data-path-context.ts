// What the controller's handlers share: the stores, NATS, the Event recorder, settings, and the
// small actions every transition uses (publish a job, write a terminal phase and clean up).
import type { DataMoverClass } from '@ferry/api';
import type { FerryContracts } from '@ferry/contracts';
import {
  isTerminalPhase,
  moveJobId,
  normalizePhase,
  type DataPathKind,
  type DataPathPhase,
  type StatusWriteThrottle,
} from '@ferry/data-movement';
import type { EventRecorder } from '@ferry/kube';
import type { Logger } from '@ferry/logger';
import { publishToStream, type NatsClient } from '@ferry/nats';
import type { ControllerServiceSettings } from './controller-service-config';
import type { DataPathObject, DataPathStatus, DataPathStore } from './data-path-resources';
import type { PodVolumeLocator } from './pod-volume-locator';
import type { RepositoryProvisioner } from './repository-provisioner';
import { FerryAnnotation, kubeTime, moveAttemptOf, setAnnotation, setExposeOnGoing, setFinalizer } from './resource-marks';

/** Everything the handlers need. One per running controller. */
export interface DataPathContext {
  readonly stores: Readonly<Record<DataPathKind, DataPathStore>>;
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly logger: Logger;
  readonly events: EventRecorder;
  readonly repositories: RepositoryProvisioner;
  readonly locator: PodVolumeLocator;
  readonly settings: ControllerServiceSettings;
  readonly throttle: StatusWriteThrottle;
  /** The DataMoverClasses known now (informer cache). */
  readonly classes: () => readonly DataMoverClass[];
  /** The cached object of `kind` (informer), for cheap checks before an API read. */
  readonly cached: (kind: DataPathKind, namespace: string, name: string) => DataPathObject | undefined;
  readonly now: () => Date;
  /** Jobs sent by this process (keys), so repeated reconciles do not re-send them. */
  readonly sent: Set<string>;
  /** When this process started (epoch ms): makes resync message ids differ from the first ones. */
  readonly startedAt: number;
}

/** A reference to one resource. */
export interface ResourceRef {
  readonly kind: DataPathKind;
  readonly namespace: string;
  readonly name: string;
}

/** The phase of a resource (absent = New). */
export function phaseOf(resource: DataPathObject | undefined): DataPathPhase {
  return normalizePhase(resource?.status?.phase);
}

/** The ref of an object of `kind`. */
export function refOf(kind: DataPathKind, resource: DataPathObject): ResourceRef {
  return { kind, namespace: resource.metadata?.namespace ?? '', name: resource.metadata?.name ?? '' };
}

/** The operation ref of an exposure (DU/DD only). */
export function exposeOperation(ref: ResourceRef): { kind: 'DataUpload' | 'DataDownload'; namespace: string; name: string } {
  return { kind: ref.kind === 'DataUpload' ? 'DataUpload' : 'DataDownload', namespace: ref.namespace, name: ref.name };
}

/** Publishes the exposer's cleanup job of a DU/DD (idempotent on the exposer's side). */
export async function publishCleanup(ctx: DataPathContext, ref: ResourceRef): Promise<void> {
  if (!ctx.stores[ref.kind].profile.exposes) return;
  await publishToStream(ctx.nats, ctx.contracts.messages.exposeCleanupJob, {}, { v: 1, operation: exposeOperation(ref) });
}

/** Publishes a cancel of the resource's current move attempt (stored: a job delivered later ends canceled too). */
export async function publishMoveCancel(ctx: DataPathContext, ref: ResourceRef, resource: DataPathObject): Promise<void> {
  const jobId = moveJobId(ref.kind, resource.metadata?.uid ?? '', moveAttemptOf(resource));
  await publishToStream(
    ctx.nats,
    ctx.contracts.messages.moveCancel,
    { job: jobId },
    { v: 1, jobId, operation: ref, at: ctx.now().toISOString() },
    { messageId: `cancel-${jobId}` },
  );
}

/** How a resource ends. */
export interface Ending {
  readonly phase: 'Completed' | 'Failed' | 'Canceled';
  readonly message?: string;
  /** More status fields (snapshotID, path, sizes, progress). */
  readonly status?: DataPathStatus;
  /** An Event to record on the resource. */
  readonly event?: { readonly type: 'Normal' | 'Warning'; readonly reason: string; readonly message: string };
}

/**
 * Ends a live resource: asks the exposer to clean up first (so a crash after it repeats an
 * idempotent cleanup rather than losing it), then writes the final phase, completion time and
 * message, drops the finalizer and the expose-on-going label in one write, and records the Event.
 * Nothing happens when the resource is gone or already final. Resolves with the written object.
 */
export async function finish(ctx: DataPathContext, ref: ResourceRef, ending: Ending): Promise<DataPathObject | undefined> {
  const store = ctx.stores[ref.kind];
  const current = await store.find(ref.namespace, ref.name);
  if (!current || isTerminalPhase(phaseOf(current))) return undefined;
  await publishCleanup(ctx, ref);
  let wrote = false;
  const written = await store.mutate(ref.namespace, ref.name, (resource) => {
    if (isTerminalPhase(phaseOf(resource))) return undefined;
    const status: DataPathStatus = {
      ...resource.status,
      ...ending.status,
      phase: ending.phase,
      completionTimestamp: kubeTime(ctx.now()),
      ...(ending.message === undefined ? {} : { message: ending.message }),
    };
    resource.status = status;
    setFinalizer(resource, false);
    setExposeOnGoing(resource, false);
    setAnnotation(resource, FerryAnnotation.CancelingSince, undefined);
    wrote = true;
    return resource;
  });
  ctx.throttle.forget(`${ref.kind}/${ref.namespace}/${ref.name}`);
  if (wrote && written) {
    ctx.logger.info(
      { resource: `${ref.kind}/${ref.namespace}/${ref.name}`, phase: ending.phase, message: ending.message },
      'data path ended',
    );
    if (ending.event) await ctx.events.record(written, ending.event.type, ending.event.reason, ending.event.message);
  }
  return wrote ? written : undefined;
}
