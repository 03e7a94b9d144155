// An API requester that keeps its TLS connections: client-node's stack builds a new agent (a new
// TLS handshake) for every call, which dominates a collection of many LISTs. This one takes the
// kubeconfig's server, CA, client certificate and bearer token once per collection and sends every
// request over one keep-alive agent.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { fromHttpStatus, KubeError, KubeErrorCode, toKubeError, type ApiRequest, type ApiRequester } from '@ferry/kube';

/** A requester over one keep-alive agent; `accept` overrides the Accept header (aggregated discovery). */
export interface KeepAliveRequester extends ApiRequester {
  request<T>(request: ApiRequest & { readonly accept?: string }): Promise<T>;
  /** Closes the idle connections; call when the collection ends. */
  close(): void;
}

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
  });
}

function queryString(query: ApiRequest['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * Builds the requester from `config` (its current cluster and user). Rejects with a `KubeError`
 * `KUBE_CONFIG` when the kubeconfig has no current cluster. `maxSockets` bounds parallel requests.
 */
export async function createKeepAliveRequester(config: KubeConfig, maxSockets: number): Promise<KeepAliveRequester> {
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new KubeError(KubeErrorCode.Config, 'the kubeconfig has no current cluster; set current-context');
  const server = new URL(cluster.server);
  const options: RequestOptions = {};
  await config.applyToHTTPSOptions(options);
  const secure = server.protocol === 'https:';
  const agent = secure
    ? new HttpsAgent({
        keepAlive: true,
        maxSockets,
        ca: options.ca,
        cert: options.cert,
        key: options.key,
        ...(options.rejectUnauthorized !== undefined ? { rejectUnauthorized: options.rejectUnauthorized } : {}),
        ...(options.servername ? { servername: options.servername } : {}),
      })
    : new HttpAgent({ keepAlive: true, maxSockets });
  const headers = { ...(options.headers ?? {}) } as Record<string, string>;
  if (options.auth) headers['Authorization'] = `Basic ${Buffer.from(options.auth).toString('base64')}`;
  const send = secure ? httpsRequest : httpRequest;
  const basePath = server.pathname.replace(/\/$/, '');
  return {
    request<T>(request: ApiRequest & { readonly accept?: string }): Promise<T> {
      const context = `${request.method} ${request.path}`;
      const body = request.body === undefined ? undefined : JSON.stringify(request.body);
      return new Promise<T>((resolve, reject) => {
        const call = send(
          {
            agent,
            protocol: server.protocol,
            hostname: server.hostname,
            port: server.port,
            method: request.method,
            path: `${basePath}${request.path}${queryString(request.query)}`,
            headers: {
              ...headers,
              Accept: request.accept ?? 'application/json',
              ...(body !== undefined ? { 'Content-Type': request.contentType ?? 'application/json' } : {}),
            },
            signal: request.signal,
          },
          (response) => {
            readBody(response).then(
              (text) => {
                const status = response.statusCode ?? 0;
                try {
                  const parsed: unknown = text ? JSON.parse(text) : undefined;
                  if (status >= 200 && status < 300) resolve(parsed as T);
                  else reject(fromHttpStatus(status, (parsed ?? {}) as Parameters<typeof fromHttpStatus>[1], context));
                } catch (error) {
                  reject(toKubeError(error, context));
                }
              },
              (error: unknown) => reject(toKubeError(error, context)),
            );
          },
        );
        call.on('error', (error) => reject(toKubeError(error, context)));
        call.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}
