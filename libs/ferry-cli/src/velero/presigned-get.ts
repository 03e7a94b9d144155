// A plain HTTP(S) GET of a presigned URL, as Velero's CLI sends it: no headers of its own, the
// body as stored, TLS checked against the system roots plus the trusted extra CAs (or not at all
// with --insecure-skip-tls-verify).
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import type { DownloadTrust } from './download-trust';

/** What a GET answered. */
export interface GetResponse {
  readonly status: number;
  readonly body: Buffer;
}

/** OpenSSL's codes of a certificate chain that ends at an authority nobody trusts (Go's `x509.UnknownAuthorityError`). */
const unknownAuthorityCodes = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

/** Velero's hint after an unknown-authority failure. */
export const insecureFlagHint =
  'The --insecure-skip-tls-verify flag can also be used to accept any TLS certificate for the download, but it is susceptible to man-in-the-middle attacks';

/**
 * Go's `url.Error` text, `Get "<url>": <reason>`, with the URL's query left out: a presigned query
 * is a credential for as long as it lives, and error text ends up in terminals and tickets.
 */
function failure(url: URL, error: Error): Error {
  const code = (error as { code?: unknown }).code;
  const text = `Get "${url.origin}${url.pathname}": ${error.message}`;
  return new Error(typeof code === 'string' && unknownAuthorityCodes.has(code) ? `${text}\n\n${insecureFlagHint}` : text, {
    cause: error,
  });
}

function collect(response: IncomingMessage): Promise<GetResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
    response.on('error', reject);
  });
}

/** GETs `url` trusting `trust`; rejects on a connection, TLS or abort failure, resolves whatever the HTTP status. */
export function presignedGet(url: string, trust: DownloadTrust, signal: AbortSignal): Promise<GetResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const onResponse = (response: IncomingMessage): void => {
      collect(response).then(resolve, (error: Error) => reject(failure(target, error)));
    };
    const request =
      target.protocol === 'https:'
        ? httpsRequest(
            target,
            {
              signal,
              rejectUnauthorized: !trust.insecureSkipTlsVerify,
              ...(trust.extraCa.length > 0 ? { ca: [...rootCertificates, ...trust.extraCa] } : {}),
            },
            onResponse,
          )
        : httpRequest(target, { signal }, onResponse);
    request.on('error', (error) => reject(failure(target, error)));
    request.end();
  });
}
