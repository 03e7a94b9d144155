// `ferry schedule create|get|pause|unpause`: Velero's verbs, flags and messages
// (pkg/cmd/cli/schedule).
import type { Schedule } from '@ferry/api';
import type { Command } from 'commander';
import { ExitCode } from '../cli-io';
import { scheduleFromFlags, type ScheduleFlagValues } from '../flags/schedule-flags';
import { scheduleTable } from '../format/resource-tables';
import { describeSchedule } from '../describe/schedule-describer';
import { objectDeleteKind, registerDelete } from './delete-command';
import { registerDescribe, type DescribeKind } from './describe-command';
import { addBackupFlags } from './backup-flag-options';
import {
  flagValue,
  outputFormat,
  printEncoded,
  runAction,
  withConnection,
  withOutput,
  type CommandContext,
  getObjects,
  type ConnectionOptions,
} from './command-context';

async function createSchedule(
  context: CommandContext,
  name: string,
  options: ConnectionOptions & ScheduleFlagValues & { output?: string },
): Promise<ExitCode> {
  const format = outputFormat(options.output);
  const schedule = flagValue(scheduleFromFlags(options.namespace, name, options));
  if (format && format !== 'table') {
    printEncoded(context.io, format, schedule);
    return ExitCode.Ok;
  }
  await context.connect(options.kubeconfig).schedules.create(schedule);
  context.io.out(`Schedule "${name}" created successfully.\n`);
  return ExitCode.Ok;
}

function getSchedules(
  context: CommandContext,
  names: string[],
  options: ConnectionOptions & { output?: string; selector?: string },
): Promise<ExitCode> {
  const client = context.connect(options.kubeconfig).schedules;
  return getObjects(context, { kind: 'Schedule', client, table: (items) => scheduleTable(items, context.now()) }, names, options);
}

async function setPaused(
  context: CommandContext,
  names: string[],
  options: ConnectionOptions & { all?: boolean },
  paused: boolean,
): Promise<ExitCode> {
  const resources = context.connect(options.kubeconfig);
  const targets =
    names.length > 0 ? names : options.all ? (await resources.schedules.list(options.namespace)).map((s) => s.metadata?.name ?? '') : [];
  if (targets.length === 0) {
    context.io.out('No schedules found\n');
    return ExitCode.Ok;
  }
  const verb = paused ? 'paused' : 'unpaused';
  for (const name of targets) {
    const schedule = await resources.schedules.get(options.namespace, name);
    const changed = (schedule.spec?.paused ?? false) !== paused;
    if (changed) await resources.schedules.patch(options.namespace, name, { spec: { paused } });
    context.io.out(changed ? `Schedule ${name} ${verb} successfully\n` : `Schedule ${name} is already ${verb}, skip\n`);
  }
  return ExitCode.Ok;
}

/** `schedule describe`: Velero's text of each Schedule. */
const scheduleDescribeKind: DescribeKind<Schedule> = {
  kind: 'Schedule',
  detailed: false,
  reader: (resources) => resources.schedules,
  describe: (schedule) => Promise.resolve(describeSchedule(schedule)),
};

/** `schedule delete`: the Schedule object; its backups stay (unless they are owned by it). */
const scheduleDeleteKind = objectDeleteKind<Schedule>(
  'schedule',
  (resources) => resources.schedules,
  (name) => `Schedule deleted: ${name}\n`,
);

/** Registers `ferry schedule …` on `program`; each action stores its exit code through `done`. */
export function registerScheduleCommands(program: Command, context: CommandContext, done: (code: ExitCode) => void): void {
  const schedule = program.command('schedule').description('work with schedules');
  const run = (action: () => Promise<ExitCode>) => runAction(context.io, action).then(done);

  const create = withOutput(
    withConnection(
      schedule.command('create').argument('<name>').description('create a schedule (cron in UTC, or @every <duration>)'),
      context,
    ),
  );
  addBackupFlags(create)
    .option('--schedule <cron>', 'a cron expression specifying a recurring schedule for this backup to run')
    .option('--paused', 'create the schedule paused')
    .option('--use-owner-references-in-backup', 'backups of this schedule are owned by it (deleted with it)')
    .action((name: string, options: ConnectionOptions & ScheduleFlagValues & { output?: string }) =>
      run(() => createSchedule(context, name, options)),
    );

  withOutput(withConnection(schedule.command('get').argument('[names...]').description('get schedules'), context), 'table')
    .option('-l, --selector <selector>', 'only show items matching this label selector')
    .action((names: string[], options: ConnectionOptions & { output?: string }) => run(() => getSchedules(context, names, options)));

  registerDescribe(schedule, context, run, scheduleDescribeKind);
  registerDelete(schedule, context, run, scheduleDeleteKind);

  for (const [verb, paused] of [
    ['pause', true],
    ['unpause', false],
  ] as const) {
    withConnection(schedule.command(verb).argument('[names...]').description(`${verb} schedules`), context)
      .option('--all', `${verb} all schedules`)
      .action((names: string[], options: ConnectionOptions & { all?: boolean }) => run(() => setPaused(context, names, options, paused)));
  }
}
