// Which Kubernetes permission an HTTP request needs, the way kube-rbac-proxy maps a request to a
// SubjectAccessReview: the verb comes from the HTTP method (GET → get, POST → create, PUT → update,
// PATCH → patch, DELETE → delete); a route with a rule is checked against that rule's resource
// (resourceAttributes), every other path against the path itself (nonResourceAttributes). Pure.
import type { AccessAttributes } from '@ferry/kube';

/** A path segment named by a route pattern (`:namespace`), whose value fills an attribute. */
export interface PathParameter {
  readonly param: string;
}

/**
 * The resource a route acts on. `namespace` is a path parameter or, when omitted, the namespace
 * the service serves (Ferry's); `name` a path parameter or none (every object).
 */
export interface RouteResource {
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly namespace?: PathParameter;
  readonly name?: PathParameter;
}

/** One route's permission: an express-style path pattern (`/v1/backups/:namespace/:name/volumes`) and its resource. */
export interface RouteAccessRule {
  readonly path: string;
  readonly resource: RouteResource;
}

/** The API group of the permissions Ferry's service APIs are checked against (granted by `ferry-api-*` ClusterRoles). */
export const ferryApiGroup = 'ferry.io';

const methodVerbs: Readonly<Record<string, string>> = {
  GET: 'get',
  HEAD: 'get',
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

/** kube-rbac-proxy's verb of an HTTP method; other methods (OPTIONS …) are their lower-cased name. */
export function verbOfMethod(method: string): string {
  return methodVerbs[method.toUpperCase()] ?? method.toLowerCase();
}

/**
 * The values of `pattern`'s `:param` segments in `path`, or undefined when the path does not match.
 * Matches as express routes by default do — literal segments case-insensitively, one trailing slash
 * ignored — so a request reaches a route only under that route's rule.
 */
export function matchRoute(pattern: string, path: string): Readonly<Record<string, string>> | undefined {
  const want = pattern.split('/');
  const got = (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path).split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of want.entries()) {
    const value = got[index] ?? '';
    if (segment.startsWith(':')) {
      if (value === '') return undefined;
      params[segment.slice(1)] = safeDecode(value);
    } else if (segment.toLowerCase() !== value.toLowerCase()) return undefined;
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The attributes to review for `method path`: the first rule whose pattern matches gives resource
 * attributes (verb from the method, namespace from its parameter or `namespace`), otherwise the
 * path and verb as non-resource attributes.
 */
export function requestAttributes(
  rules: readonly RouteAccessRule[],
  request: { readonly method: string; readonly path: string },
  namespace: string,
): AccessAttributes {
  const verb = verbOfMethod(request.method);
  for (const rule of rules) {
    const params = matchRoute(rule.path, request.path);
    if (!params) continue;
    const { group, resource, subresource } = rule.resource;
    const name = rule.resource.name ? params[rule.resource.name.param] : undefined;
    return {
      kind: 'resource',
      verb,
      group,
      resource,
      ...(subresource ? { subresource } : {}),
      namespace: rule.resource.namespace ? (params[rule.resource.namespace.param] ?? namespace) : namespace,
      ...(name ? { name } : {}),
    };
  }
  return { kind: 'non-resource', verb, path: request.path };
}

/** The permission in words, as a 403 names it: `get ferry.io backups/volumes "b1" in namespace "velero"`. */
export function describeAttributes(attributes: AccessAttributes): string {
  if (attributes.kind === 'non-resource') return `${attributes.verb} on the non-resource URL ${attributes.path}`;
  const resource = `${attributes.group || 'core'} ${attributes.resource}${attributes.subresource ? `/${attributes.subresource}` : ''}`;
  const name = attributes.name ? ` ${JSON.stringify(attributes.name)}` : '';
  const where = attributes.namespace ? ` in namespace ${JSON.stringify(attributes.namespace)}` : '';
  return `${attributes.verb} ${resource}${name}${where}`;
}

/**
 * The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, as RFC 6750
 * allows); undefined when the header is missing, of another scheme, or empty.
 */
export function bearerTokenOf(header: string | undefined): string | undefined {
  const match = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}
