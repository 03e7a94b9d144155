// Who may call a service's HTTP API: a Kubernetes bearer token checked with a TokenReview, then
// the route's permission checked with a SubjectAccessReview, as kube-rbac-proxy does — with both
// answers cached for seconds, so a busy client costs the API server two reviews a minute, not two
// per request. Tokens are kept only as keyed hashes and never logged or echoed.
import { createHmac, randomBytes } from 'node:crypto';
import {
  reviewAccess,
  reviewToken,
  type AccessAttributes,
  type AccessReviewOutcome,
  type ApiRequester,
  type ReviewedUser,
  type TokenReviewOutcome,
} from '@ferry/kube';
import { HttpAuthMode, type ApiAccessConfig } from './api-access-config';
import { ExpiringCache } from './expiring-cache';
import { bearerTokenOf, describeAttributes } from './route-access';

/** The answer to one request: let it through, or the problem to answer with. */
export type AccessDecision =
  /** `user`: who the TokenReview said the caller is (none for {@link openApiAccess}). */
  | { readonly outcome: 'allowed'; readonly user?: ReviewedUser }
  /** 401: no token, or one the API server does not accept. */
  | { readonly outcome: 'unauthenticated'; readonly detail: string }
  /** 403: a known user without the permission; `detail` names the verb and resource. */
  | { readonly outcome: 'forbidden'; readonly username: string; readonly detail: string }
  /** 503: a review could not be made (API server unreachable, reviews not granted to the service). */
  | { readonly outcome: 'unavailable'; readonly detail: string; readonly cause: unknown };

/** Guards a service's HTTP API (see {@link createApiAccess}). */
export interface ApiAccess {
  /** True when `path` is answered to anyone, without a token. */
  isOpen(path: string): boolean;
  /** Decides whether the caller sending `authorization` (the header) may do what `attributes` say. Never rejects. */
  decide(authorization: string | undefined, attributes: AccessAttributes): Promise<AccessDecision>;
}

/** How long reviews are kept, and how many. */
export interface ReviewCacheSettings {
  readonly authenticatedTtlMs: number;
  readonly unauthenticatedTtlMs: number;
  readonly allowedTtlMs: number;
  readonly deniedTtlMs: number;
  /** Entries per cache (tokens; users × permissions). */
  readonly maxEntries: number;
}

/**
 * Short: a revoked token or binding stops working within a minute, a new grant within seconds
 * (the API server's own webhook caches keep allowed answers for 5 minutes, denied for 30 s).
 */
export const defaultReviewCacheSettings: ReviewCacheSettings = {
  authenticatedTtlMs: 60_000,
  unauthenticatedTtlMs: 10_000,
  allowedTtlMs: 60_000,
  deniedTtlMs: 10_000,
  maxEntries: 1_024,
};

/** How long one review may take before the request is answered 503. */
const reviewTimeoutMs = 10_000;

const noTokenDetail =
  'no bearer token: send "Authorization: Bearer <token>" with a Kubernetes token (your kubeconfig\'s, or a ServiceAccount\'s from `kubectl create token`)';

/** Lets every request through: `FERRY_HTTP_AUTH=none`, and processes no one else can reach. */
export const openApiAccess: ApiAccess = {
  isOpen: () => true,
  decide: () => Promise.resolve({ outcome: 'allowed' }),
};

/** Options of {@link createApiAccess}. */
export interface ApiAccessOptions {
  readonly config: ApiAccessConfig;
  /** Makes the reviews, with the service's own credentials (it needs `create` on tokenreviews and subjectaccessreviews). */
  readonly requester: ApiRequester;
  readonly cache?: ReviewCacheSettings;
  readonly now?: () => number;
}

/** The guard `config` asks for: {@link openApiAccess} for mode `none`, else TokenReview + SubjectAccessReview. */
export function createApiAccess(options: ApiAccessOptions): ApiAccess {
  if (options.config.mode === HttpAuthMode.None) return openApiAccess;
  const settings = options.cache ?? defaultReviewCacheSettings;
  const cacheOptions = { maxEntries: settings.maxEntries, now: options.now ?? Date.now };
  const tokens = new ExpiringCache<string, TokenReviewOutcome>(cacheOptions);
  const permissions = new ExpiringCache<string, AccessReviewOutcome>(cacheOptions);
  // Cache keys are keyed hashes: the token itself is not kept, and the key cannot be brute-forced offline.
  const hashKey = randomBytes(32);
  const openPaths = new Set(options.config.openPaths);
  const { requester } = options;

  const authenticate = async (token: string): Promise<TokenReviewOutcome> => {
    const key = createHmac('sha256', hashKey).update(token).digest('base64');
    const cached = tokens.get(key);
    if (cached) return cached;
    const outcome = await reviewToken(requester, token, { signal: AbortSignal.timeout(reviewTimeoutMs) });
    tokens.set(key, outcome, outcome.authenticated ? settings.authenticatedTtlMs : settings.unauthenticatedTtlMs);
    return outcome;
  };
  const authorize = async (user: ReviewedUser, attributes: AccessAttributes): Promise<AccessReviewOutcome> => {
    const key = JSON.stringify([user.username, user.uid ?? '', user.groups, user.extra ?? {}, attributes]);
    const cached = permissions.get(key);
    if (cached) return cached;
    const outcome = await reviewAccess(requester, user, attributes, AbortSignal.timeout(reviewTimeoutMs));
    permissions.set(key, outcome, outcome.allowed ? settings.allowedTtlMs : settings.deniedTtlMs);
    return outcome;
  };

  return {
    isOpen: (path) => openPaths.has(path),
    async decide(authorization, attributes) {
      const token = bearerTokenOf(authorization);
      if (token === undefined) return { outcome: 'unauthenticated', detail: noTokenDetail };
      try {
        const identity = await authenticate(token);
        if (!identity.authenticated) {
          const why = identity.error ? `: ${identity.error.split(token).join('<token>')}` : '';
          return {
            outcome: 'unauthenticated',
            detail: `the bearer token was not accepted by the Kubernetes API server (TokenReview)${why}`,
          };
        }
        const { username } = identity.user;
        const permission = await authorize(identity.user, attributes);
        if (permission.allowed) return { outcome: 'allowed', user: identity.user };
        return { outcome: 'forbidden', username, detail: forbiddenDetail(username, attributes, permission.reason) };
      } catch (error) {
        return {
          outcome: 'unavailable',
          detail:
            "the caller's token or permission cannot be checked now (the Kubernetes API server did not answer the review); retry later",
          cause: error,
        };
      }
    },
  };
}

function forbiddenDetail(username: string, attributes: AccessAttributes, reason: string | undefined): string {
  return (
    `user ${JSON.stringify(username)} may not ${describeAttributes(attributes)}` +
    `${reason ? ` (${reason})` : ''}: bind a Role or ClusterRole granting it (deploy/base has ferry-api-reader and ferry-api-planner)`
  );
}
