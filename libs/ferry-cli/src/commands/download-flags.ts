// The flags of the commands that download through DownloadRequests, as Velero binds them:
// `--insecure-skip-tls-verify` and `--cacert` on describe, logs and download, `--timeout` (a Go
// duration, default 1m) on logs and download; and the downloader they make.
import { parseDuration } from '@ferry/kube-values';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError, CliErrorCode } from '../errors';
import { createDownloader, type Downloader } from '../velero/download-request-client';
import { downloadTrust, type DownloadTrust, type TlsFlags } from '../velero/download-trust';
import type { VeleroResources } from '../velero/velero-resources';

/** The values of {@link withTlsFlags} and {@link withTimeoutFlag}. */
export interface DownloadFlagValues extends TlsFlags {
  readonly timeout?: string;
}

/** Adds Velero's `--insecure-skip-tls-verify` and `--cacert` to `command`. */
export function withTlsFlags(command: Command): Command {
  return command
    .option(
      '--insecure-skip-tls-verify',
      "if true, the object store's TLS certificate will not be checked for validity. This is insecure and susceptible to man-in-the-middle attacks. Not recommended for production",
    )
    .option(
      '--cacert <file>',
      'path to a certificate bundle to use when verifying TLS connections. If not specified, the CA certificate from the BackupStorageLocation will be used if available',
    );
}

/** Adds Velero's `--timeout <duration>` (default 1m) to `command`. */
export function withTimeoutFlag(command: Command, description: string): Command {
  return command.option('--timeout <duration>', description, '1m');
}

/** The `--timeout` value in milliseconds; a bad duration is a `CLI_BAD_FLAG` failure naming it. */
export function timeoutMs(value: string | undefined): number {
  const parsed = parseDuration(value ?? '1m');
  if (!parsed.ok) throw new CliError(CliErrorCode.BadFlag, `invalid argument "${value}" for "--timeout" flag: ${parsed.message}`);
  return Number(parsed.nanoseconds / 1_000_000n);
}

/** A downloader trusting what the flags and the location's CA (read by `readLocationCa`) say. */
export async function flaggedDownloader(
  io: CliIo,
  resources: VeleroResources,
  flags: TlsFlags,
  readLocationCa: () => Promise<string>,
): Promise<Downloader> {
  return (await trustedDownloader(io, resources, flags, readLocationCa)).downloader;
}

/** {@link flaggedDownloader} with the trust it was made with (whose `locationCaFailure` a describer reports). */
export async function trustedDownloader(
  io: CliIo,
  resources: VeleroResources,
  flags: TlsFlags,
  readLocationCa: () => Promise<string>,
): Promise<{ readonly downloader: Downloader; readonly trust: DownloadTrust }> {
  const trust = await downloadTrust(io, flags, readLocationCa);
  return { downloader: createDownloader(resources, trust), trust };
}
