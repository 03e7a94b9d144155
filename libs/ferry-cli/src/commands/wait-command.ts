// The tail of `backup create` and `restore create`: Velero's "submitted" message, then with
// `--wait` its messages around the watch, live bars or plain lines, and the exit code of the final
// phase; without it, the hint to describe or read the logs.
import { ExitCode } from '../cli-io';
import { waitForCompletion } from '../wait/completion-watcher';
import { barProgressView, lineProgressView } from '../wait/progress-view';
import type { CommandContext } from './command-context';
import type { VeleroResources } from '../velero/velero-resources';

/** Waits for Backup/Restore `name` after it was submitted; resolves with the exit code of its final phase. */
export async function waitAndReport(
  context: CommandContext,
  resources: VeleroResources,
  kind: 'backup' | 'restore',
  namespace: string,
  name: string,
): Promise<ExitCode> {
  const { io } = context;
  io.out(`Waiting for ${kind} to complete. You may safely press ctrl-c to stop waiting - your ${kind} will continue in the background.\n`);
  const view = context.terminal ? barProgressView(context.terminal, kind) : lineProgressView(io, kind);
  const result = await waitForCompletion(resources, { kind, namespace, name }, view, context.now);
  const title = kind === 'backup' ? 'Backup' : 'Restore';
  io.out(
    `\n${title} completed with status: ${result.phase}. You may check for more information using the commands \`ferry ${kind} describe ${name}\` and \`ferry ${kind} logs ${name}\`.\n`,
  );
  return result.exitCode ?? ExitCode.Failure;
}

/** Velero's lines after Backup/Restore `name` was created; with `wait`, waits for it as {@link waitAndReport}. */
export async function reportSubmitted(
  context: CommandContext,
  resources: VeleroResources,
  kind: 'backup' | 'restore',
  namespace: string,
  name: string,
  wait: boolean | undefined,
): Promise<ExitCode> {
  const title = kind === 'backup' ? 'Backup' : 'Restore';
  context.io.out(`${title} request "${name}" submitted successfully.\n`);
  if (wait) return waitAndReport(context, resources, kind, namespace, name);
  context.io.out(`Run \`ferry ${kind} describe ${name}\` or \`ferry ${kind} logs ${name}\` for more details.\n`);
  return ExitCode.Ok;
}
