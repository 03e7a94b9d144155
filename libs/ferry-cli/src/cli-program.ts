import { Command, CommanderError, Option } from 'commander';
import { ExitCode, type CliIo } from './cli-io';
import { registerBackupCommands } from './commands/backup-commands';
import type { CommandContext } from './commands/command-context';
import { registerRestoreCommands } from './commands/restore-commands';
import { registerScheduleCommands } from './commands/schedule-commands';
import { explainBackup, ExplainOutput, type BackupPlanner } from './policy-explain-command';
import { validatePolicyFile } from './policy-validate-command';

/** What commands need from the outside world; the app supplies real implementations. */
export interface CliDependencies extends Omit<CommandContext, 'io'> {
  readonly planBackup: BackupPlanner;
}

/**
 * Runs `ferry` with `args` (without the node and script paths) and resolves with the exit code.
 * Usage errors (unknown command, missing argument) print the reason and help to `io.err` and give
 * exit code 2; `--help` prints to `io.out` and gives 0. Never exits the process itself.
 */
export async function runCli(args: readonly string[], io: CliIo, dependencies: CliDependencies): Promise<ExitCode> {
  let code: ExitCode = ExitCode.Ok;
  const program = new Command('ferry')
    .description('Ferry: Velero-compatible volume data path. Commands talk to the cluster of your kubeconfig.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();

  const policy = program.command('policy').description('volume policies: validate documents, explain backup decisions');
  policy
    .command('validate')
    .description('check a resource-policies document (the data of the ConfigMap a Backup references)')
    .argument('<file>', 'YAML file with the policies document')
    .action(async (file: string) => {
      code = await validatePolicyFile(file, io);
    });

  policy
    .command('explain')
    .description('show, per volume of a Backup, whether it is snapshotted, fs-backed up or skipped, and why')
    .requiredOption('--backup <name>', 'name of the Backup')
    .option('-n, --namespace <namespace>', "namespace of the Backup (Ferry's)", dependencies.defaultNamespace)
    .addOption(new Option('-o, --output <format>', 'output format').choices(Object.values(ExplainOutput)).default(ExplainOutput.Table))
    .action(async (options: { backup: string; namespace: string; output: ExplainOutput }) => {
      code = await explainBackup({ namespace: options.namespace, name: options.backup }, dependencies.planBackup, options.output, io);
    });

  const context: CommandContext = { ...dependencies, io };
  const done = (result: ExitCode): void => void (code = result);
  registerBackupCommands(program, context, done);
  registerRestoreCommands(program, context, done);
  registerScheduleCommands(program, context, done);

  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    throw error;
  }
  return code;
}
