// What every `ferry backup|restore|schedule` command shares: the connection options (`-n`,
// `--kubeconfig`), the output option (`-o table|json|yaml`), printing objects, and turning a
// failure into one stderr line and exit code 1 — never a stack trace.
import { type Command, Option } from 'commander';
import { stringify } from 'yaml';
import { ExitCode, type CliIo } from '../cli-io';
import { CliError, CliErrorCode } from '../errors';
import type { FlagResult } from '../flags/flag-values';
import type { VeleroResources } from '../velero/velero-resources';

/** What the commands need from the app. */
export interface CommandContext {
  readonly io: CliIo;
  /** Default of `-n/--namespace`: Velero's namespace. */
  readonly defaultNamespace: string;
  /** Clients for the cluster of `kubeconfig` (the app's default when undefined); offline. */
  connect(kubeconfig: string | undefined): VeleroResources;
  /** stdout when it is a terminal: `--wait` draws live bars on it; undefined → plain lines on `io.out`. */
  readonly terminal?: NodeJS.WriteStream;
  /** Where `delete` without `--confirm` reads the answer (stdin); undefined reads as end of input (no). */
  readonly input?: NodeJS.ReadableStream;
  /** Default of `describe --jaeger-url` (the app reads `FERRY_JAEGER_URL`): where trace links point. */
  readonly jaegerUrl?: string;
  now(): number;
}

/** The connection options every command has. */
export interface ConnectionOptions {
  readonly namespace: string;
  readonly kubeconfig?: string;
}

/** Output formats of `-o`. */
export const OutputFormat = { Table: 'table', Json: 'json', Yaml: 'yaml' } as const;
/** One of {@link OutputFormat}. */
export type OutputFormat = (typeof OutputFormat)[keyof typeof OutputFormat];

/** Adds `-n/--namespace` and `--kubeconfig` to `command`. */
export function withConnection(command: Command, context: CommandContext): Command {
  return command
    .option('-n, --namespace <namespace>', "the namespace of Velero's objects", context.defaultNamespace)
    .option('--kubeconfig <path>', 'the kubeconfig file to use (default: $KUBECONFIG or ~/.kube/config)');
}

/** Adds `-o/--output` to `command`; `defaultFormat` undefined means "submit, don't print". */
export function withOutput(command: Command, defaultFormat?: OutputFormat): Command {
  const option = new Option('-o, --output <format>', 'output format: table, json or yaml');
  return command.addOption(defaultFormat ? option.default(defaultFormat) : option);
}

/** The `-o` value checked: Velero's message naming the valid values. */
export function outputFormat(value: string | undefined): OutputFormat | undefined {
  if (value === undefined) return undefined;
  if ((Object.values(OutputFormat) as string[]).includes(value)) return value as OutputFormat;
  throw new CliError(
    CliErrorCode.BadFlag,
    `invalid output format "${value}" for -o/--output - valid values are 'table', 'json', and 'yaml'`,
  );
}

/** The value of a flag mapping, or a `CLI_BAD_FLAG` failure with its message. */
export function flagValue<T>(result: FlagResult<T>): T {
  if (!result.ok) throw new CliError(CliErrorCode.BadFlag, result.message);
  return result.value;
}

/** Prints `value` as indented JSON or YAML. */
export function printEncoded(io: CliIo, format: 'json' | 'yaml', value: unknown): void {
  io.out(format === 'json' ? `${JSON.stringify(value, null, 4)}\n` : stringify(value));
}

/** Velero prints a list of one as that object, else the list. */
export function listOrSingle<T>(kind: string, items: readonly T[]): unknown {
  return items.length === 1 ? items[0] : { apiVersion: 'velero.io/v1', kind: `${kind}List`, items, metadata: {} };
}

/** The reads of one kind that `get`, `describe` and `delete` select objects with. */
export interface ObjectReader<T> {
  get(namespace: string, name: string): Promise<T>;
  list(namespace: string, options: { labelSelector?: string }): Promise<T[]>;
}

/** The options that select objects: names as arguments, else `-l/--selector`, else every object. */
export interface SelectionOptions extends ConnectionOptions {
  readonly selector?: string;
}

/** Velero's selection of `get` and `describe`: the named objects (each must exist), else those matching the selector. */
export function selectObjects<T>(reader: ObjectReader<T>, names: readonly string[], options: SelectionOptions): Promise<T[]> {
  return names.length > 0
    ? Promise.all(names.map((name) => reader.get(options.namespace, name)))
    : reader.list(options.namespace, options.selector ? { labelSelector: options.selector } : {});
}

/** What `get [NAME…]` of one kind needs. */
export interface GetCommand<T> {
  /** The kind, for a list's `kind` (`Backup` → `BackupList`). */
  readonly kind: string;
  readonly client: ObjectReader<T>;
  /** Velero's table of the objects. */
  readonly table: (items: T[]) => string;
}

/**
 * Velero's `get`: the objects of {@link selectObjects}, printed as Velero's table or, with
 * `-o json|yaml`, the object (one) or the list.
 */
export async function getObjects<T>(
  context: CommandContext,
  get: GetCommand<T>,
  names: string[],
  options: SelectionOptions & { output?: string },
): Promise<ExitCode> {
  const format = outputFormat(options.output) ?? 'table';
  const items = await selectObjects(get.client, names, options);
  if (format === 'table') context.io.out(get.table(items));
  else printEncoded(context.io, format, listOrSingle(get.kind, items));
  return ExitCode.Ok;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** How a registered command runs its action: {@link runAction}, then the exit code stored for `runCli`. */
export type ActionRunner = (action: () => Promise<ExitCode>) => Promise<void>;

/** Runs `action`; a thrown failure prints `An error occurred: <message>` on stderr and gives exit 1. */
export async function runAction(io: CliIo, action: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await action();
  } catch (error) {
    io.err(`An error occurred: ${messageOf(error)}\n`);
    return ExitCode.Failure;
  }
}
