// `schedule create NAME --schedule CRON [backup flags]` → the Schedule Velero's CLI submits
// (pkg/cmd/cli/schedule/create.go): the template is the backup spec of the same flags, the cron
// expression checked as robfig/cron reads it, `useOwnerReferencesInBackup` and `paused` always set. Pure.
import type { Schedule } from '@ferry/api';
import { parseCronExpression } from '@ferry/backup';
import { backupSpecFromFlags, metadataFromFlags, type BackupFlagValues } from './backup-flags';
import type { FlagResult } from './flag-values';

/** The raw option values of `schedule create`. */
export interface ScheduleFlagValues extends BackupFlagValues {
  readonly schedule?: string;
  readonly paused?: boolean;
  readonly useOwnerReferencesInBackup?: boolean;
}

/** The Schedule `schedule create NAME` submits, or the first flag error. */
export function scheduleFromFlags(namespace: string, name: string, values: ScheduleFlagValues): FlagResult<Schedule> {
  if (!values.schedule)
    return { ok: false, message: '--schedule is required: give a cron expression such as --schedule="0 */6 * * *" or "@every 6h"' };
  const cron = parseCronExpression(values.schedule);
  if (!cron.ok) return { ok: false, message: `invalid value "${values.schedule}" for --schedule: ${cron.message}` };
  const template = backupSpecFromFlags(values);
  if (!template.ok) return template;
  const metadata = metadataFromFlags({ labels: values.labels });
  if (!metadata.ok) return metadata;
  return {
    ok: true,
    value: {
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: { namespace, name, ...metadata.value },
      spec: {
        template: template.value,
        schedule: values.schedule,
        useOwnerReferencesInBackup: values.useOwnerReferencesInBackup ?? false,
        paused: values.paused ?? false,
      },
    },
  };
}
