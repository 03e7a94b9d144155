// The controller bench's observers, all from outside the services (no mocks, no hooks): a watch on
// the DataUploads (phase instants, writes), a watch on the exposer's backup pods, and a durable
// reader of the expose and move results. Fills one DataUploadTimeline per DataUpload name.
import { dataUploadDefinition, type DataUpload } from '@ferry/api';
import { defineConsumer, type FerryContracts, type MessageOf } from '@ferry/contracts';
import { builtinResources, createInformer, type KubeClient, type KubeObject, type ResourceInformer } from '@ferry/kube';
import { consume, ensureConsumer, streamRoute, type NatsClient } from '@ferry/nats';
import type { DataUploadTimeline, TimelinePoint } from './controller-bench-stages';

/** A running probe. */
export interface ControllerBenchProbe {
  /** The timeline of DataUpload `name` (created on first use). */
  timeline(name: string): DataUploadTimeline;
  /** Update events the DataUpload watch saw for `name` (the controller is the only writer). */
  writes(name: string): number;
  /** Called with the name and message of a DataUpload seen Failed. */
  onFailed(handler: (name: string, message: string) => void): void;
  /** Stops the watches and the reader. */
  stop(): Promise<void>;
}

/** What the probe reads of a pod. */
type PodLike = KubeObject & { readonly status?: { readonly phase?: string } };

const phasePoints: Readonly<Record<string, TimelinePoint>> = {
  Accepted: 'accepted',
  Prepared: 'prepared',
  InProgress: 'inProgress',
  Completed: 'completed',
};

/** Starts the watches and the results reader in `namespace`; resolves once all are listening. */
export async function startControllerBenchProbe(
  kube: KubeClient,
  nats: NatsClient,
  contracts: FerryContracts,
  namespace: string,
): Promise<ControllerBenchProbe> {
  const timelines = new Map<string, DataUploadTimeline>();
  const writes = new Map<string, number>();
  const failed: ((name: string, message: string) => void)[] = [];
  const timeline = (name: string): DataUploadTimeline => {
    let found = timelines.get(name);
    if (!found) timelines.set(name, (found = {}));
    return found;
  };
  const mark = (name: string, point: TimelinePoint, at: number): void => {
    const t = timeline(name);
    t[point] ??= at;
  };

  const uploads: ResourceInformer<DataUpload> = createInformer<DataUpload>(kube, dataUploadDefinition, { namespace });
  const seeUpload = (du: DataUpload): void => {
    const name = du.metadata?.name ?? '';
    const phase = du.status?.phase ?? '';
    const point = phasePoints[phase];
    if (point) mark(name, point, Date.now());
    if (phase === 'Failed') for (const handler of failed) handler(name, du.status?.message ?? '');
  };
  uploads.on('add', seeUpload);
  uploads.on('update', (du) => {
    const name = du.metadata?.name ?? '';
    writes.set(name, (writes.get(name) ?? 0) + 1);
    seeUpload(du);
  });

  // The exposer names its backup pod after the DataUpload, in the same namespace here.
  const pods: ResourceInformer<PodLike> = createInformer<PodLike>(kube, builtinResources.pods, { namespace });
  const seePod = (pod: PodLike): void => {
    const name = pod.metadata?.name ?? '';
    if (!timelines.has(name)) return;
    mark(name, 'podCreated', Date.now());
    if (pod.status?.phase === 'Running') mark(name, 'podRunning', Date.now());
  };
  pods.on('add', seePod);
  pods.on('update', seePod);
  await Promise.all([uploads.synced, pods.synced]);

  const reader = defineConsumer({
    stream: contracts.streams.events,
    durableName: 'bench-results',
    description: 'bench: expose and move results',
    filterSubjects: [contracts.subjects.exposeResult.wildcard, contracts.subjects.moveResult.wildcard],
    ackWaitMs: 30_000,
    maxDeliver: -1,
    maxAckPending: 256,
  });
  await ensureConsumer(nats, reader);
  const messages = contracts.messages;
  const results = await consume(nats, {
    consumer: reader,
    routes: [
      streamRoute(messages.exposeResult, async ({ data }: { data: MessageOf<typeof messages.exposeResult> }) => {
        if (data.outcome === 'exposed') mark(data.operation.name, 'exposed', Date.parse(data.at));
      }),
      streamRoute(messages.moveResult, async ({ data }: { data: MessageOf<typeof messages.moveResult> }) => {
        if (data.outcome !== 'completed') return;
        mark(data.operation.name, 'moveStarted', Date.parse(data.startedAt));
        mark(data.operation.name, 'moveCompleted', Date.parse(data.completedAt));
      }),
    ],
  });
  return {
    timeline,
    writes: (name) => writes.get(name) ?? 0,
    onFailed: (handler) => void failed.push(handler),
    async stop() {
      await results.stop();
      await Promise.all([uploads.stop(), pods.stop()]);
    },
  };
}
