// Velero's CLI download (pkg/cmd/util/downloadrequest): create DownloadRequest `<name>-<uuid>`,
// poll it every 25 ms until `status.downloadURL` is set (the phase is ignored), GET the URL with
// plain HTTP(S) trusting the download's CAs, gunzip every kind but BackupContents. One deadline (30 s by default) covers the wait,
// the GET and the body. A 404 is `not-found`; other failures are `error` with Velero's wording.
// Requests are never deleted: the server expires them.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { DownloadTargetKind } from '@ferry/api';
import type { Fetched } from '../describe/fetched-document';
import { systemTrust, type DownloadTrust } from './download-trust';
import { presignedGet } from './presigned-get';
import type { VeleroResources } from './velero-resources';

/** Velero's `downloadRequestTimeout` of describe. */
export const describeDownloadTimeoutMs = 30_000;
/** Velero's poll interval of a DownloadRequest. */
export const downloadPollMs = 25;

/** Velero's `ErrDownloadRequestDownloadURLTimeout` text. */
export const downloadUrlTimeoutMessage =
  'download request download url timeout, check velero server logs for errors. backup storage location may not be available';

/** Where and what to download. */
export interface DownloadTarget {
  readonly namespace: string;
  /** The Backup or Restore name. */
  readonly name: string;
  readonly kind: DownloadTargetKind;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function downloadUrl(resources: VeleroResources, target: DownloadTarget, deadline: number): Promise<string | undefined> {
  const name = `${target.name}-${randomUUID()}`;
  await resources.downloadRequests.create({
    apiVersion: 'velero.io/v1',
    kind: 'DownloadRequest',
    metadata: { name, namespace: target.namespace },
    spec: { target: { kind: target.kind, name: target.name } },
  });
  while (Date.now() < deadline) {
    await sleep(downloadPollMs);
    const request = await resources.downloadRequests.get(target.namespace, name);
    if (request.status?.downloadURL) return request.status.downloadURL;
  }
  return undefined;
}

/** Downloads documents through DownloadRequests, trusting one {@link DownloadTrust}. */
export interface Downloader {
  /**
   * The bytes of `target` (gunzipped unless BackupContents) as Velero's CLI fetches them, within
   * `timeoutMs` (default {@link describeDownloadTimeoutMs}). Never rejects: every failure is a `Fetched` state.
   */
  document(target: DownloadTarget, timeoutMs?: number): Promise<Fetched<Buffer>>;
  /** {@link Downloader.document} decoded as JSON; a decode failure is an `error` naming it. */
  json<T>(target: DownloadTarget, timeoutMs?: number): Promise<Fetched<T>>;
}

async function downloadDocument(
  resources: VeleroResources,
  trust: DownloadTrust,
  target: DownloadTarget,
  timeoutMs: number,
): Promise<Fetched<Buffer>> {
  if (trust.failure) return { state: 'error', message: trust.failure };
  const deadline = Date.now() + timeoutMs;
  try {
    const url = await downloadUrl(resources, target, deadline);
    if (!url) return { state: 'error', message: downloadUrlTimeoutMessage };
    const response = await presignedGet(url, trust, AbortSignal.timeout(Math.max(deadline - Date.now(), 1)));
    if (response.status === 404) return { state: 'not-found' };
    if (response.status !== 200) return { state: 'error', message: `request failed: ${response.body.toString('utf8')}` };
    return { state: 'ok', value: target.kind === DownloadTargetKind.BackupContents ? response.body : gunzipSync(response.body) };
  } catch (error) {
    return { state: 'error', message: messageOf(error) };
  }
}

/** A {@link Downloader} over `resources` whose GETs trust `trust` (default: the system roots). */
export function createDownloader(resources: VeleroResources, trust: DownloadTrust = systemTrust): Downloader {
  const document = (target: DownloadTarget, timeoutMs = describeDownloadTimeoutMs) => downloadDocument(resources, trust, target, timeoutMs);
  return {
    document,
    json: async <T>(target: DownloadTarget, timeoutMs?: number): Promise<Fetched<T>> => {
      const fetched = await document(target, timeoutMs);
      if (fetched.state !== 'ok') return fetched;
      try {
        return { state: 'ok', value: JSON.parse(fetched.value.toString('utf8')) as T };
      } catch (error) {
        return { state: 'error', message: `cannot decode ${target.kind} of ${target.name}: ${messageOf(error)}` };
      }
    },
  };
}
