// The one skeleton of `ferry backup|restore logs NAME`, as Velero's logs commands share it: the
// object must exist and be finished (or waiting for plugin operations); then its log is
// downloaded through a DownloadRequest within `--timeout` and printed as is.
import type { DownloadTargetKind } from '@ferry/api';
import type { Command } from 'commander';
import { ExitCode } from '../cli-io';
import { CliError, CliErrorCode } from '../errors';
import type { VeleroResources } from '../velero/velero-resources';
import { withConnection, type ActionRunner, type CommandContext, type ConnectionOptions } from './command-context';
import { flaggedDownloader, timeoutMs, withTimeoutFlag, withTlsFlags, type DownloadFlagValues } from './download-flags';

/** Phases whose logs Velero's CLI fetches: the final ones and the waits for plugin operations. */
const logPhases = ['Completed', 'PartiallyFailed', 'Failed', 'WaitingForPluginOperations', 'WaitingForPluginOperationsPartiallyFailed'];

/** One kind's `logs`. */
export interface LogsKind<T extends { status?: { phase?: string | null } | null }> {
  /** `backup`, `restore`. */
  readonly singular: string;
  readonly logKind: DownloadTargetKind;
  readonly find: (resources: VeleroResources, namespace: string, name: string) => Promise<T | undefined>;
  /** The PEM CA of the object's storage location ('' without one). */
  readonly locationCa: (resources: VeleroResources, object: T) => Promise<string>;
  /** Velero's message for a missing object. */
  readonly missing: (name: string) => string;
  /** Velero's message for an object that is not finished. */
  readonly unfinished: (name: string) => string;
}

type LogsOptions = ConnectionOptions & DownloadFlagValues;

/** Runs `logs` of `kind` for `name`. */
export async function printLogs<T extends { status?: { phase?: string | null } | null }>(
  context: CommandContext,
  kind: LogsKind<T>,
  name: string,
  options: LogsOptions,
): Promise<ExitCode> {
  const timeout = timeoutMs(options.timeout);
  const resources = context.connect(options.kubeconfig);
  const object = await kind.find(resources, options.namespace, name);
  if (!object) throw new CliError(CliErrorCode.NotAvailable, kind.missing(name));
  if (!logPhases.includes(object.status?.phase ?? '')) throw new CliError(CliErrorCode.NotAvailable, kind.unfinished(name));
  const downloader = await flaggedDownloader(context.io, resources, options, () => kind.locationCa(resources, object));
  const logs = await downloader.document({ namespace: options.namespace, name, kind: kind.logKind }, timeout);
  if (logs.state !== 'ok') throw new CliError(CliErrorCode.Download, logs.state === 'error' ? logs.message : 'file not found');
  context.io.out(logs.value.toString('utf8'));
  return ExitCode.Ok;
}

/** Registers `logs <name>` of `kind` under `parent` with Velero's `--timeout`, `--insecure-skip-tls-verify` and `--cacert`. */
export function registerLogs<T extends { status?: { phase?: string | null } | null }>(
  parent: Command,
  context: CommandContext,
  run: ActionRunner,
  kind: LogsKind<T>,
): Command {
  const command = withConnection(parent.command('logs').argument('<name>').description(`get ${kind.singular} logs`), context);
  return withTlsFlags(withTimeoutFlag(command, 'how long to wait to receive logs')).action((name: string, options: LogsOptions) =>
    run(() => printLogs(context, kind, name, options)),
  );
}
