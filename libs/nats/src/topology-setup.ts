import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import type { ConsumerDefinition, StreamDefinition } from '@ferry/contracts';
import { TopologyError } from './errors';
import type { NatsClient } from './nats-client';
import { consumerConfig, consumerUpdateConfig, streamConfig, streamUpdateConfig } from './topology-config';

function apiCode(error: unknown): number | undefined {
  return error instanceof JetStreamApiError ? error.code : undefined;
}

/** Server-side refusals (bad config, immutable field changed) will not go away by retrying. */
function retryable(error: unknown): boolean {
  return !(error instanceof JetStreamApiError);
}

/**
 * Creates the stream, or updates it to match `definition` when it exists. Idempotent and safe to
 * race from several replicas. Blocks until the server answers. Throws {@link TopologyError}
 * (e.g. when retention or storage differ: those cannot change in place, delete the stream first).
 */
export async function ensureStream(client: NatsClient, definition: StreamDefinition): Promise<void> {
  const what = `stream ${definition.name}`;
  try {
    const jsm = await client.manager();
    try {
      await jsm.streams.info(definition.name);
    } catch (error) {
      if (apiCode(error) !== JetStreamApiCodes.StreamNotFound) throw error;
      try {
        await jsm.streams.add(streamConfig(definition));
        client.logger.info({ stream: definition.name }, 'JetStream stream created');
        return;
      } catch (addError) {
        // Another replica created it meanwhile: fall through to update.
        if (apiCode(addError) === undefined) throw addError;
      }
    }
    await jsm.streams.update(definition.name, streamUpdateConfig(definition));
  } catch (cause) {
    throw new TopologyError(what, retryable(cause), { cause });
  }
}

/**
 * Creates the durable consumer, or updates its changeable settings (ack wait, max deliver,
 * max ack pending, filters) to match `definition`. Idempotent; the stream must exist (see
 * {@link ensureStream}). Throws {@link TopologyError}. The consumer outlives the process: it is
 * the server's record of what was delivered, and is deleted only by an operator.
 */
export async function ensureConsumer(client: NatsClient, definition: ConsumerDefinition): Promise<void> {
  const what = `consumer ${definition.durableName} of stream ${definition.stream.name}`;
  try {
    const jsm = await client.manager();
    try {
      await jsm.consumers.info(definition.stream.name, definition.durableName);
    } catch (error) {
      if (apiCode(error) !== JetStreamApiCodes.ConsumerNotFound) throw error;
      try {
        await jsm.consumers.add(definition.stream.name, consumerConfig(definition));
        client.logger.info({ stream: definition.stream.name, consumer: definition.durableName }, 'JetStream consumer created');
        return;
      } catch (addError) {
        if (apiCode(addError) === undefined) throw addError;
      }
    }
    await jsm.consumers.update(definition.stream.name, definition.durableName, consumerUpdateConfig(definition));
  } catch (cause) {
    throw new TopologyError(what, retryable(cause), { cause });
  }
}

/** {@link ensureStream} for each definition, in order. Throws on the first failure. */
export async function ensureStreams(client: NatsClient, definitions: readonly StreamDefinition[]): Promise<void> {
  for (const definition of definitions) await ensureStream(client, definition);
}
