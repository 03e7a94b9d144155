// `ferry backup create|get|describe|logs|delete|download`: Velero's verbs, flags and messages
// (pkg/cmd/cli/backup), with live progress for `create --wait`.
import { writeFile } from 'node:fs/promises';
import { DownloadTargetKind, type Backup } from '@ferry/api';
import { backupFromSchedule, deleteBackupRequestFor } from '@ferry/backup';
import { isAlreadyExists } from '@ferry/kube';
import type { Command } from 'commander';
import { ExitCode } from '../cli-io';
import { CliError, CliErrorCode } from '../errors';
import { backupFromFlags, type BackupFlagValues } from '../flags/backup-flags';
import { backupTable } from '../format/resource-tables';
import { backupDescribeKind } from './backup-describe-command';
import { registerDelete, type DeleteKind } from './delete-command';
import { registerDescribe } from './describe-command';
import { flaggedDownloader, timeoutMs, withTimeoutFlag, withTlsFlags, type DownloadFlagValues } from './download-flags';
import { registerLogs, type LogsKind } from './logs-command';
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
import { locationCaCert } from '../velero/download-trust';
import type { VeleroResources } from '../velero/velero-resources';
import { reportSubmitted } from './wait-command';

type CreateOptions = ConnectionOptions & BackupFlagValues & { wait?: boolean; output?: string; fromSchedule?: string };

async function buildBackup(context: CommandContext, name: string | undefined, options: CreateOptions): Promise<Backup> {
  if (options.fromSchedule !== undefined) {
    const scheduleName = options.fromSchedule.trim();
    if (!scheduleName) throw new CliError(CliErrorCode.BadFlag, 'flag must have a non-empty value: --from-schedule');
    const schedule = await context.connect(options.kubeconfig).schedules.get(options.namespace, scheduleName);
    const backup = backupFromSchedule(schedule, context.now());
    return name ? { ...backup, metadata: { ...backup.metadata, name } } : backup;
  }
  if (!name)
    throw new CliError(CliErrorCode.BadFlag, 'a backup name is required, unless you are creating based on a schedule (--from-schedule)');
  return flagValue(backupFromFlags(options.namespace, name, options));
}

async function createBackup(context: CommandContext, name: string | undefined, options: CreateOptions): Promise<ExitCode> {
  const format = outputFormat(options.output);
  const backup = await buildBackup(context, name, options);
  if (format && format !== 'table') {
    printEncoded(context.io, format, backup);
    return ExitCode.Ok;
  }
  const resources = context.connect(options.kubeconfig);
  // Velero checks the location exists before submitting.
  if (backup.spec?.storageLocation) await resources.storageLocations.get(options.namespace, backup.spec.storageLocation);
  if (options.fromSchedule !== undefined) context.io.out('Creating backup from schedule, all other filters are ignored.\n');
  const created = await resources.backups.create(backup);
  return reportSubmitted(context, resources, 'backup', options.namespace, created.metadata?.name ?? '', options.wait);
}

function getBackups(
  context: CommandContext,
  names: string[],
  options: ConnectionOptions & { output?: string; selector?: string },
): Promise<ExitCode> {
  const client = context.connect(options.kubeconfig).backups;
  return getObjects(context, { kind: 'Backup', client, table: (items) => backupTable(items, context.now()) }, names, options);
}

/** `backup logs`: Velero's messages, the log of the backup's location. */
const backupLogsKind: LogsKind<Backup> = {
  singular: 'backup',
  logKind: DownloadTargetKind.BackupLog,
  find: (resources, namespace, name) => resources.backups.find(namespace, name),
  locationCa: (resources, backup) => locationCaCert(resources, backup.metadata?.namespace ?? '', backup.spec?.storageLocation ?? undefined),
  missing: (name) => `backup "${name}" does not exist`,
  unfinished: (name) =>
    `logs for backup "${name}" are not available until it's finished processing, please wait until the backup has a phase of Completed or Failed and try again`,
};

/** Velero's `CreateRetryGenerateName`: a generated name that is taken is generated again. */
async function createDeleteRequest(resources: VeleroResources, backup: Backup, attempts = 5): Promise<void> {
  try {
    await resources.deleteBackupRequests.create(deleteBackupRequestFor(backup));
  } catch (error) {
    if (attempts <= 1 || !isAlreadyExists(error)) throw error;
    await createDeleteRequest(resources, backup, attempts - 1);
  }
}

/** `backup delete`: a DeleteBackupRequest per Backup (the server deletes its data, then the Backup). */
const backupDeleteKind: DeleteKind<Backup> = {
  singular: 'backup',
  allNamesFirst: false,
  reader: (resources) => resources.backups,
  remove: async (resources, backup) => {
    await createDeleteRequest(resources, backup);
    return `Request to delete backup "${backup.metadata?.name ?? ''}" submitted successfully.\nThe backup will be fully deleted after all associated data (disk snapshots, backup files, restores) are removed.\n`;
  },
};

async function downloadBackup(
  context: CommandContext,
  name: string,
  options: ConnectionOptions & DownloadFlagValues & { output?: string; force?: boolean },
): Promise<ExitCode> {
  const timeout = timeoutMs(options.timeout);
  const resources = context.connect(options.kubeconfig);
  const backup = await resources.backups.get(options.namespace, name);
  const path = options.output ?? `${name}-data.tar.gz`;
  const downloader = await flaggedDownloader(context.io, resources, options, () => backupLogsKind.locationCa(resources, backup));
  const contents = await downloader.document({ namespace: options.namespace, name, kind: DownloadTargetKind.BackupContents }, timeout);
  if (contents.state !== 'ok') throw new CliError(CliErrorCode.Download, contents.state === 'error' ? contents.message : 'file not found');
  await writeFile(path, contents.value, { flag: options.force ? 'w' : 'wx', mode: 0o600 });
  context.io.out(`Backup ${name} has been successfully downloaded to ${path}\n`);
  return ExitCode.Ok;
}

/** Registers `ferry backup …` on `program`; each action stores its exit code through `done`. */
export function registerBackupCommands(program: Command, context: CommandContext, done: (code: ExitCode) => void): void {
  const backup = program.command('backup').description('work with backups');
  const run = (action: () => Promise<ExitCode>) => runAction(context.io, action).then(done);

  const create = withOutput(withConnection(backup.command('create').argument('[name]').description('create a backup'), context));
  addBackupFlags(create)
    .option('-w, --wait', 'wait for the operation to complete, with live progress')
    .option('--from-schedule <schedule>', 'create a backup from the template of an existing schedule; other filters are ignored')
    .action((name: string | undefined, options: CreateOptions) => run(() => createBackup(context, name, options)));

  withOutput(withConnection(backup.command('get').argument('[names...]').description('get backups'), context), 'table')
    .option('-l, --selector <selector>', 'only show items matching this label selector')
    .action((names: string[], options: ConnectionOptions & { output?: string }) => run(() => getBackups(context, names, options)));

  registerDescribe(backup, context, run, backupDescribeKind);

  registerLogs(backup, context, run, backupLogsKind);

  registerDelete(backup, context, run, backupDeleteKind);

  const download = withConnection(
    backup.command('download').argument('<name>').description('download all Kubernetes manifests of a backup'),
    context,
  )
    .option('-o, --output <path>', 'path to output file; defaults to <NAME>-data.tar.gz in the current directory')
    .option('--force', 'overwrite the file if it exists already');
  withTlsFlags(withTimeoutFlag(download, 'maximum time to wait to process download request')).action(
    (name: string, options: ConnectionOptions & DownloadFlagValues & { output?: string; force?: boolean }) =>
      run(() => downloadBackup(context, name, options)),
  );
}
