import { createConfiguration, type HttpMethod, type KubeConfig, type RequestContext, ServerConfiguration } from '@kubernetes/client-node';
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
 * Builds an `ApiRequester` over the client-node HTTP stack configured from `kubeConfig`. Every call
 * re-applies the kubeconfig's credentials (tokens that rotate stay current) but all calls share one
 * keep-alive connection pool: client-node builds a new undici agent — a new TLS handshake — per
 * call, so the requester keeps the first agent it builds (the kubeconfig's CA, client certificate,
 * server name and proxy) and hands that one to every later call.
 */
export function createApiRequester(kubeConfig: KubeConfig): ApiRequester {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new KubeError(KubeErrorCode.Config, 'the kubeconfig has no current cluster; set current-context');
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kubeConfig },
  });
  let shared: { readonly dispatcher: Dispatcher } | undefined;
  const authenticate = async (ctx: RequestContext): Promise<void> => {
    await kubeConfig.applySecurityAuthentication(ctx);
    if (!shared) shared = { dispatcher: ctx.getDispatcher() };
    else if (shared.dispatcher) ctx.setDispatcher(shared.dispatcher);
  };
  return {
    async request<T>(request: ApiRequest): Promise<T> {
      const context = `${request.method} ${request.path}`;
      try {
        const ctx = configuration.baseServer.makeRequestContext(request.path, request.method);
        for (const [key, value] of Object.entries(request.query ?? {})) {
          if (value !== undefined) ctx.setQueryParam(key, String(value));
        }
        ctx.setHeaderParam('Accept', request.accept ?? 'application/json');
        if (request.body !== undefined) {
          ctx.setHeaderParam('Content-Type', request.contentType ?? 'application/json');
          ctx.setBody(JSON.stringify(request.body));
        }
        if (request.signal) ctx.setSignal(request.signal);
        await authenticate(ctx);
        const response = await configuration.httpApi.send(ctx).toPromise();
        const text = await response.body.text();
        const parsed: unknown = text ? JSON.parse(text) : undefined;
        if (response.httpStatusCode >= 200 && response.httpStatusCode < 300) return parsed as T;
        throw Object.assign(new Error(`HTTP ${response.httpStatusCode}`), { statusCode: response.httpStatusCode, status: parsed });
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
