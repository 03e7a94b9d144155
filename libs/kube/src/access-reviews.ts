// Delegated authentication and authorisation, as an API server does it for a webhook or
// kube-rbac-proxy for its upstream: a TokenReview says who a bearer token belongs to, a
// SubjectAccessReview whether that user may do something. Neither review is stored by the server.
import type { ApiRequester } from './api-requester';

/** The user a TokenReview authenticated (`status.user`). */
export interface ReviewedUser {
  readonly username: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

/** What a TokenReview said: the user, or why the token was not accepted (the server's wording). */
export type TokenReviewOutcome =
  { readonly authenticated: true; readonly user: ReviewedUser } | { readonly authenticated: false; readonly error?: string };

/** A request on a resource, as `SubjectAccessReview.spec.resourceAttributes` says it. */
export interface ResourceAccessAttributes {
  readonly kind: 'resource';
  readonly verb: string;
  /** API group; `''` is the core group. */
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  /** Empty for cluster-scoped resources (and "all namespaces"). */
  readonly namespace?: string;
  readonly name?: string;
}

/** A request on a path that is no resource (`spec.nonResourceAttributes`), e.g. `get /metrics`. */
export interface NonResourceAccessAttributes {
  readonly kind: 'non-resource';
  readonly verb: string;
  readonly path: string;
}

/** What a user asks to do. */
export type AccessAttributes = ResourceAccessAttributes | NonResourceAccessAttributes;

/** What a SubjectAccessReview said; `reason` is the authorizer's (e.g. the RBAC binding that allowed). */
export interface AccessReviewOutcome {
  readonly allowed: boolean;
  readonly reason?: string;
}

interface TokenReviewStatus {
  readonly status?: {
    readonly authenticated?: boolean;
    readonly error?: string;
    readonly user?: { username?: string; uid?: string; groups?: string[]; extra?: Record<string, string[]> };
  };
}

interface SubjectAccessReviewStatus {
  readonly status?: { readonly allowed?: boolean; readonly denied?: boolean; readonly reason?: string; readonly evaluationError?: string };
}

/**
 * Asks the API server who `token` belongs to (`POST authentication.k8s.io/v1 tokenreviews`).
 * `audiences` empty means the API server's own. Resolves `authenticated: false` for a token the
 * server does not accept; rejects with a `KubeError` when the review itself fails (server
 * unreachable, the caller may not create TokenReviews). The token is sent in the review's body
 * only and never appears in an error.
 */
export async function reviewToken(
  requester: ApiRequester,
  token: string,
  options: { readonly audiences?: readonly string[]; readonly signal?: AbortSignal } = {},
): Promise<TokenReviewOutcome> {
  const review = await requester.request<TokenReviewStatus>({
    method: 'POST',
    path: '/apis/authentication.k8s.io/v1/tokenreviews',
    body: {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      spec: { token, ...(options.audiences?.length ? { audiences: options.audiences } : {}) },
    },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const user = review.status?.user;
  if (review.status?.authenticated !== true || !user?.username) {
    return { authenticated: false, ...(review.status?.error ? { error: review.status.error } : {}) };
  }
  return {
    authenticated: true,
    user: {
      username: user.username,
      groups: user.groups ?? [],
      ...(user.uid ? { uid: user.uid } : {}),
      ...(user.extra ? { extra: user.extra } : {}),
    },
  };
}

/**
 * Asks the API server whether `user` may do what `attributes` say
 * (`POST authorization.k8s.io/v1 subjectaccessreviews`). Rejects with a `KubeError` when the review
 * itself fails; an authorizer's evaluation error without a decision counts as not allowed.
 */
export async function reviewAccess(
  requester: ApiRequester,
  user: ReviewedUser,
  attributes: AccessAttributes,
  signal?: AbortSignal,
): Promise<AccessReviewOutcome> {
  const review = await requester.request<SubjectAccessReviewStatus>({
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        user: user.username,
        groups: user.groups,
        ...(user.uid ? { uid: user.uid } : {}),
        ...(user.extra ? { extra: user.extra } : {}),
        ...specAttributes(attributes),
      },
    },
    ...(signal ? { signal } : {}),
  });
  const status = review.status ?? {};
  const reason = status.reason || status.evaluationError;
  return { allowed: status.allowed === true && status.denied !== true, ...(reason ? { reason } : {}) };
}

function specAttributes(attributes: AccessAttributes): Record<string, unknown> {
  if (attributes.kind === 'non-resource') return { nonResourceAttributes: { path: attributes.path, verb: attributes.verb } };
  const { verb, group, resource, subresource, namespace, name } = attributes;
  return {
    resourceAttributes: {
      verb,
      group,
      resource,
      ...(subresource ? { subresource } : {}),
      ...(namespace ? { namespace } : {}),
      ...(name ? { name } : {}),
    },
  };
}
