import { createConfiguration, type KubeConfig, ServerConfiguration, type HttpMethod } from '@kubernetes/client-node';
import { toKubeError } from './error-mapper';
import { KubeError, KubeErrorCode } from './errors';

/** One raw API call. `body` is JSON-encoded; `contentType` defaults to `application/json`. */
export interface ApiRequest {
  readonly method: HttpMethod;
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly contentType?: string;
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

/** Builds an `ApiRequester` over the client-node HTTP stack configured from `kubeConfig`. */
export function createApiRequester(kubeConfig: KubeConfig): ApiRequester {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new KubeError(KubeErrorCode.Config, 'the kubeconfig has no current cluster; set current-context');
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kubeConfig },
  });
  return {
    async request<T>(request: ApiRequest): Promise<T> {
      const context = `${request.method} ${request.path}`;
      try {
        const ctx = configuration.baseServer.makeRequestContext(request.path, request.method);
        for (const [key, value] of Object.entries(request.query ?? {})) {
          if (value !== undefined) ctx.setQueryParam(key, String(value));
        }
        ctx.setHeaderParam('Accept', 'application/json');
        if (request.body !== undefined) {
          ctx.setHeaderParam('Content-Type', request.contentType ?? 'application/json');
          ctx.setBody(JSON.stringify(request.body));
        }
        if (request.signal) ctx.setSignal(request.signal);
        await configuration.authMethods.default?.applySecurityAuthentication(ctx);
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
