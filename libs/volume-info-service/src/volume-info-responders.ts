// The service's NATS request/reply: `volumeinfo.query` (the HTTP API's questions) and
// `volumeinfo.seal` (the controller's "this report is final": answered once the document is read
// from the bucket and indexed). Failures become error replies with the `VOLUMEINFO_*` code and
// whether a retry can help (a document not written yet: yes).
import type { FerryContracts } from '@ferry/contracts';
import { serveRequests, type NatsClient, type SubscriptionHandle } from '@ferry/nats';
import { VolumeInfoError, VolumeInfoErrorCode } from './errors';
import type { VolumeQueryAnswerer } from './volume-query';
import type { VolumeReportLoader } from './volume-report-loader';

/** What {@link serveVolumeInfoRequests} answers with. */
export interface VolumeInfoResponderOptions {
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly namespace: string;
  readonly answerer: VolumeQueryAnswerer;
  readonly loader: VolumeReportLoader;
  /** The seal's `sealedAt`. */
  readonly now: () => Date;
  /** Stops serving when aborted. */
  readonly signal?: AbortSignal;
}

/**
 * Serves both contracts in their queue groups until the handles are stopped (before `nats` is
 * closed) or `signal` aborts. Returns at once.
 */
export function serveVolumeInfoRequests(options: VolumeInfoResponderOptions): SubscriptionHandle[] {
  const { nats, contracts, namespace, loader } = options;
  const signal = options.signal ? { signal: options.signal } : {};
  const query = serveRequests(nats, {
    contract: contracts.messages.volumeInfoQuery,
    handler: ({ data }) => options.answerer.answer(data),
    ...signal,
  });
  const seal = serveRequests(nats, {
    contract: contracts.messages.volumeInfoSeal,
    handler: async ({ data: { target } }) => {
      if (target.namespace !== namespace) {
        const code = target.kind === 'backup' ? VolumeInfoErrorCode.BackupNotFound : VolumeInfoErrorCode.RestoreNotFound;
        throw new VolumeInfoError(
          code,
          `${target.kind} ${target.namespace}/${target.name} is not in this service's namespace ${namespace}`,
        );
      }
      const report =
        target.kind === 'backup' ? await loader.backup(target.name, { seal: true }) : await loader.restore(target.name, { seal: true });
      return { target, key: report.documentKey ?? '', volumes: report.volumes.length, sealedAt: options.now().toISOString() };
    },
    ...signal,
  });
  return [query, seal];
}
