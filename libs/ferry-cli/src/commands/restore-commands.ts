// `ferry restore create|get|describe|logs`: Velero's verbs, flags and messages
// (pkg/cmd/cli/restore), with live progress for `create --wait`.
import { DownloadTargetKind, VeleroLabel, type Restore } from '@ferry/api';
import type { Command } from 'commander';
import { ExitCode } from '../cli-io';
import { CliError, CliErrorCode } from '../errors';
import { commaList } from '../flags/flag-values';
import { restoreFromFlags, type RestoreFlagValues } from '../flags/restore-flags';
import { restoreTable } from '../format/resource-tables';
import { backupLocationCaCert } from '../velero/download-trust';
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
import { restoreDescribeKind } from './restore-describe-command';
import { objectDeleteKind, registerDelete } from './delete-command';
import { registerDescribe } from './describe-command';
import { registerLogs, type LogsKind } from './logs-command';
import { reportSubmitted } from './wait-command';

type CreateOptions = ConnectionOptions & RestoreFlagValues & { wait?: boolean; output?: string };

async function createRestore(context: CommandContext, name: string | undefined, options: CreateOptions): Promise<ExitCode> {
  const format = outputFormat(options.output);
  const restore = flagValue(restoreFromFlags(options.namespace, name, options, context.now()));
  if (format && format !== 'table') {
    printEncoded(context.io, format, restore);
    return ExitCode.Ok;
  }
  const resources = context.connect(options.kubeconfig);
  if (options.fromBackup) await resources.backups.get(options.namespace, options.fromBackup);
  if (options.fromSchedule) {
    const selector = `${VeleroLabel.ScheduleName}=${options.fromSchedule}`;
    const backups = await resources.backups.list(options.namespace, { labelSelector: selector });
    if (backups.length === 0) throw new CliError(CliErrorCode.NotAvailable, `No backups found for the schedule ${options.fromSchedule}`);
  }
  const created = await resources.restores.create(restore);
  return reportSubmitted(context, resources, 'restore', options.namespace, created.metadata?.name ?? '', options.wait);
}

function getRestores(
  context: CommandContext,
  names: string[],
  options: ConnectionOptions & { output?: string; selector?: string },
): Promise<ExitCode> {
  const client = context.connect(options.kubeconfig).restores;
  return getObjects(context, { kind: 'Restore', client, table: restoreTable }, names, options);
}

/** `restore logs`: Velero's messages, the log in the location of the restore's backup. */
const restoreLogsKind: LogsKind<Restore> = {
  singular: 'restore',
  logKind: DownloadTargetKind.RestoreLog,
  find: (resources, namespace, name) => resources.restores.find(namespace, name),
  locationCa: (resources, restore) =>
    backupLocationCaCert(resources, restore.metadata?.namespace ?? '', restore.spec?.backupName ?? undefined),
  missing: (name) => `Restore "${name}" does not exist.`,
  unfinished: (name) =>
    `Logs for restore "${name}" are not available until it's finished processing. Please wait until the restore has a phase of Completed or Failed and try again.`,
};

/**
 * `restore delete`: the Restore object itself (Velero makes no request for restores); the restore
 * finalizer deletes its files from the location before the object goes.
 */
const restoreDeleteKind = objectDeleteKind<Restore>(
  'restore',
  (resources) => resources.restores,
  (name) =>
    `Request to delete restore "${name}" submitted successfully.\nThe restore will be fully deleted after all associated data (restore files in object storage) are removed.\n`,
  true,
);

/** Registers `ferry restore …` on `program`; each action stores its exit code through `done`. */
export function registerRestoreCommands(program: Command, context: CommandContext, done: (code: ExitCode) => void): void {
  const restore = program.command('restore').description('work with restores');
  const run = (action: () => Promise<ExitCode>) => runAction(context.io, action).then(done);

  withOutput(withConnection(restore.command('create').argument('[name]').description('create a restore'), context))
    .option('--from-backup <backup>', 'backup to restore from')
    .option('--from-schedule <schedule>', 'schedule to restore from (its most recent completed backup)')
    .option('--include-namespaces <namespaces>', "namespaces to include in the restore (use '*' for all namespaces)", commaList)
    .option('--exclude-namespaces <namespaces>', 'namespaces to exclude from the restore', commaList)
    .option('--include-resources <resources>', "resources to include, formatted as resource.group (use '*' for all resources)", commaList)
    .option('--exclude-resources <resources>', 'resources to exclude, formatted as resource.group', commaList)
    .option(
      '--namespace-mappings <mappings>',
      'namespace mappings from name in the backup to desired restored name in the form src1:dst1,src2:dst2,...',
    )
    .option('--existing-resource-policy <policy>', 'what to do with resources that already exist: none or update')
    .option('--restore-volumes [bool]', 'whether to restore volumes from snapshots')
    .option('--preserve-nodeports [bool]', 'whether to preserve nodeports of Services when restoring')
    .option('--include-cluster-resources [bool]', 'include cluster-scoped resources in the restore')
    .option('-l, --selector <selector>', 'only restore resources matching this label selector')
    .option('--labels <labels>', 'labels to apply to the restore (k=v,k2=v2)')
    .option('--annotations <annotations>', 'annotations to apply to the restore (k=v,k2=v2)')
    .option('--item-operation-timeout <duration>', 'how long to wait for async plugin operations before timeout')
    .option('-w, --wait', 'wait for the operation to complete, with live progress')
    .action((name: string | undefined, options: CreateOptions) => run(() => createRestore(context, name, options)));

  withOutput(withConnection(restore.command('get').argument('[names...]').description('get restores'), context), 'table')
    .option('-l, --selector <selector>', 'only show items matching this label selector')
    .action((names: string[], options: ConnectionOptions & { output?: string }) => run(() => getRestores(context, names, options)));

  registerDescribe(restore, context, run, restoreDescribeKind);

  registerDelete(restore, context, run, restoreDeleteKind);

  registerLogs(restore, context, run, restoreLogsKind);
}
