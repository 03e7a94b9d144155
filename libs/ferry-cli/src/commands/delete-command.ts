// The one skeleton of `ferry backup|restore|schedule delete`, as Velero's delete commands share it
// (pkg/cmd/cli/delete_options.go, select_option.go and each kind's delete.go): exactly one of
// names, `--all` or `-l`; without `--confirm` the user is asked and anything but yes does nothing
// (exit 0); then each object is removed by the kind's own way, and the failures are reported
// together at the end.
import type { Command } from 'commander';
import { ExitCode } from '../cli-io';
import { CliError, CliErrorCode } from '../errors';
import type { VeleroResources } from '../velero/velero-resources';
import { withConnection, type ActionRunner, type CommandContext, type ObjectReader, type SelectionOptions } from './command-context';
import { confirmOnInput } from './confirmation';

/** The options of a `delete`. */
export interface DeleteOptions extends SelectionOptions {
  readonly confirm?: boolean;
  readonly all?: boolean;
}

/** One kind's `delete`. */
export interface DeleteKind<T> {
  /** `backup`, `restore`, `schedule`: Velero's singular type name in its messages. */
  readonly singular: string;
  readonly reader: (resources: VeleroResources) => ObjectReader<T>;
  /** Removes `object` (a DeleteBackupRequest, or the object itself) and resolves with the line to print. */
  readonly remove: (resources: VeleroResources, object: T) => Promise<string>;
  /** Velero's restore delete: a name that cannot be read stops the command before anything is deleted. */
  readonly allNamesFirst: boolean;
}

/** What {@link objectDeleteKind} needs of a kind's client. */
interface DeletableClient<T> extends ObjectReader<T> {
  delete(namespace: string | undefined, name: string): Promise<void>;
}

/** A kind whose `delete` deletes the object itself (Restore, Schedule) and prints `message(name)`. */
export function objectDeleteKind<T extends { metadata?: { name?: string; namespace?: string } }>(
  singular: string,
  client: (resources: VeleroResources) => DeletableClient<T>,
  message: (name: string) => string,
  allNamesFirst = false,
): DeleteKind<T> {
  return {
    singular,
    allNamesFirst,
    reader: client,
    remove: async (resources, object) => {
      const name = object.metadata?.name ?? '';
      await client(resources).delete(object.metadata?.namespace, name);
      return message(name);
    },
  };
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Kubernetes' `utilerrors.NewAggregate(...).Error()`: one message as is, several as `[a, b]`. */
export function aggregateMessage(errors: readonly unknown[]): string {
  const messages = errors.map(messageOf);
  return messages.length === 1 ? (messages[0] ?? '') : `[${messages.join(', ')}]`;
}

/** Velero's `SelectOptions.Validate`: exactly one of names, `--all`, `--selector`; the failure's message otherwise. */
export function selectionProblem(singular: string, names: readonly string[], options: DeleteOptions): string | undefined {
  const chosen = [names.length > 0, options.all === true, options.selector !== undefined].filter(Boolean).length;
  return chosen === 1 ? undefined : `you must specify exactly one of: specific ${singular} name(s), the --all flag, or the --selector flag`;
}

async function selectForDeletion<T>(reader: ObjectReader<T>, names: readonly string[], options: DeleteOptions) {
  if (names.length === 0) {
    const objects = await reader.list(options.namespace, options.selector ? { labelSelector: options.selector } : {});
    return { objects, errors: [] as unknown[] };
  }
  const settled = await Promise.allSettled(names.map((name) => reader.get(options.namespace, name)));
  return {
    objects: settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])),
    errors: settled.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : [])),
  };
}

/** Runs `delete` of `kind`; resolves with exit 0 when declined, nothing was found, or everything was removed. */
export async function deleteObjects<T>(
  context: CommandContext,
  kind: DeleteKind<T>,
  names: string[],
  options: DeleteOptions,
): Promise<ExitCode> {
  const problem = selectionProblem(kind.singular, names, options);
  if (problem) throw new CliError(CliErrorCode.BadFlag, problem);
  if (!options.confirm && !(await confirmOnInput(context.io, context.input))) return ExitCode.Ok;
  const resources = context.connect(options.kubeconfig);
  const { objects, errors } = await selectForDeletion(kind.reader(resources), names, options);
  if (kind.allNamesFirst && errors.length > 0) {
    context.io.out(`errs:  [${errors.map(messageOf).join(' ')}]\n`);
    throw new CliError(CliErrorCode.NotAvailable, aggregateMessage(errors));
  }
  if (objects.length === 0) {
    context.io.out(`No ${kind.singular}s found\n`);
    return ExitCode.Ok;
  }
  for (const object of objects) {
    try {
      context.io.out(await kind.remove(resources, object));
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new CliError(CliErrorCode.NotAvailable, aggregateMessage(errors));
  return ExitCode.Ok;
}

/** Registers `delete [names...]` of `kind` under `parent` with Velero's `--confirm`, `--all` and `-l`. */
export function registerDelete<T>(parent: Command, context: CommandContext, run: ActionRunner, kind: DeleteKind<T>): Command {
  return withConnection(parent.command('delete').argument('[names...]').description(`delete ${kind.singular}s`), context)
    .option('--confirm', 'confirm deletion')
    .option('--all', `delete all ${kind.singular}s`)
    .option('-l, --selector <selector>', `delete all ${kind.singular}s matching this label selector`)
    .action((names: string[], options: DeleteOptions) => run(() => deleteObjects(context, kind, names, options)));
}
