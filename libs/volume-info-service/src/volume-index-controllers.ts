// Keeps the claim history index current from the Backup and Restore informers: a Backup or Restore
// that reaches Completed/PartiallyFailed (or changes while there) has its document loaded once; a
// deleted one is forgotten. Level-based reconciles on @ferry/kube's controller runtime: a failed
// read (store unreachable) is retried with backoff; nothing rescans the bucket per request.
import type { Backup, Restore } from '@ferry/api';
import { createController, splitObjectKey, type Controller, type KubeLogger, type ResourceInformer } from '@ferry/kube';
import { isRetryable } from '@ferry/errors';
import { VolumeInfoError, VolumeInfoErrorCode } from './errors';
import { indexedPhases, type VolumeReportLoader } from './volume-report-loader';

/** What {@link createVolumeIndexControllers} watches and loads with. */
export interface VolumeIndexControllerOptions {
  readonly namespace: string;
  readonly loader: VolumeReportLoader;
  readonly backups: ResourceInformer<Backup>;
  readonly restores: ResourceInformer<Restore>;
  readonly logger: KubeLogger;
  /** Documents loaded at once per kind; default 2. */
  readonly concurrency?: number;
}

type Kind = 'backup' | 'restore';

function reconcilerOf(kind: Kind, options: VolumeIndexControllerOptions, informer: ResourceInformer<Backup | Restore>) {
  return async (key: string, signal: AbortSignal): Promise<void> => {
    const { namespace, name } = splitObjectKey(key);
    if (namespace !== options.namespace) return;
    const object = informer.get(namespace, name);
    if (!object) {
      options.loader.forget(kind, name);
      return;
    }
    if (!indexedPhases.has(object.status?.phase ?? '')) return;
    try {
      await (kind === 'backup' ? options.loader.backup(name, { signal }) : options.loader.restore(name, { signal }));
    } catch (error) {
      // Retryable failures (store unreachable) go back to the queue with backoff; a missing or
      // broken document is final for this version of the object.
      if (isRetryable(error)) throw error;
      const code = error instanceof VolumeInfoError ? error.code : 'INTERNAL';
      const level = code === VolumeInfoErrorCode.DocumentMissing ? 'info' : 'warn';
      options.logger[level](
        { kind, namespace, name, code, err: error instanceof Error ? error.message : String(error) },
        'volume info not indexed',
      );
    }
  };
}

/**
 * Two controllers (`volumeinfo-backups`, `volumeinfo-restores`) watching the informers; the caller
 * starts and stops them (e.g. through `startControllerSet`) after the informers synced. A Restore's
 * document lives in its backup's location: one whose Backup is gone is logged and not indexed.
 */
export function createVolumeIndexControllers(options: VolumeIndexControllerOptions): Controller[] {
  const concurrency = options.concurrency ?? 2;
  const backups = createController({
    name: 'volumeinfo-backups',
    reconcile: reconcilerOf('backup', options, options.backups as ResourceInformer<Backup | Restore>),
    concurrency,
    logger: options.logger,
  });
  backups.watch(options.backups);
  const restores = createController({
    name: 'volumeinfo-restores',
    reconcile: reconcilerOf('restore', options, options.restores as ResourceInformer<Backup | Restore>),
    concurrency,
    logger: options.logger,
  });
  restores.watch(options.restores);
  return [backups, restores];
}
