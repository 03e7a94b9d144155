// `--wait`: watches one Backup or Restore and the volume transfers labelled with its name
// (DataUploads and PodVolumeBackups by `velero.io/backup-name`, DataDownloads and
// PodVolumeRestores by `velero.io/restore-name`) through @ferry/kube informers, hands every
// change (and a once-a-second tick, so rates decay) to the view, and resolves at Completed,
// PartiallyFailed, Failed or FailedValidation — the phases Velero's CLI stops at.
import {
  VeleroLabel,
  backupDefinition,
  dataDownloadDefinition,
  dataUploadDefinition,
  podVolumeBackupDefinition,
  podVolumeRestoreDefinition,
  restoreDefinition,
  type Backup,
  type DataMoveProgress,
  type Restore,
} from '@ferry/api';
import { veleroLabelValue } from '@ferry/backup';
import { createInformer, silentLogger, type KubeObject, type ResourceDescriptor, type ResourceInformer } from '@ferry/kube';
import type { ExitCode } from '../cli-io';
import { CliError, CliErrorCode } from '../errors';
import type { VeleroResources } from '../velero/velero-resources';
import type { ProgressView } from './progress-view';
import { waitExitCode, type TransferState, type WaitState } from './wait-outcome';

/** The object `--wait` follows. */
export interface WaitTarget {
  readonly kind: 'backup' | 'restore';
  readonly namespace: string;
  readonly name: string;
}

/** How the wait ended. */
export interface WaitResult {
  readonly phase: string;
  readonly exitCode: ExitCode;
}

type Transfer = KubeObject & {
  spec?: {
    sourcePVC?: string;
    sourceNamespace?: string;
    targetVolume?: { pvc?: string; namespace?: string };
    pod?: { name?: string };
    volume?: string;
  };
  status?: { phase?: string; progress?: DataMoveProgress | null };
};

function transferLabel(transfer: Transfer): string {
  const spec = transfer.spec ?? {};
  if (spec.sourcePVC) return `${spec.sourceNamespace ?? ''}/${spec.sourcePVC}`;
  if (spec.targetVolume?.pvc) return `${spec.targetVolume.namespace ?? ''}/${spec.targetVolume.pvc}`;
  if (spec.volume) return `${spec.pod?.name ?? ''}/${spec.volume}`;
  return transfer.metadata?.name ?? '';
}

function transferState(transfer: Transfer): TransferState {
  return {
    key: transfer.metadata?.uid ?? transfer.metadata?.name ?? '',
    label: transferLabel(transfer),
    phase: transfer.status?.phase,
    bytesDone: transfer.status?.progress?.bytesDone ?? 0,
    totalBytes: transfer.status?.progress?.totalBytes ?? 0,
  };
}

function objectState(object: Backup | Restore | undefined, transfers: readonly Transfer[]): WaitState {
  const progress = object?.status?.progress as { totalItems?: number; itemsBackedUp?: number; itemsRestored?: number } | null | undefined;
  return {
    phase: object?.status?.phase,
    itemsDone: progress?.itemsBackedUp ?? progress?.itemsRestored ?? 0,
    itemsTotal: progress?.totalItems ?? 0,
    transfers: transfers.map(transferState).sort((a, b) => a.label.localeCompare(b.label)),
  };
}

function informers(resources: VeleroResources, target: WaitTarget) {
  const watch = <T extends KubeObject>(resource: ResourceDescriptor, selector: { labelSelector?: string; fieldSelector?: string }) =>
    createInformer<T>(resources.kube, resource, { namespace: target.namespace, logger: silentLogger, ...selector });
  const backup = target.kind === 'backup';
  const label = `${backup ? VeleroLabel.BackupName : VeleroLabel.RestoreName}=${veleroLabelValue(target.name)}`;
  return {
    object: watch<Backup | Restore>(backup ? backupDefinition : restoreDefinition, { fieldSelector: `metadata.name=${target.name}` }),
    transfers: [
      watch<Transfer>(backup ? dataUploadDefinition : dataDownloadDefinition, { labelSelector: label }),
      watch<Transfer>(backup ? podVolumeBackupDefinition : podVolumeRestoreDefinition, { labelSelector: label }),
    ] as ResourceInformer<Transfer>[],
  };
}

/**
 * Follows `target` until a final phase, showing progress on `view`; resolves with the phase and
 * its exit code. Rejects with `CLI_NOT_AVAILABLE` if the object is deleted while waiting. The
 * informers and the view are closed on every outcome.
 */
export async function waitForCompletion(
  resources: VeleroResources,
  target: WaitTarget,
  view: ProgressView,
  now: () => number,
): Promise<WaitResult> {
  const watched = informers(resources, target);
  const all = [watched.object, ...watched.transfers];
  let tick: NodeJS.Timeout | undefined;
  try {
    return await new Promise<WaitResult>((resolve, reject) => {
      const refresh = (): void => {
        const object = watched.object.get(target.namespace, target.name);
        view.show(
          objectState(
            object,
            watched.transfers.flatMap((informer) => informer.list(target.namespace)),
          ),
          now(),
        );
        const phase = object?.status?.phase;
        const exitCode = waitExitCode(phase);
        if (phase && exitCode !== undefined) resolve({ phase, exitCode });
      };
      for (const informer of all) {
        informer.on('add', refresh);
        informer.on('update', refresh);
      }
      watched.object.on('delete', () =>
        reject(new CliError(CliErrorCode.NotAvailable, `${target.kind} ${target.name} was deleted while waiting`)),
      );
      tick = setInterval(refresh, 1000);
    });
  } finally {
    clearInterval(tick);
    view.close();
    await Promise.all(all.map((informer) => informer.stop()));
  }
}
