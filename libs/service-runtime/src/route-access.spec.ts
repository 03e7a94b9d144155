import type { AccessAttributes } from '@ferry/kube';
import { bearerTokenOf, describeAttributes, matchRoute, requestAttributes, verbOfMethod, type RouteAccessRule } from './route-access';

const rules: RouteAccessRule[] = [
  {
    path: '/v1/backups/:namespace/:name/volumes',
    resource: {
      group: 'ferry.io',
      resource: 'backups',
      subresource: 'volumes',
      namespace: { param: 'namespace' },
      name: { param: 'name' },
    },
  },
  { path: '/v1/operations', resource: { group: 'ferry.io', resource: 'operations' } },
  { path: '/v1/claims/:namespace/:pvc/history', resource: { group: '', resource: 'persistentvolumeclaims', name: { param: 'pvc' } } },
];

describe('route-access - verbOfMethod (kube-rbac-proxy mapping)', () => {
  it.each([
    ['GET', 'get'],
    ['HEAD', 'get'],
    ['POST', 'create'],
    ['PUT', 'update'],
    ['PATCH', 'patch'],
    ['DELETE', 'delete'],
    ['post', 'create'],
    ['OPTIONS', 'options'],
  ])('%s -> %s', (method, verb) => {
    expect(verbOfMethod(method)).toBe(verb);
  });
});

describe('route-access - matchRoute', () => {
  it.each<[string, string, Record<string, string> | undefined]>([
    ['/v1/operations', '/v1/operations', {}],
    ['/v1/operations', '/v1/operations/', {}],
    ['/v1/operations', '/V1/Operations', {}],
    ['/v1/operations', '/v1/operations//', undefined],
    ['/v1/operations', '/v1/operation', undefined],
    ['/v1/backups/:namespace/:name/volumes', '/v1/backups/velero/b1/volumes', { namespace: 'velero', name: 'b1' }],
    ['/v1/backups/:namespace/:name/volumes', '/v1/backups/velero//volumes', undefined],
    ['/v1/backups/:namespace/:name/volumes', '/v1/backups/velero/b1/volumes/x', undefined],
    ['/v1/backups/:namespace/:name/volumes', '/v1/backups/a%2Fb/b1/volumes', { namespace: 'a/b', name: 'b1' }],
    ['/v1/backups/:namespace/:name/volumes', '/v1/backups/%E0%A4%A/b1/volumes', { namespace: '%E0%A4%A', name: 'b1' }],
  ])('%s against %s', (pattern, path, expected) => {
    expect(matchRoute(pattern, path)).toEqual(expected);
  });
});

describe('route-access - requestAttributes', () => {
  it.each<[string, string, string, AccessAttributes]>([
    [
      'a rule with namespace and name parameters',
      'GET',
      '/v1/backups/team-a/nightly/volumes',
      {
        kind: 'resource',
        verb: 'get',
        group: 'ferry.io',
        resource: 'backups',
        subresource: 'volumes',
        namespace: 'team-a',
        name: 'nightly',
      },
    ],
    [
      "a rule without namespace parameter: the service's namespace",
      'GET',
      '/v1/operations',
      { kind: 'resource', verb: 'get', group: 'ferry.io', resource: 'operations', namespace: 'velero' },
    ],
    [
      'the verb of another method on a rule',
      'DELETE',
      '/v1/backups/velero/b1/volumes',
      { kind: 'resource', verb: 'delete', group: 'ferry.io', resource: 'backups', subresource: 'volumes', namespace: 'velero', name: 'b1' },
    ],
    [
      'a name parameter named otherwise',
      'GET',
      '/v1/claims/app/data/history',
      { kind: 'resource', verb: 'get', group: '', resource: 'persistentvolumeclaims', namespace: 'velero', name: 'data' },
    ],
    ['a path without rule: non-resource', 'POST', '/v1/unknown', { kind: 'non-resource', verb: 'create', path: '/v1/unknown' }],
    ['the metrics path without rule', 'GET', '/metrics', { kind: 'non-resource', verb: 'get', path: '/metrics' }],
  ])('%s', (_case, method, path, expected) => {
    expect(requestAttributes(rules, { method, path }, 'velero')).toEqual(expected);
  });

  it('takes the first matching rule', () => {
    const first: RouteAccessRule = { path: '/v1/:item', resource: { group: 'ferry.io', resource: 'first' } };
    expect(requestAttributes([first, ...rules], { method: 'GET', path: '/v1/operations' }, 'velero')).toMatchObject({ resource: 'first' });
  });
});

describe('route-access - describeAttributes', () => {
  it.each<[AccessAttributes, string]>([
    [
      { kind: 'resource', verb: 'get', group: 'ferry.io', resource: 'backups', subresource: 'volumes', namespace: 'velero', name: 'b1' },
      'get ferry.io backups/volumes "b1" in namespace "velero"',
    ],
    [
      { kind: 'resource', verb: 'get', group: 'ferry.io', resource: 'movejobs', namespace: 'velero' },
      'get ferry.io movejobs in namespace "velero"',
    ],
    [{ kind: 'resource', verb: 'list', group: '', resource: 'pods' }, 'list core pods'],
    [{ kind: 'non-resource', verb: 'get', path: '/metrics' }, 'get on the non-resource URL /metrics'],
  ])('%j -> %s', (attributes, text) => {
    expect(describeAttributes(attributes)).toBe(text);
  });
});

describe('route-access - bearerTokenOf', () => {
  it.each<[string | undefined, string | undefined]>([
    [undefined, undefined],
    ['', undefined],
    ['Bearer abc.def-ghi', 'abc.def-ghi'],
    ['bearer abc', 'abc'],
    ['BEARER   abc  ', 'abc'],
    ['Bearer', undefined],
    ['Bearer ', undefined],
    ['Basic dXNlcjpwYXNz', undefined],
    ['Bearer two tokens', undefined],
  ])('%j -> %j', (header, token) => {
    expect(bearerTokenOf(header)).toBe(token);
  });
});
