import type { z } from 'zod';
import { InvalidDefinitionError } from './errors';
import type { StreamDefinition } from './stream-definition';
import { subjectCovers } from './subject-match';
import type { SubjectTemplate } from './subject-template';
import { assertResourceName } from './subject-token';

/**
 * How a message kind travels: `jetstream` (persisted, explicit ack, redelivered: work that must
 * not be lost), `core` (fire-and-forget signals such as progress), `request` (the caller waits
 * for one reply).
 */
export const Delivery = { JetStream: 'jetstream', Core: 'core', Request: 'request' } as const;
/** One of {@link Delivery}. */
export type Delivery = (typeof Delivery)[keyof typeof Delivery];

/** What every message contract has: a stable name, a version, its subject(s) and payload schema. */
export interface ContractBase<P extends string, S extends z.ZodType> {
  /** Stable kind name, e.g. `smoke.job`; with `version` it identifies the schema. */
  readonly name: string;
  /** Schema version; it also appears in the subject (`…v1…`) so versions never share a consumer. */
  readonly version: number;
  readonly subject: SubjectTemplate<P>;
  /** Validates payloads on publish and on receipt; unknown fields are stripped, not rejected. */
  readonly schema: S;
}

/** A message persisted in `stream`, consumed with explicit acks. */
export interface JetStreamContract<P extends string = string, S extends z.ZodType = z.ZodType> extends ContractBase<P, S> {
  readonly delivery: typeof Delivery.JetStream;
  readonly stream: StreamDefinition;
}

/** A disposable core-NATS message: no persistence, no ack, lost when nobody listens. */
export interface CoreContract<P extends string = string, S extends z.ZodType = z.ZodType> extends ContractBase<P, S> {
  readonly delivery: typeof Delivery.Core;
}

/** A request answered by exactly one member of `queueGroup`, with a reply matching `replySchema`. */
export interface RequestContract<
  P extends string = string,
  S extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> extends ContractBase<P, S> {
  readonly delivery: typeof Delivery.Request;
  readonly replySchema: R;
  /** Queue group of the responders, so a request reaches one replica. */
  readonly queueGroup: string;
}

/** Any message contract; discriminated by `delivery`. */
export type MessageContract = JetStreamContract | CoreContract | RequestContract;

/** The payload a publisher passes (schema input). */
export type MessageInput<C extends MessageContract> = z.input<C['schema']>;
/** The payload a handler receives (schema output). */
export type MessageOf<C extends MessageContract> = z.output<C['schema']>;
/** The reply a requester receives. */
export type ReplyOf<C extends RequestContract> = z.output<C['replySchema']>;
/** The reply a responder returns. */
export type ReplyInput<C extends RequestContract> = z.input<C['replySchema']>;
/** Parameter names of a contract's subject. */
export type ContractParams<C extends MessageContract> = C['subject']['paramNames'][number];

function checkBase(name: string, version: number): void {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/.test(name)) {
    throw new InvalidDefinitionError(`contract name ${JSON.stringify(name)} must be dotted lower-case words`);
  }
  if (!Number.isInteger(version) || version < 1) {
    throw new InvalidDefinitionError(`contract ${name}: version must be a positive integer`);
  }
}

/**
 * Defines a JetStream message kind. Throws {@link InvalidDefinitionError} when the stream does not
 * capture every subject of the template: such a publish would fail with "no stream" at runtime.
 */
export function defineJetStreamContract<P extends string, S extends z.ZodType>(
  definition: Omit<JetStreamContract<P, S>, 'delivery'>,
): JetStreamContract<P, S> {
  checkBase(definition.name, definition.version);
  const { stream, subject } = definition;
  if (!stream.subjects.some((s) => subjectCovers(s, subject.wildcard))) {
    throw new InvalidDefinitionError(
      `contract ${definition.name}: stream ${stream.name} (${stream.subjects.join(', ')}) does not capture ${subject.pattern}`,
    );
  }
  return Object.freeze({ ...definition, delivery: Delivery.JetStream });
}

/** Defines a core-NATS message kind (no stream). */
export function defineCoreContract<P extends string, S extends z.ZodType>(
  definition: Omit<CoreContract<P, S>, 'delivery'>,
): CoreContract<P, S> {
  checkBase(definition.name, definition.version);
  return Object.freeze({ ...definition, delivery: Delivery.Core });
}

/** Defines a request/reply kind; the queue group must be a valid NATS name. */
export function defineRequestContract<P extends string, S extends z.ZodType, R extends z.ZodType>(
  definition: Omit<RequestContract<P, S, R>, 'delivery'>,
): RequestContract<P, S, R> {
  checkBase(definition.name, definition.version);
  assertResourceName(definition.queueGroup, `queue group of contract ${definition.name}`);
  return Object.freeze({ ...definition, delivery: Delivery.Request });
}
