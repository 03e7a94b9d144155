import { InvalidDefinitionError } from './errors';
import { assertSubjectFilter, type StreamDefinition } from './stream-definition';
import { subjectCovers } from './subject-match';
import { assertResourceName } from './subject-token';

/** Where a new durable consumer starts: every stored message, or only those published after it. */
export const DeliverFrom = { All: 'all', New: 'new' } as const;
/** One of {@link DeliverFrom}. */
export type DeliverFrom = (typeof DeliverFrom)[keyof typeof DeliverFrom];

/**
 * A durable pull consumer with explicit acks. The NATS adapter creates or updates it; every
 * process of the owning service binds to the same durable, so work is shared, never duplicated.
 */
export interface ConsumerDefinition {
  readonly stream: StreamDefinition;
  /** `<service>-<purpose>[-<qualifier>]`, see {@link consumerName}. */
  readonly durableName: string;
  readonly description: string;
  /** Subjects this consumer takes; each lies within the stream's subjects. */
  readonly filterSubjects: readonly string[];
  /** How long the server waits for an ack (or progress) before redelivering. */
  readonly ackWaitMs: number;
  /** Deliveries before the server gives up on a message; -1 for no limit. */
  readonly maxDeliver: number;
  /** Unacked messages the server hands out at once: the consumer's concurrency cap. */
  readonly maxAckPending: number;
  readonly deliverFrom: DeliverFrom;
}

/**
 * The one naming scheme of durable consumers: `<service>-<purpose>` plus optional qualifiers
 * (already-encoded tokens such as a node), joined by `-`. Throws {@link InvalidNameError} when the
 * result is not a valid NATS consumer name.
 */
export function consumerName(service: string, purpose: string, ...qualifiers: readonly string[]): string {
  return assertResourceName([service, purpose, ...qualifiers].join('-'), `consumer of ${service}`);
}

/**
 * Validates and freezes a consumer definition. Throws when a filter is not captured by the
 * stream, when limits are not positive, or when the durable name is invalid.
 */
export function defineConsumer(
  definition: Omit<ConsumerDefinition, 'deliverFrom'> & Partial<Pick<ConsumerDefinition, 'deliverFrom'>>,
): ConsumerDefinition {
  const what = `consumer ${definition.durableName} of stream ${definition.stream.name}`;
  assertResourceName(definition.durableName, what);
  if (definition.filterSubjects.length === 0) throw new InvalidDefinitionError(`${what} has no filter subjects`);
  for (const filter of definition.filterSubjects) {
    assertSubjectFilter(filter, what);
    if (!definition.stream.subjects.some((s) => subjectCovers(s, filter))) {
      throw new InvalidDefinitionError(
        `${what}: filter ${filter} is outside the stream's subjects ${definition.stream.subjects.join(', ')}`,
      );
    }
  }
  if (!(definition.ackWaitMs > 0) || !(definition.maxAckPending >= 1)) {
    throw new InvalidDefinitionError(`${what}: ackWaitMs must be > 0 and maxAckPending >= 1`);
  }
  if (definition.maxDeliver === 0 || definition.maxDeliver < -1) {
    throw new InvalidDefinitionError(`${what}: maxDeliver must be >= 1, or -1 for no limit`);
  }
  return Object.freeze({
    ...definition,
    filterSubjects: Object.freeze([...definition.filterSubjects]),
    deliverFrom: definition.deliverFrom ?? DeliverFrom.All,
  });
}
