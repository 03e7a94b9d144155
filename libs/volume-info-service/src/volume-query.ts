// The service's three questions, answered the same way over HTTP and NATS: a backup's volumes, a
// restore's volumes (each entry as written plus its summary), and a claim's history across every
// indexed backup and restore. The answers are the `volumeinfo.query` reply schemas of
// @ferry/contracts.
import type { FerryContracts, MessageOf, ReplyInput } from '@ferry/contracts';
import type { ClaimHistoryIndex } from '@ferry/volume-history';
import { VolumeInfoError, VolumeInfoErrorCode } from './errors';
import type { VolumeReportLoader } from './volume-report-loader';

/** A `volumeinfo.query` request. */
export type VolumeInfoQuery = MessageOf<FerryContracts['messages']['volumeInfoQuery']>;
/** A `volumeinfo.query` answer. */
export type VolumeInfoAnswer = ReplyInput<FerryContracts['messages']['volumeInfoQuery']>;

/** Answers queries about the service's namespace. */
export interface VolumeQueryAnswerer {
  /** Resolves with the answer; rejects with a {@link VolumeInfoError} (not found, not finished, store unavailable…). */
  answer(query: VolumeInfoQuery, signal?: AbortSignal): Promise<VolumeInfoAnswer>;
}

/** What {@link createVolumeQueryAnswerer} reads. */
export interface VolumeQueryOptions {
  /** The service's namespace: Backups and Restores of another namespace are not found. */
  readonly namespace: string;
  readonly index: ClaimHistoryIndex;
  readonly loader: VolumeReportLoader;
}

/** The answerer over the index and loader. */
export function createVolumeQueryAnswerer(options: VolumeQueryOptions): VolumeQueryAnswerer {
  const { namespace, index, loader } = options;
  const inNamespace = (query: { namespace: string }, code: VolumeInfoErrorCode, what: string) => {
    if (query.namespace !== namespace) {
      throw new VolumeInfoError(code, `${what} does not exist: this service serves the ${what.split(' ')[0]}s of namespace ${namespace}`);
    }
  };
  return {
    async answer(query, signal) {
      switch (query.kind) {
        case 'backup-volumes': {
          inNamespace(query, VolumeInfoErrorCode.BackupNotFound, `backup ${query.namespace}/${query.name}`);
          const report = await loader.backup(query.name, signal ? { signal } : {});
          return { kind: query.kind, ...report, volumes: [...report.volumes] };
        }
        case 'restore-volumes': {
          inNamespace(query, VolumeInfoErrorCode.RestoreNotFound, `restore ${query.namespace}/${query.name}`);
          const report = await loader.restore(query.name, signal ? { signal } : {});
          return { kind: query.kind, ...report, volumes: [...report.volumes] };
        }
        case 'claim-history': {
          const history = index.claimHistory({ namespace: query.namespace, name: query.pvc });
          if (!history) {
            throw new VolumeInfoError(
              VolumeInfoErrorCode.ClaimNotFound,
              `no indexed backup or restore holds claim ${query.namespace}/${query.pvc}`,
            );
          }
          return { kind: query.kind, claim: history.claim, backups: [...history.backups], restores: [...history.restores] };
        }
      }
    },
  };
}
