// The Backup a Schedule creates when due, as Velero's builder.ForBackup(...).FromSchedule(...)
// makes it (pkg/builder/backup_builder.go) and Schedule.TimestampedName names it. Pure.
import { VeleroLabel, type Backup, type Schedule } from '@ferry/api';

/** Velero's ConfigmapRefType: the kind FromSchedule writes into `spec.resourcePolicy`. */
const resourcePolicyKind = 'configmap';

const nameTimestamp = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** Schedule.TimestampedName: `<schedule>-<yyyyMMddHHmmss>` of `atMs` in UTC. Pure. */
export function scheduledBackupName(scheduleName: string, atMs: number): string {
  const iso = new Date(atMs).toISOString();
  return `${scheduleName}-${iso.slice(0, 19).replace(/[-T:]/g, '')}`;
}

/**
 * The time (ms) encoded in `backupName` when it is `<scheduleName>-<yyyyMMddHHmmss>`, else
 * undefined. The inverse of {@link scheduledBackupName}, to the second. Pure.
 */
export function scheduledBackupTime(scheduleName: string, backupName: string): number | undefined {
  if (!backupName.startsWith(`${scheduleName}-`)) return undefined;
  const match = nameTimestamp.exec(backupName.slice(scheduleName.length + 1));
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  return scheduledBackupName(scheduleName, ms) === backupName ? ms : undefined;
}

/**
 * The Backup `schedule` creates at `atMs`, as Velero's FromSchedule builds it: named
 * {@link scheduledBackupName}, in the Schedule's namespace; the spec is the template; labels
 * are the template's `metadata.labels` when set (else the Schedule's own labels) plus
 * `velero.io/schedule-name`; annotations are the Schedule's own; with
 * `useOwnerReferencesInBackup` the Schedule is its controller owner; a template
 * `resourcePolicy` is kept by name with kind `configmap`. No status: the Backup controller
 * takes it from there. Pure.
 */
export function backupFromSchedule(schedule: Schedule, atMs: number): Backup {
  const metadata = schedule.metadata ?? {};
  const template = schedule.spec?.template ?? {};
  const scheduleName = metadata.name ?? '';
  const labels = { ...(template.metadata?.labels ?? metadata.labels ?? {}), [VeleroLabel.ScheduleName]: scheduleName };
  const annotations = metadata.annotations ? { annotations: { ...metadata.annotations } } : {};
  const owners =
    schedule.spec?.useOwnerReferencesInBackup === true
      ? {
          ownerReferences: [
            { apiVersion: 'velero.io/v1', kind: 'Schedule', name: scheduleName, uid: metadata.uid ?? '', controller: true },
          ],
        }
      : {};
  const resourcePolicy = template.resourcePolicy
    ? { resourcePolicy: { kind: resourcePolicyKind, name: template.resourcePolicy.name } }
    : {};
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: {
      name: scheduledBackupName(scheduleName, atMs),
      ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
      labels,
      ...annotations,
      ...owners,
    },
    spec: { ...structuredClone(template), ...resourcePolicy },
  };
}
