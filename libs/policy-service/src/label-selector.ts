// Label selection of a Backup (`labelSelector`, or any of `orLabelSelectors`), applied to the
// pods and PVCs the plan reports, as the API server would apply a selector.
import type { BackupSpec, LabelSelector } from '@ferry/api';

type Labels = Readonly<Record<string, string>> | null | undefined;

/**
 * Whether `labels` satisfy `selector`: every `matchLabels` pair and every expression (`In`,
 * `NotIn`, `Exists`, `DoesNotExist`; an unknown operator never matches). An empty selector
 * matches everything. Pure.
 */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  const values = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (values[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every(({ key, operator, values: allowed = [] }) => {
    const has = Object.hasOwn(values, key);
    switch (operator) {
      case 'In':
        return has && allowed.includes(values[key] ?? '');
      case 'NotIn':
        return !has || !allowed.includes(values[key] ?? '');
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}

/**
 * Whether the Backup selects an object with `labels`: its `labelSelector` when set, else any of
 * its `orLabelSelectors`, else everything (Velero rejects Backups that set both). Pure.
 */
export function backupSelectsLabels(spec: Pick<BackupSpec, 'labelSelector' | 'orLabelSelectors'>, labels: Labels): boolean {
  if (spec.labelSelector) return selectorMatches(spec.labelSelector, labels);
  const any = spec.orLabelSelectors ?? [];
  return any.length === 0 || any.some((selector) => selectorMatches(selector, labels));
}
