import { createConfiguration, type HttpMethod, type KubeConfig, type RequestContext, ServerConfiguration } from '@kubernetes/client-node';
import { request as undiciRequest } from 'undici';
import { toKubeError } from './error-mapper';
import { KubeError, KubeErrorCode } from './errors';

/**
 * One raw API call. `body` is JSON-encoded; `contentType` defaults to `application/json`, `accept`
 * (the Accept header, e.g. aggregated discovery's media type) to `application/json`.
 */
export interface ApiRequest {
  readonly method: HttpMethod;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly accept?: string;
  readonly signal?: AbortSignal;
}

/**
 * Calls any API path with the kubeconfig's credentials and TLS settings, for what the generated
 * clients cannot express generically (listing core and custom kinds alike, deletecollection).
 */
export interface ApiRequester {
  /** Resolves with the parsed JSON answer; rejects with a `KubeError` (context: method and path). */
  request<T>(request: ApiRequest): Promise<T>;
}

type Dispatcher = ReturnType<RequestContext['getDispatcher']>;

/**
 * How long one application of the kubeconfig's credentials serves calls. Applying them reads the
 * CA and client certificate files and builds an agent the requester does not use (about 15 µs of
 * CPU, and garbage, per call); rotating tokens change over minutes (client-node's token-file
 * authenticator itself reads its file again only every 60 s), so a second keeps them current.
 */
const credentialsLifetimeMs = 1_000;

/** The headers the kubeconfig's credentials add (Authorization, Impersonate-User) and when to apply them again. */
interface AppliedCredentials {
  readonly headers: Readonly<Record<string, string>>;
  readonly renewAt: number;
}

/**
 * Builds an `ApiRequester` from `kubeConfig`: client-node builds each request's URL and query, and
 * once a second the kubeconfig's credentials (so tokens that rotate stay current) and its undici
 * agent (CA, client certificate, server name, proxy); the requester keeps the first agent — one
 * keep-alive pool, where client-node would build a new agent, a new TLS handshake, per call — and
 * sends with undici's `request()` on it rather than client-node's WHATWG `fetch`, which costs about
 * twice the CPU per call (a restore makes one call per item).
 */
export function createApiRequester(kubeConfig: KubeConfig): ApiRequester {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new KubeError(KubeErrorCode.Config, 'the kubeconfig has no current cluster; set current-context');
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kubeConfig },
  });
  let dispatcher: Dispatcher | undefined;
  let credentials: AppliedCredentials | undefined;
  const credentialHeaders = async (ctx: RequestContext): Promise<Readonly<Record<string, string>>> => {
    const now = Date.now();
    if (credentials && now < credentials.renewAt) return credentials.headers;
    await kubeConfig.applySecurityAuthentication(ctx);
    dispatcher ??= ctx.getDispatcher();
    credentials = { headers: { ...ctx.getHeaders() }, renewAt: now + credentialsLifetimeMs };
    return credentials.headers;
  };
  return {
    async request<T>(request: ApiRequest): Promise<T> {
      const context = `${request.method} ${request.path}`;
      try {
        const ctx = configuration.baseServer.makeRequestContext(request.path, request.method);
        for (const [key, value] of Object.entries(request.query ?? {})) {
          if (value !== undefined) ctx.setQueryParam(key, String(value));
        }
        const headers: Record<string, string> = { ...(await credentialHeaders(ctx)), Accept: request.accept ?? 'application/json' };
        if (request.body !== undefined) headers['Content-Type'] = request.contentType ?? 'application/json';
        const response = await undiciRequest(ctx.getUrl(), {
          method: request.method,
          headers,
          body: request.body === undefined ? null : JSON.stringify(request.body),
          signal: request.signal ?? null,
          ...(dispatcher ? { dispatcher } : {}),
        });
        const text = await response.body.text();
        const parsed: unknown = text ? JSON.parse(text) : undefined;
        if (response.statusCode >= 200 && response.statusCode < 300) return parsed as T;
        throw Object.assign(new Error(`HTTP ${response.statusCode}`), { statusCode: response.statusCode, status: parsed });
      } catch (error) {
        const status = (error as { status?: unknown }).status;
        throw toKubeError(isStatus(status) ? status : error, context);
      }
    },
  };
}

function isStatus(value: unknown): value is { kind: 'Status' } {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Status';
}
