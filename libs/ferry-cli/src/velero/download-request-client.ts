// Velero's CLI download (pkg/cmd/util/downloadrequest): create DownloadRequest `<name>-<uuid>`,
// poll it every 25 ms until `status.downloadURL` is set (the phase is ignored), GET the URL with
// plain HTTP, gunzip every kind but BackupContents. One deadline (30 s by default) covers the wait,
// the GET and the body. A 404 is `not-found`; other failures are `error` with Velero's wording.
// Requests are never deleted: the server expires them.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { DownloadTargetKind } from '@ferry/api';
import type { Fetched } from '../describe/fetched-document';
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

/**
 * Downloads the bytes of `target` (gunzipped unless BackupContents) as Velero's CLI does.
 * Never rejects: every failure is a `Fetched` state.
 */
export async function downloadDocument(
  resources: VeleroResources,
  target: DownloadTarget,
  timeoutMs = describeDownloadTimeoutMs,
): Promise<Fetched<Buffer>> {
  const deadline = Date.now() + timeoutMs;
  try {
    const url = await downloadUrl(resources, target, deadline);
    if (!url) return { state: 'error', message: downloadUrlTimeoutMessage };
    const response = await fetch(url, { signal: AbortSignal.timeout(Math.max(deadline - Date.now(), 1)) });
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status === 404) return { state: 'not-found' };
    if (response.status !== 200) return { state: 'error', message: `request failed: ${body.toString('utf8')}` };
    return { state: 'ok', value: target.kind === DownloadTargetKind.BackupContents ? body : gunzipSync(body) };
  } catch (error) {
    return { state: 'error', message: messageOf(error) };
  }
}

/** {@link downloadDocument} decoded as JSON; a decode failure is an `error` naming it. */
export async function downloadJson<T>(resources: VeleroResources, target: DownloadTarget, timeoutMs?: number): Promise<Fetched<T>> {
  const fetched = await downloadDocument(resources, target, timeoutMs);
  if (fetched.state !== 'ok') return fetched;
  try {
    return { state: 'ok', value: JSON.parse(fetched.value.toString('utf8')) as T };
  } catch (error) {
    return { state: 'error', message: `cannot decode ${target.kind} of ${target.name}: ${messageOf(error)}` };
  }
}
