// `velero schedule describe` as Velero's output.DescribeSchedule prints it: metadata, phase, the
// template's resource policies and uploader config, validation errors, paused, the cron schedule
// with the backup template indented one level, and the last backup time. Pure.
import type { Schedule } from '@ferry/api';
import { goTime } from '../format/go-values';
import { describeBackupSpec, describeTemplateSettings } from './backup-spec-section';
import { Describer } from './describer';

/** The text of `schedule describe` for `schedule`. */
export function describeSchedule(schedule: Schedule): string {
  const d = new Describer();
  const spec = schedule.spec;
  d.metadata(schedule.metadata ?? {});
  d.line();
  d.print(`Phase:\t${schedule.status?.phase || 'New'}\n`);
  describeTemplateSettings(d, spec?.template ?? {}, schedule.status?.validationErrors);
  d.line();
  d.print(`Paused:\t${spec?.paused === true}\n`);
  d.line();
  d.print(`Schedule:\t${spec?.schedule ?? ''}\n`);
  d.line();
  d.line('Backup Template:');
  d.withPrefix('\t', () => describeBackupSpec(d, spec?.template ?? {}));
  d.line();
  d.print(`Last Backup:\t${goTime(schedule.status?.lastBackup) ?? '<never>'}\n`);
  return d.render();
}
