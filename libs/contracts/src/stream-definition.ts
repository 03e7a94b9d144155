import { InvalidDefinitionError } from './errors';
import { assertResourceName, assertSubjectToken } from './subject-token';

/** How a stream keeps messages: `workqueue` deletes on ack (jobs); `limits` keeps them for every reader (events). */
export const StreamRetention = { Limits: 'limits', WorkQueue: 'workqueue', Interest: 'interest' } as const;
/** One of {@link StreamRetention}. */
export type StreamRetention = (typeof StreamRetention)[keyof typeof StreamRetention];

/** Where a stream stores messages. Work that must not be lost uses `file`. */
export const StreamStorage = { File: 'file', Memory: 'memory' } as const;
/** One of {@link StreamStorage}. */
export type StreamStorage = (typeof StreamStorage)[keyof typeof StreamStorage];

/**
 * A JetStream stream as Ferry declares it, in Ferry's own vocabulary (milliseconds, no client
 * types); the NATS adapter maps it to the server's config and creates or updates it.
 */
export interface StreamDefinition {
  readonly name: string;
  readonly description: string;
  /** Subject filters the stream captures; every JetStream contract of the stream lies within them. */
  readonly subjects: readonly string[];
  readonly retention: StreamRetention;
  readonly storage: StreamStorage;
  /** Age after which messages are dropped; 0 keeps them until acked or limits apply. */
  readonly maxAgeMs: number;
  /** Window in which a repeated message id (`Nats-Msg-Id`) is dropped as a duplicate. */
  readonly duplicateWindowMs: number;
  readonly replicas: number;
}

/** Checks a subject filter token by token: `*` anywhere, `>` only last. Throws on any other wildcard use. */
export function assertSubjectFilter(filter: string, what: string): string {
  const tokens = filter.split('.');
  tokens.forEach((token, i) => {
    if (token === '*' || (token === '>' && i === tokens.length - 1)) return;
    assertSubjectToken(token, `${what} (filter ${JSON.stringify(filter)})`);
  });
  return filter;
}

/**
 * Validates and freezes a stream definition. Throws {@link InvalidNameError} for a bad name and
 * {@link InvalidDefinitionError} for missing subjects or negative durations.
 */
export function defineStream(
  definition: Omit<StreamDefinition, 'replicas' | 'storage'> & Partial<Pick<StreamDefinition, 'replicas' | 'storage'>>,
): StreamDefinition {
  const what = `stream ${definition.name}`;
  assertResourceName(definition.name, what);
  if (definition.subjects.length === 0) throw new InvalidDefinitionError(`${what} captures no subjects`);
  definition.subjects.forEach((s) => assertSubjectFilter(s, what));
  if (definition.maxAgeMs < 0 || definition.duplicateWindowMs < 0) {
    throw new InvalidDefinitionError(`${what}: maxAgeMs and duplicateWindowMs must not be negative`);
  }
  return Object.freeze({
    ...definition,
    subjects: Object.freeze([...definition.subjects]),
    storage: definition.storage ?? StreamStorage.File,
    replicas: definition.replicas ?? 1,
  });
}
