// [newest] Which data mover a DataUpload names in `spec.datamover`.
import { VolumeActionParameter, VolumeActionType } from '@ferry/api';
import type { BackupVolumeSettings } from './backup-volume-settings';
import type { VolumeDecision } from './decision-reason';

/** Where the chosen data mover came from. */
export const DataMoverSource = { VolumePolicy: 'volume-policy', BackupSpec: 'backup-spec' } as const;
/** One of {@link DataMoverSource}. */
export type DataMoverSource = (typeof DataMoverSource)[keyof typeof DataMoverSource];

/** The DataUpload `spec.datamover` value and its origin. `""` and `velero` mean the built-in default (velero-fs). */
export interface DataMoverChoice {
  readonly dataMover: string;
  readonly source: DataMoverSource;
}

/**
 * The data mover for a volume whose snapshot decision is `decision`: the `dataMover` parameter
 * of the matched `snapshot` policy when it has one (as written), else the Backup's
 * `spec.datamover` (`""` when unset). Pure.
 */
export function selectDataMover(decision: VolumeDecision, backup: BackupVolumeSettings): DataMoverChoice {
  const reason = decision.reason;
  if (reason.kind === 'policy-match' && reason.action.type === VolumeActionType.Snapshot) {
    const parameter = reason.action.parameters[VolumeActionParameter.DataMover];
    if (typeof parameter === 'string') return { dataMover: parameter, source: DataMoverSource.VolumePolicy };
  }
  return { dataMover: backup.datamover ?? '', source: DataMoverSource.BackupSpec };
}
