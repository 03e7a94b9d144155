// Reconciles one DownloadRequest (velero's download_request_controller.go, with newest Velero's
// Failed phase): a New request gets its target's file presigned in the backup's location
// (Processed, downloadURL, expiration now + 10 min) or Failed with a message saying why; any request
// past its expiration is deleted. Level-based: it looks at the cached request and the time.
import type { Backup, BackupStorageLocation, DownloadRequest, Restore } from '@ferry/api';
import { splitObjectKey, type KubeLogger, type ReconcileFunction } from '@ferry/kube';
import {
  decideDownloadTarget,
  downloadRequestAction,
  downloadTargetBackupName,
  downloadTargetOwner,
  failedDownloadStatus,
  processedDownloadStatus,
  type DownloadRequestStatusPatch,
  type DownloadTarget,
  type DownloadTargetLookup,
} from '@ferry/storage-location';
import type { DownloadUrlPresigner } from './download-url-presigner';

/** Reads of the objects a request points at; each resolves `undefined` when the object does not exist. */
export interface DownloadTargetReader {
  restore(namespace: string, name: string): Promise<Restore | undefined>;
  backup(namespace: string, name: string): Promise<Backup | undefined>;
  location(namespace: string, name: string): Promise<BackupStorageLocation | undefined>;
}

/** Writes of a request; both resolve when the request is already gone. */
export interface DownloadRequestWriter {
  /** Merge-patches `status` into the request (velero.io kinds have no status subresource). */
  writeStatus(namespace: string, name: string, status: DownloadRequestStatusPatch): Promise<void>;
  delete(namespace: string, name: string): Promise<void>;
}

/** The collaborators of {@link createDownloadRequestReconciler}. */
export interface DownloadRequestReconcilerOptions {
  /** The request cache (the informer). */
  readonly requests: { get(namespace: string, name: string): DownloadRequest | undefined };
  readonly targets: DownloadTargetReader;
  readonly writer: DownloadRequestWriter;
  readonly presigner: DownloadUrlPresigner;
  readonly now: () => number;
  readonly logger: KubeLogger;
}

/** Looks up the restore (Restore kinds), then the backup, then its location, stopping at the first one missing. */
async function lookUp(targets: DownloadTargetReader, namespace: string, target: DownloadTarget): Promise<DownloadTargetLookup> {
  const owner = downloadTargetOwner(target.kind);
  if (!owner || !target.name) return { namespace, target };
  const restore = owner === 'restore' ? await targets.restore(namespace, target.name) : undefined;
  if (owner === 'restore' && !restore) return { namespace, target };
  const backupName = downloadTargetBackupName(target, restore);
  const backup = backupName ? await targets.backup(namespace, backupName) : undefined;
  const locationName = backup?.spec?.storageLocation;
  const location = locationName ? await targets.location(namespace, locationName) : undefined;
  return { namespace, target, restore, backup, location };
}

/** The status a New request gets: Processed with a URL, or Failed with the reason. */
async function statusFor(options: DownloadRequestReconcilerOptions, lookup: DownloadTargetLookup): Promise<DownloadRequestStatusPatch> {
  const decision = decideDownloadTarget(lookup);
  if (decision.outcome === 'failed') return failedDownloadStatus(decision.message, options.now());
  const signed = await options.presigner.presign(decision.location, decision.keyOf);
  return 'url' in signed ? processedDownloadStatus(signed.url, options.now()) : failedDownloadStatus(signed.problem, options.now());
}

/**
 * The reconcile function of the DownloadRequest controller (keys `namespace/name`). Rejects (→
 * backoff) only when the API server or the credential read fails in a way retrying can help.
 */
export function createDownloadRequestReconciler(options: DownloadRequestReconcilerOptions): ReconcileFunction {
  const { requests, targets, writer, logger } = options;
  return async (key) => {
    const { namespace = '', name } = splitObjectKey(key);
    const request = requests.get(namespace, name);
    if (!request) return;
    const action = downloadRequestAction(request, options.now());
    if (action.action === 'delete') {
      await writer.delete(namespace, name);
      logger.debug({ downloadRequest: key }, 'DownloadRequest has expired: deleted');
      return;
    }
    if (action.action === 'keep') return action.requeueAfterMs === undefined ? undefined : { requeueAfterMs: action.requeueAfterMs };
    const target = request.spec?.target ?? { kind: '', name: '' };
    const status = await statusFor(options, await lookUp(targets, namespace, target));
    await writer.writeStatus(namespace, name, status);
    if (status.message)
      logger.info({ downloadRequest: key, kind: target.kind, target: target.name, reason: status.message }, 'DownloadRequest failed');
    else logger.debug({ downloadRequest: key, kind: target.kind, target: target.name }, 'DownloadRequest processed');
    return undefined;
  };
}
