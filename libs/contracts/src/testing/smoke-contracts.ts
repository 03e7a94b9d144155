// Test-only ("smoke") contracts: messages that exercise the NATS adapter end to end (a JetStream
// job with a per-lane durable, a core signal, a request) without any production meaning. They are
// not in the production registry; tests add them to one with createSmokeContracts.
import { checkContractRegistry } from '../contract-registry-check';
import { consumerName, defineConsumer } from '../consumer-definition';
import type { ConsumerTuning, FerryContracts } from '../ferry-contracts';
import { defineCoreContract, defineJetStreamContract, defineRequestContract } from '../message-contract';
import { param, subjectTemplate } from '../subject-template';
import { smokeJobSchema, smokePingReplySchema, smokePingRequestSchema, smokeSignalSchema } from './smoke-messages';

/**
 * The smoke contracts in `registry`'s namespace: `smokeJob` on its WORK stream
 * (`<ns>.job.smoke.v1.<lane>`), `smokeSignal` (core, `<ns>.signal.smoke.v1.<lane>`), `smokePing`
 * (request, `<ns>.rpc.smoke.v1.ping`) and `consumers.smoke(lane)`, one durable per lane. Pure:
 * creates nothing on a server (ensure the registry's streams first). Throws
 * `InvalidDefinitionError` if they would clash with the registry's own subjects or streams.
 */
export function createSmokeContracts(registry: FerryContracts) {
  const ns = registry.namespace;
  const { work } = registry.streams;
  const subjects = {
    smokeJob: subjectTemplate([ns, 'job.smoke.v1', param('lane')]),
    smokeSignal: subjectTemplate([ns, 'signal.smoke.v1', param('lane')]),
    smokePing: subjectTemplate([ns, 'rpc.smoke.v1.ping']),
  };
  const messages = {
    smokeJob: defineJetStreamContract({ name: 'smoke.job', version: 1, subject: subjects.smokeJob, stream: work, schema: smokeJobSchema }),
    smokeSignal: defineCoreContract({ name: 'smoke.signal', version: 1, subject: subjects.smokeSignal, schema: smokeSignalSchema }),
    smokePing: defineRequestContract({
      name: 'smoke.ping',
      version: 1,
      subject: subjects.smokePing,
      schema: smokePingRequestSchema,
      replySchema: smokePingReplySchema,
      queueGroup: consumerName('smoke', 'ping'),
    }),
  };
  const consumers = {
    /** Smoke jobs of one `lane` (tests use one lane per case). */
    smoke: (lane: string, tuning: ConsumerTuning = {}) =>
      defineConsumer({
        stream: work,
        durableName: consumerName('smoke', 'jobs', lane),
        description: `smoke jobs of lane ${lane}`,
        filterSubjects: [subjects.smokeJob.filter({ lane })],
        ackWaitMs: 30_000,
        maxDeliver: 5,
        maxAckPending: 16,
        ...tuning,
      }),
  };
  checkContractRegistry({
    subjects: { ...registry.subjects, ...subjects },
    streams: registry.streams,
    messages: { ...registry.messages, ...messages },
  });
  return { subjects, messages, consumers };
}

/** The shape of {@link createSmokeContracts}' result. */
export type SmokeContracts = ReturnType<typeof createSmokeContracts>;
