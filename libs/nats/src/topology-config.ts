import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  ReplayPolicy,
  type ConsumerConfig,
  type ConsumerUpdateConfig,
  type StreamConfig,
  type StreamUpdateConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { ConsumerDefinition, StreamDefinition } from '@ferry/contracts';

/** The fields of a stream that may change after creation, from its definition. Pure. */
export function streamUpdateConfig(definition: StreamDefinition): Partial<StreamUpdateConfig> {
  return {
    subjects: [...definition.subjects],
    description: definition.description,
    max_age: nanos(definition.maxAgeMs),
    duplicate_window: nanos(definition.duplicateWindowMs),
    discard: DiscardPolicy.Old,
    num_replicas: definition.replicas,
  };
}

/** The full server config of a new stream. Pure. */
export function streamConfig(definition: StreamDefinition): Partial<StreamConfig> & { name: string } {
  return {
    ...streamUpdateConfig(definition),
    name: definition.name,
    retention: definition.retention,
    storage: definition.storage,
  };
}

function filters(definition: ConsumerDefinition): Pick<ConsumerUpdateConfig, 'filter_subject' | 'filter_subjects'> {
  // A single filter uses the older field, which every JetStream server understands.
  const [only, ...rest] = definition.filterSubjects;
  return rest.length === 0 && only !== undefined ? { filter_subject: only } : { filter_subjects: [...definition.filterSubjects] };
}

/** The fields of a durable consumer that may change after creation. Pure. */
export function consumerUpdateConfig(definition: ConsumerDefinition): Partial<ConsumerUpdateConfig> {
  return {
    description: definition.description,
    ack_wait: nanos(definition.ackWaitMs),
    max_deliver: definition.maxDeliver,
    max_ack_pending: definition.maxAckPending,
    ...filters(definition),
  };
}

/** The full server config of a new durable pull consumer with explicit acks. Pure. */
export function consumerConfig(definition: ConsumerDefinition): Partial<ConsumerConfig> {
  return {
    ...consumerUpdateConfig(definition),
    durable_name: definition.durableName,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: definition.deliverFrom === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
  };
}
