import type { ConsumerDefinition } from './consumer-definition';
import {
  ferryConsumerOwners,
  ferryMessageUsage,
  FerryService,
  type ContractUsage,
  type FerryConsumerKey,
  type FerryMessageKey,
} from './contract-usage';
import { InvalidDefinitionError } from './errors';
import type { FerryContracts } from './ferry-contracts';
import type { MessageContract } from './message-contract';
import { subjectsOverlap } from './subject-match';
import { nodeNameToken } from './subject-token';

/** Who connects: a Ferry service, and for the mover the node it runs on. */
export type NatsIdentity =
  | { readonly service: typeof FerryService.Mover; readonly node: string }
  | { readonly service: Exclude<FerryService, typeof FerryService.Mover> };

/**
 * What one NATS user may do, in nats-server's terms: subjects it may publish to and subscribe to
 * (everything else is denied), and whether it may answer requests (`allow_responses`: publish
 * one reply to the reply subject of a request it received).
 */
export interface NatsPermissions {
  readonly publish: readonly string[];
  readonly subscribe: readonly string[];
  readonly allowResponses: boolean;
}

/** The JetStream API prefix (no JetStream domain). */
const api = '$JS.API';

/**
 * The user name of an identity in a contract namespace: `<namespace>-<service>[-<node token>]`;
 * one subject token, so it can also scope the identity's inbox ({@link natsInboxPrefix}).
 */
export function natsUserName(namespace: string, identity: NatsIdentity): string {
  const node = identity.service === FerryService.Mover ? `-${nodeNameToken.encode(identity.node, 'NATS identity node')}` : '';
  return `${namespace}-${identity.service}${node}`;
}

/**
 * The inbox prefix a client authenticated as `user` uses (nats.js `inboxPrefix`): replies to its
 * requests, JetStream API answers and pulled messages arrive under it, and only it may subscribe there.
 */
export function natsInboxPrefix(user: string): string {
  return `_INBOX.${user}`;
}

/**
 * The subjects of `contract` an identity may use: a mover only its own node's; a publisher (`asPublisher`)
 * only as its own `source`, so no service can pass its messages off as another's.
 */
function subjectOf(contract: MessageContract, identity: NatsIdentity, asPublisher: boolean): string {
  const names = contract.subject.paramNames;
  const node = identity.service === FerryService.Mover && names.includes('node') ? { node: identity.node } : {};
  const source = asPublisher && names.includes('source') ? { source: identity.service } : {};
  return contract.subject.filter({ ...node, ...source });
}

function consumerOf(contracts: FerryContracts, key: FerryConsumerKey, identity: NatsIdentity): ConsumerDefinition {
  if (key !== 'mover') return contracts.consumers[key]();
  if (identity.service !== FerryService.Mover) {
    throw new InvalidDefinitionError(`consumer ${key} is owned by ${FerryService.Mover}, not ${identity.service}`);
  }
  return contracts.consumers.mover(identity.node, 1);
}

function ownConsumers(contracts: FerryContracts, identity: NatsIdentity): ConsumerDefinition[] {
  return (Object.entries(ferryConsumerOwners) as [FerryConsumerKey, FerryService][])
    .filter(([, owner]) => owner === identity.service)
    .map(([key]) => consumerOf(contracts, key, identity));
}

const contract = (contracts: FerryContracts, key: FerryMessageKey): MessageContract => contracts.messages[key];

/**
 * Create/update, info, pull, ack. nats.js creates a single-filter consumer through
 * `CONSUMER.CREATE.<stream>.<durable>.<filter>` (the server holds the consumer to the filter in
 * the subject, so only that exact filter is allowed) and a multi-filter one through
 * `CONSUMER.DURABLE.CREATE.<stream>.<durable>`.
 */
function consumerApi(consumer: ConsumerDefinition): string[] {
  const { stream, durableName, filterSubjects } = consumer;
  const [only, ...more] = filterSubjects;
  return [
    more.length === 0 && only !== undefined
      ? `${api}.CONSUMER.CREATE.${stream.name}.${durableName}.${only}`
      : `${api}.CONSUMER.DURABLE.CREATE.${stream.name}.${durableName}`,
    `${api}.CONSUMER.INFO.${stream.name}.${durableName}`,
    `${api}.CONSUMER.MSG.NEXT.${stream.name}.${durableName}`,
    `$JS.ACK.${stream.name}.${durableName}.>`,
  ];
}

/** Every service ensures Ferry's streams at start-up (`runService`), so each may read, create and update them. */
function streamApi(contracts: FerryContracts): string[] {
  return [
    `${api}.INFO`,
    ...Object.values(contracts.streams).flatMap((s) => [
      `${api}.STREAM.INFO.${s.name}`,
      `${api}.STREAM.CREATE.${s.name}`,
      `${api}.STREAM.UPDATE.${s.name}`,
    ]),
  ];
}

/** Looking up stored messages of a JetStream contract (`STREAM.MSG.GET` on its stream). */
function storedLookup(contract: MessageContract): string {
  if (contract.delivery !== 'jetstream') {
    throw new InvalidDefinitionError(`contract ${contract.name} has readers but no stream: only JetStream messages are stored`);
  }
  return `${api}.STREAM.MSG.GET.${contract.stream.name}`;
}

function usedBy(usage: ContractUsage, role: keyof ContractUsage, service: FerryService): boolean {
  return usage[role].includes(service);
}

const unique = (subjects: readonly string[]): string[] => [...new Set(subjects)];

/**
 * The permissions of one identity, derived from the registry and {@link ferryMessageUsage} /
 * {@link ferryConsumerOwners} only: the subjects of the contracts it publishes (its own node's for
 * a mover; only as its own `source`), the JetStream API of Ferry's streams, of its own durable consumers (create with their
 * filter, info, pull, ack) and of the streams it looks messages up in (`STREAM.MSG.GET`); it
 * subscribes to the contracts it receives and to its own inbox; it may answer requests only when
 * it serves one. Pure; throws {@link InvalidNameError} for a mover node that is not a node name.
 */
export function natsPermissions(contracts: FerryContracts, identity: NatsIdentity): NatsPermissions {
  const { service } = identity;
  const messages = Object.entries(ferryMessageUsage) as [FerryMessageKey, ContractUsage][];
  const messageOf = (key: FerryMessageKey): MessageContract => contract(contracts, key);
  const consumers = ownConsumers(contracts, identity);
  const readStreams = messages.filter(([, usage]) => usedBy(usage, 'readers', service)).map(([key]) => storedLookup(messageOf(key)));
  const served = messages.filter(([key, usage]) => usedBy(usage, 'subscribers', service) && messageOf(key).delivery === 'request');
  const user = natsUserName(contracts.namespace, identity);
  return Object.freeze({
    publish: unique([
      ...messages.filter(([, usage]) => usedBy(usage, 'publishers', service)).map(([key]) => subjectOf(messageOf(key), identity, true)),
      ...streamApi(contracts),
      ...consumers.flatMap(consumerApi),
      ...readStreams,
    ]),
    subscribe: unique([
      ...messages.filter(([, usage]) => usedBy(usage, 'subscribers', service)).map(([key]) => subjectOf(messageOf(key), identity, false)),
      `${natsInboxPrefix(user)}.>`,
    ]),
    allowResponses: served.length > 0,
  });
}

/**
 * Every message kind an identity uses: those {@link ferryMessageUsage} names it for, and those
 * its own durable consumers deliver (a contract of the consumer's stream its filters overlap).
 * What its code may name, and nothing more (checked by the drift test in tools/devenv). Pure.
 */
export function natsContractsUsed(contracts: FerryContracts, identity: NatsIdentity): FerryMessageKey[] {
  const consumers = ownConsumers(contracts, identity);
  const delivered = (contract: MessageContract): boolean =>
    contract.delivery === 'jetstream' &&
    consumers.some(
      (c) => c.stream.name === contract.stream.name && c.filterSubjects.some((f) => subjectsOverlap(f, contract.subject.wildcard)),
    );
  return (Object.entries(ferryMessageUsage) as [FerryMessageKey, ContractUsage][])
    .filter(
      ([key, usage]) =>
        (['publishers', 'subscribers', 'readers'] as const).some((role) => usedBy(usage, role, identity.service)) ||
        delivered(contract(contracts, key)),
    )
    .map(([key]) => key);
}

/** Every identity of a namespace: one per service, the mover once per node of `nodes`. Pure. */
export function natsIdentities(nodes: readonly string[]): NatsIdentity[] {
  return [
    ...Object.values(FerryService).flatMap((service): NatsIdentity[] => (service === FerryService.Mover ? [] : [{ service }])),
    ...nodes.map((node): NatsIdentity => ({ service: FerryService.Mover, node })),
  ];
}
