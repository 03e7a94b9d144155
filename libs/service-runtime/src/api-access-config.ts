// How a service guards its HTTP API, read from its environment. Pure.
import { InvalidServiceConfigError } from './errors';

/** Values of `FERRY_HTTP_AUTH`. */
export const HttpAuthMode = {
  /** Every request but the open paths needs a Kubernetes bearer token allowed by a SubjectAccessReview. */
  Kubernetes: 'kubernetes',
  /** No checks at all: only for a process nobody else can reach. */
  None: 'none',
} as const;
/** One of {@link HttpAuthMode}. */
export type HttpAuthMode = (typeof HttpAuthMode)[keyof typeof HttpAuthMode];

/** The paths answered without a token unless `FERRY_HTTP_OPEN_PATHS` says otherwise (probes and scrapes). */
export const defaultOpenPaths: readonly string[] = ['/healthz', '/readyz', '/metrics'];

/** The API guard's configuration. */
export interface ApiAccessConfig {
  /** `FERRY_HTTP_AUTH`: default `kubernetes`. */
  readonly mode: HttpAuthMode;
  /** `FERRY_HTTP_OPEN_PATHS`: comma-separated exact paths; unset = {@link defaultOpenPaths}, empty = none. */
  readonly openPaths: readonly string[];
}

/** Reads `FERRY_HTTP_AUTH` and `FERRY_HTTP_OPEN_PATHS`; throws `InvalidServiceConfigError` naming the variable and the fix. */
export function readApiAccessConfig(env: Readonly<Record<string, string | undefined>>): ApiAccessConfig {
  const mode = env['FERRY_HTTP_AUTH']?.trim() || HttpAuthMode.Kubernetes;
  if (!(Object.values(HttpAuthMode) as string[]).includes(mode)) {
    throw new InvalidServiceConfigError(
      `FERRY_HTTP_AUTH=${JSON.stringify(mode)} is unknown: use ${HttpAuthMode.Kubernetes} (Kubernetes bearer tokens, the default) or ${HttpAuthMode.None}`,
    );
  }
  const raw = env['FERRY_HTTP_OPEN_PATHS'];
  const openPaths =
    raw === undefined
      ? defaultOpenPaths
      : raw
          .split(',')
          .map((path) => path.trim())
          .filter(Boolean);
  const bad = openPaths.find((path) => !path.startsWith('/'));
  if (bad !== undefined) {
    throw new InvalidServiceConfigError(
      `FERRY_HTTP_OPEN_PATHS holds ${JSON.stringify(bad)}, which is not a path: list exact paths starting with '/', e.g. /healthz,/readyz,/metrics`,
    );
  }
  return { mode: mode as HttpAuthMode, openPaths };
}
