// Label selection of a Backup (`labelSelector`, or any of `orLabelSelectors`), applied to the
// pods and PVCs the plan reports, as the API server would apply a selector.
import type { BackupSpec } from '@ferry/api';
import { labelSelectorMatches, type ObjectLabels } from '@ferry/kube-values';

/**
 * Whether the Backup selects an object with `labels`: its `labelSelector` when set, else any of
 * its `orLabelSelectors`, else everything (Velero rejects Backups that set both). Pure.
 */
export function backupSelectsLabels(spec: Pick<BackupSpec, 'labelSelector' | 'orLabelSelectors'>, labels: ObjectLabels): boolean {
  if (spec.labelSelector) return labelSelectorMatches(spec.labelSelector, labels);
  const any = spec.orLabelSelectors ?? [];
  return any.length === 0 || any.some((selector) => labelSelectorMatches(selector, labels));
}
