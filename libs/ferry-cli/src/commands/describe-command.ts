// The one skeleton of `ferry backup|restore|schedule describe [NAME…]`, as Velero's describe
// commands share it: the named objects (each must exist) or those matching `-l`, each described
// and printed with two blank lines between them. A kind with a structured describer (Backup) takes
// Velero's `-o plaintext|json` (json prints the document of a single object); the others take
// `-o json|yaml` and print the object (one) or the list.
import { traceIdOf } from '@ferry/telemetry';
import { Option, type Command } from 'commander';
import { ExitCode, type CliIo } from '../cli-io';
import { CliError, CliErrorCode } from '../errors';
import { traceLink, type TraceLink } from '../describe/trace-section';
import type { TlsFlags } from '../velero/download-trust';
import type { VeleroResources } from '../velero/velero-resources';
import {
  listOrSingle,
  outputFormat,
  printEncoded,
  selectObjects,
  withConnection,
  withOutput,
  type ActionRunner,
  type CommandContext,
  type ObjectReader,
  type SelectionOptions,
} from './command-context';
import { withTlsFlags } from './download-flags';

/** The options of a `describe`; `details` and `jaegerUrl` only where the kind has them. */
export interface DescribeOptions extends SelectionOptions, TlsFlags {
  readonly output?: string;
  readonly details?: boolean;
  readonly jaegerUrl?: string;
}

/** What one object's description may use besides the object. */
export interface DescribeSession {
  /** Where warnings go (stderr); the description itself is the result. */
  readonly io: CliIo;
  readonly resources: VeleroResources;
  readonly options: DescribeOptions;
  /** The time of the command (`context.now()`), for ages and ETAs. */
  readonly nowMs: number;
}

/** One kind's `describe`. */
export interface DescribeKind<T> {
  /** `Backup`, `Restore`, `Schedule`: the list kind of `-o` and the command's help. */
  readonly kind: string;
  readonly reader: (resources: VeleroResources) => ObjectReader<T>;
  /** Velero's text of `object`; fetches what it needs through `session`. */
  readonly describe: (object: T, session: DescribeSession) => Promise<string>;
  /** Whether the kind has `--details`, the TLS flags of its downloads and the trace lines (Backup, Restore). */
  readonly detailed: boolean;
  /**
   * Velero's structured document of `object` (`-o json`), encoded; fetches what it needs through
   * `session`. A kind with it takes `-o plaintext|json` instead of `-o json|yaml`.
   */
  readonly structured?: (object: T, session: DescribeSession) => Promise<string>;
}

/** The `-o` values of a describe with a structured form, as Velero's `backup describe` takes them. */
export const DescribeFormat = { Plaintext: 'plaintext', Json: 'json' } as const;
/** One of {@link DescribeFormat}. */
export type DescribeFormat = (typeof DescribeFormat)[keyof typeof DescribeFormat];

/** The `-o` value of a describe with a structured form checked, with Velero's message (`plaintext` when unset). */
export function describeFormat(value: string | undefined): DescribeFormat {
  const format = value ?? DescribeFormat.Plaintext;
  if (format === DescribeFormat.Plaintext || format === DescribeFormat.Json) return format;
  throw new CliError(CliErrorCode.BadFlag, `invalid output format '${format}'. valid value are 'plaintext, json'`);
}

/** The trace of an object whose annotations carry one (`ferry.io/traceparent`), linked to `--jaeger-url`. */
export function traceOf(
  object: { metadata?: { annotations?: Record<string, string> | null } | null },
  options: DescribeOptions,
): TraceLink | undefined {
  const id = traceIdOf(object.metadata?.annotations);
  return id ? traceLink(id, options.jaegerUrl) : undefined;
}

async function printDescriptions<T>(
  context: CommandContext,
  kind: DescribeKind<T>,
  objects: readonly T[],
  session: DescribeSession,
): Promise<void> {
  for (const [index, object] of objects.entries()) {
    context.io.out(`${index === 0 ? '' : '\n\n'}${await kind.describe(object, session)}`);
  }
}

/**
 * Velero's describe with a structured form: the format checked first; `-o json` of exactly one
 * object prints its document, every other case the text of each object (Velero keeps the
 * structured form to a single object).
 */
async function describeStructured<T>(
  context: CommandContext,
  kind: DescribeKind<T>,
  structured: NonNullable<DescribeKind<T>['structured']>,
  names: string[],
  options: DescribeOptions,
): Promise<ExitCode> {
  const format = describeFormat(options.output);
  const resources = context.connect(options.kubeconfig);
  const objects = await selectObjects(kind.reader(resources), names, options);
  const session: DescribeSession = { io: context.io, resources, options, nowMs: context.now() };
  const [single] = objects;
  if (format === DescribeFormat.Json && objects.length === 1 && single !== undefined) context.io.out(await structured(single, session));
  else await printDescriptions(context, kind, objects, session);
  return ExitCode.Ok;
}

/** Runs `describe` of `kind` for `names` (or the selector's objects). */
export async function describeObjects<T>(
  context: CommandContext,
  kind: DescribeKind<T>,
  names: string[],
  options: DescribeOptions,
): Promise<ExitCode> {
  if (kind.structured) return describeStructured(context, kind, kind.structured, names, options);
  const format = outputFormat(options.output);
  const resources = context.connect(options.kubeconfig);
  const objects = await selectObjects(kind.reader(resources), names, options);
  if (format === 'json' || format === 'yaml') {
    printEncoded(context.io, format, listOrSingle(kind.kind, objects));
    return ExitCode.Ok;
  }
  await printDescriptions(context, kind, objects, { io: context.io, resources, options, nowMs: context.now() });
  return ExitCode.Ok;
}

/** Velero's `-o/--output` of `backup describe` (default `plaintext`). */
function withDescribeFormat(command: Command, kind: string): Command {
  return command.addOption(
    new Option(
      '-o, --output <format>',
      `output display format. Valid formats are 'plaintext, json'. 'json' only applies to a single ${kind.toLowerCase()}`,
    ).default(DescribeFormat.Plaintext),
  );
}

/** Registers `describe [names...]` of `kind` under `parent`; `run` reports the action's exit code. */
export function registerDescribe<T>(parent: Command, context: CommandContext, run: ActionRunner, kind: DescribeKind<T>): Command {
  const connected = withConnection(
    parent.command('describe').argument('[names...]').description(`describe ${kind.kind.toLowerCase()}s`),
    context,
  );
  const command = (kind.structured ? withDescribeFormat(connected, kind.kind) : withOutput(connected)).option(
    '-l, --selector <selector>',
    'only show items matching this label selector',
  );
  if (kind.detailed) {
    withTlsFlags(command)
      .option('--details', 'display additional detail in the command output')
      .option('--jaeger-url <url>', 'the Jaeger UI that holds the traces: print the link of the trace', context.jaegerUrl);
  }
  return command.action((names: string[], options: DescribeOptions) => run(() => describeObjects(context, kind, names, options)));
}
