import type { FerryContracts } from './ferry-contracts';

/** The Ferry services that connect to NATS, each with its own identity (the mover: one per node). */
export const FerryService = {
  Controller: 'controller',
  Exposer: 'exposer',
  Mover: 'mover',
  Policy: 'policy',
  VolumeInfo: 'volume-info',
} as const;
/** One of {@link FerryService}. */
export type FerryService = (typeof FerryService)[keyof typeof FerryService];

/**
 * Who uses one message contract, and how:
 * - `publishers` send it (publish to its stream, publish the core signal, or send the request);
 * - `subscribers` receive it live (core subscription; the responders of a request contract);
 * - `readers` look up what its stream stores (`lastStoredMessage`, `readStoredMessages`).
 * Consuming through a durable consumer is declared on the consumer ({@link ferryConsumerOwners}).
 * A subject with a `node` parameter is fixed to the mover's own node in the mover's permissions; a
 * subject with a `source` parameter is fixed to the publisher's own service name.
 */
export interface ContractUsage {
  readonly publishers: readonly FerryService[];
  readonly subscribers: readonly FerryService[];
  readonly readers: readonly FerryService[];
}

/** The message kinds of the registry, by key. */
export type FerryMessageKey = keyof FerryContracts['messages'];
/** The durable consumers of the registry, by key. */
export type FerryConsumerKey = keyof FerryContracts['consumers'];

const { Controller, Exposer, Mover, Policy, VolumeInfo } = FerryService;

function use(
  publishers: readonly FerryService[],
  subscribers: readonly FerryService[],
  readers: readonly FerryService[] = [],
): ContractUsage {
  return Object.freeze({ publishers, subscribers, readers });
}

/**
 * Which service's code uses each message kind: the source of every NATS permission
 * (`natsPermissions`). Typed over the registry's keys, so a new contract without its users does
 * not compile; `nats-permissions-drift.spec.ts` (tools/devenv) fails when a service's code and this
 * table disagree.
 */
export const ferryMessageUsage: Readonly<Record<FerryMessageKey, ContractUsage>> = Object.freeze({
  policyEvaluate: use([Controller], [Policy]),
  exposeJob: use([Controller], []),
  exposeCleanupJob: use([Controller], []),
  exposeCompleteRestoreJob: use([Controller], []),
  exposeResult: use([Exposer], []),
  moveJob: use([Controller], []),
  moveResult: use([Mover], [], [Mover]),
  moveCancel: use([Controller], [Mover], [Mover]),
  repositoryClaim: use([Mover], [], [Mover]),
  moveProgress: use([Mover], [Controller]),
  repositoryDeleteSnapshots: use([Controller], [Mover]),
  exposeDiagnose: use([], [Exposer]),
  volumeInfoRecord: use([Controller, Exposer, Mover], [], [VolumeInfo]),
  volumeInfoSeal: use([Controller], [VolumeInfo]),
  volumeInfoQuery: use([], [VolumeInfo]),
});

/** Which service creates, binds to and acks each durable consumer. */
export const ferryConsumerOwners: Readonly<Record<FerryConsumerKey, FerryService>> = Object.freeze({
  exposer: Exposer,
  mover: Mover,
  controllerEvents: Controller,
});
