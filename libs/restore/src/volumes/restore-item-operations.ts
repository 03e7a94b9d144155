// A Restore's async item operations in Velero's `itemoperation.RestoreOperation` JSON shape
// (pkg/itemoperation/restore_operation.go): one per DataDownload, owned by the CSI PVC restorer,
// its phase read from the DataDownload as the action's Progress does, failed with Velero's
// "Asynchronous action timed out" past the restore's itemOperationTimeout. Pure.
import type { DataDownload, Restore } from '@ferry/api';
import { VeleroLabel } from '@ferry/api';
import {
  OperationPhase,
  dataMovementOperationStatus,
  type OperationClock,
  type OperationStatus,
  type ResourceIdentifier,
} from '@ferry/backup';

/** The restore item action that owns data mover operations. */
export const csiPvcRestorerName = 'velero.io/csi-pvc-restorer';

/** `itemoperation.RestoreOperation`, keys in Go's field order. */
export interface RestoreOperation {
  readonly spec: {
    readonly restoreName: string;
    readonly restoreUID: string;
    readonly restoreItemAction: string;
    readonly resourceIdentifier: ResourceIdentifier;
    readonly operationID: string;
  };
  readonly status: OperationStatus;
}

/** The operation of one DataDownload of `restore`, judged at `clock`. Pure. */
export function dataDownloadOperation(restore: Restore, download: DataDownload, clock: OperationClock): RestoreOperation {
  return {
    spec: {
      restoreName: restore.metadata?.name ?? '',
      restoreUID: restore.metadata?.uid ?? '',
      restoreItemAction: csiPvcRestorerName,
      resourceIdentifier: {
        Group: '',
        Resource: 'persistentvolumeclaims',
        Namespace: download.spec?.targetVolume.namespace ?? '',
        Name: download.spec?.targetVolume.pvc ?? '',
      },
      operationID: download.metadata?.labels?.[VeleroLabel.AsyncOperationId] ?? '',
    },
    status: dataMovementOperationStatus('DataDownload', download.metadata?.creationTimestamp ?? undefined, download.status, clock),
  };
}

/** The Restore status counters of its operations (`restoreItemOperations{Attempted,Completed,Failed}`). Pure. */
export function restoreOperationCounts(operations: readonly RestoreOperation[]): {
  attempted: number;
  completed: number;
  failed: number;
  running: number;
} {
  const count = (phase: OperationPhase) => operations.filter((operation) => operation.status.phase === phase).length;
  const completed = count(OperationPhase.Completed);
  const failed = count(OperationPhase.Failed);
  return { attempted: operations.length, completed, failed, running: operations.length - completed - failed };
}
