// The service's NATS request/reply: `volumeinfo.query` (the HTTP API's questions) and
// `volumeinfo.seal` (the controller's "this report is final": answered once the document is
// generated, in the bucket and indexed). Failures become error replies with the `VOLUMEINFO_*` code
// and whether a retry can help (records not all stored yet, location unreachable: yes).
import type { FerryContracts } from '@ferry/contracts';
import { serveRequests, type NatsClient, type SubscriptionHandle } from '@ferry/nats';
import type { VolumeQueryAnswerer } from './volume-query';
import type { VolumeReportSealer } from './volume-report-sealer';

/** What {@link serveVolumeInfoRequests} answers with. */
export interface VolumeInfoResponderOptions {
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly answerer: VolumeQueryAnswerer;
  readonly sealer: VolumeReportSealer;
  /** Stops serving when aborted. */
  readonly signal?: AbortSignal;
}

/**
 * Serves both contracts in their queue groups until the handles are stopped (before `nats` is
 * closed) or `signal` aborts. Returns at once.
 */
export function serveVolumeInfoRequests(options: VolumeInfoResponderOptions): SubscriptionHandle[] {
  const { nats, contracts } = options;
  const signal = options.signal ? { signal: options.signal } : {};
  const query = serveRequests(nats, {
    contract: contracts.messages.volumeInfoQuery,
    handler: ({ data }) => options.answerer.answer(data),
    ...signal,
  });
  const seal = serveRequests(nats, {
    contract: contracts.messages.volumeInfoSeal,
    handler: ({ data }) => options.sealer.seal(data, options.signal),
    ...signal,
  });
  return [query, seal];
}
