// The one skeleton of `ferry backup|restore|schedule describe [NAME…]`, as Velero's describe
// commands share it: the named objects (each must exist) or those matching `-l`, each described
// and printed with two blank lines between them; with `-o json|yaml` the object (one) or the list.
import { traceIdOf } from '@ferry/telemetry';
import type { Command } from 'commander';
import { ExitCode, type CliIo } from '../cli-io';
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
}

/** The trace of an object whose annotations carry one (`ferry.io/traceparent`), linked to `--jaeger-url`. */
export function traceOf(
  object: { metadata?: { annotations?: Record<string, string> | null } | null },
  options: DescribeOptions,
): TraceLink | undefined {
  const id = traceIdOf(object.metadata?.annotations);
  return id ? traceLink(id, options.jaegerUrl) : undefined;
}

/** Runs `describe` of `kind` for `names` (or the selector's objects). */
export async function describeObjects<T>(
  context: CommandContext,
  kind: DescribeKind<T>,
  names: string[],
  options: DescribeOptions,
): Promise<ExitCode> {
  const format = outputFormat(options.output);
  const resources = context.connect(options.kubeconfig);
  const objects = await selectObjects(kind.reader(resources), names, options);
  if (format === 'json' || format === 'yaml') {
    printEncoded(context.io, format, listOrSingle(kind.kind, objects));
    return ExitCode.Ok;
  }
  for (const [index, object] of objects.entries()) {
    context.io.out(
      `${index === 0 ? '' : '\n\n'}${await kind.describe(object, { io: context.io, resources, options, nowMs: context.now() })}`,
    );
  }
  return ExitCode.Ok;
}

/** Registers `describe [names...]` of `kind` under `parent`; `run` reports the action's exit code. */
export function registerDescribe<T>(parent: Command, context: CommandContext, run: ActionRunner, kind: DescribeKind<T>): Command {
  const command = withOutput(
    withConnection(parent.command('describe').argument('[names...]').description(`describe ${kind.kind.toLowerCase()}s`), context),
  ).option('-l, --selector <selector>', 'only show items matching this label selector');
  if (kind.detailed) {
    withTlsFlags(command)
      .option('--details', 'display additional detail in the command output')
      .option('--jaeger-url <url>', 'the Jaeger UI that holds the traces: print the link of the trace', context.jaegerUrl);
  }
  return command.action((names: string[], options: DescribeOptions) => run(() => describeObjects(context, kind, names, options)));
}
