// What the generic restore exposer's steps share (see generic-restore-exposer.ts): its API, settings,
// and the DataDownload an operation names, checked once in one place.
import type { DataDownload } from '@ferry/api';
import { dataDownloadOwner, type ExposerPodTemplate } from '@ferry/exposer';
import type { KubeLogger } from '@ferry/kube';
import type { ParsedNodeAgentConfig } from '@ferry/node-agent-config';
import { ExposerServiceError, ExposerServiceErrorCode } from './errors';
import type { OperationRef } from './exposer-roles';
import type { RestoreExposureApi } from './restore-exposure-api';
import type { RestoreTarget } from './restore-target-readiness';

/** The restore exposer's collaborators and settings, resolved from its options once. */
export interface RestoreExposerContext {
  readonly api: RestoreExposureApi;
  readonly logger: KubeLogger;
  readonly currentConfig: () => ParsedNodeAgentConfig | undefined;
  readonly podTemplate: ExposerPodTemplate;
  readonly pollMs: number;
  readonly timeoutMs: number;
}

/** A DataDownload with a valid owner and target volume. */
export interface LoadedOperation {
  readonly dd: DataDownload;
  readonly target: RestoreTarget;
}

/**
 * Reads the DataDownload `operation` names. Rejects (not retryable) when the operation is not a
 * DataDownload, it is gone, has no owner, or names no target PVC.
 */
export async function loadOperation(api: RestoreExposureApi, operation: OperationRef): Promise<LoadedOperation> {
  const where = `DataDownload ${operation.namespace}/${operation.name}`;
  if (operation.kind !== 'DataDownload') {
    throw new ExposerServiceError(
      ExposerServiceErrorCode.RestoreOperationInvalid,
      `the restore exposer handles DataDownloads, not ${operation.kind} ${operation.namespace}/${operation.name}`,
    );
  }
  const dd = await api.dataDownloads.find(operation.namespace, operation.name);
  if (!dd)
    throw new ExposerServiceError(ExposerServiceErrorCode.RestoreOperationInvalid, `${where} not found: it was deleted; nothing to expose`);
  const owner = dataDownloadOwner(dd);
  if (!owner.ok) throw new ExposerServiceError(ExposerServiceErrorCode.RestoreOperationInvalid, `${where}: ${owner.problem.message}`);
  const volume = dd.spec?.targetVolume;
  if (!volume?.pvc || !volume.namespace) {
    throw new ExposerServiceError(
      ExposerServiceErrorCode.RestoreOperationInvalid,
      `${where} has no spec.targetVolume.pvc/namespace: set the PVC to restore into`,
    );
  }
  return { dd, target: { namespace: volume.namespace, name: volume.pvc } };
}
