import { readBaseManifests } from './base-manifests';
import { serviceAccountOf, serviceIdentityObjects, type ManifestObject } from './service-rbac';

const meta = (name: string, namespace?: string) => ({ name, ...(namespace ? { namespace } : {}) });
const subject = (name: string, namespace = 'velero') => ({ kind: 'ServiceAccount', name, namespace });
const rbac = 'rbac.authorization.k8s.io/v1';

const base: ManifestObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: meta('velero') },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('ferry-a', 'velero') },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('ferry-b', 'velero') },
  { apiVersion: rbac, kind: 'Role', metadata: meta('ferry-a', 'velero') },
  { apiVersion: rbac, kind: 'Role', metadata: meta('ferry-b', 'velero') },
  { apiVersion: rbac, kind: 'ClusterRole', metadata: meta('ferry-a') },
  {
    apiVersion: rbac,
    kind: 'RoleBinding',
    metadata: meta('ferry-a', 'velero'),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'ferry-a' },
    subjects: [subject('ferry-a')],
  },
  {
    apiVersion: rbac,
    kind: 'RoleBinding',
    metadata: meta('ferry-b', 'velero'),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'ferry-b' },
    subjects: [subject('ferry-b')],
  },
  {
    apiVersion: rbac,
    kind: 'ClusterRoleBinding',
    metadata: meta('ferry-a'),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'ferry-a' },
    subjects: [subject('ferry-a')],
  },
];

const summary = (objects: readonly ManifestObject[]) =>
  objects.map((o) => [
    `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`,
    (o.subjects ?? []).map((s) => `${s.namespace}/${s.name}`).join(','),
  ]);

describe('serviceIdentityObjects - a service account of deploy/base moved into a namespace', () => {
  it.each([
    [
      'ferry-a',
      [
        ['ServiceAccount/t1/ferry-a', ''],
        ['Role/t1/ferry-a', ''],
        ['ClusterRole/ferry-a', ''],
        ['RoleBinding/t1/ferry-a', 't1/ferry-a'],
        ['ClusterRoleBinding/ferry-a:t1', 't1/ferry-a'],
      ],
    ],
    [
      'ferry-b',
      [
        ['ServiceAccount/t1/ferry-b', ''],
        ['Role/t1/ferry-b', ''],
        ['RoleBinding/t1/ferry-b', 't1/ferry-b'],
      ],
    ],
  ])('%s: its account, only the roles bound to it, and those bindings', (account, expected) => {
    expect(summary(serviceIdentityObjects(base, account, 't1'))).toEqual(expected);
  });

  it.each([
    ['an account deploy/base lacks', base, 'ferry-c', /no ServiceAccount ferry-c/],
    [
      'a binding to a missing role',
      base.filter((o) => o.kind !== 'ClusterRole'),
      'ferry-a',
      /binds ClusterRole ferry-a, which deploy\/base/,
    ],
  ])('refuses %s, naming it', (_case, objects, account, message) => {
    expect(() => serviceIdentityObjects(objects, account, 't1')).toThrow(message);
  });

  it.each([
    ['policy', 1],
    ['exposer', 1],
    ['controller', 1],
    ['mover', 2],
    ['volume-info', 1],
  ])(
    'the real deploy/base gives app %s an account bound to %i Role(s) in the namespace (the mover’s second: the controller route issuing its NATS identity)',
    async (app, roles) => {
      const objects = serviceIdentityObjects(await readBaseManifests(), serviceAccountOf(app), 'team-x');
      expect(objects[0]?.metadata).toEqual(expect.objectContaining({ name: `ferry-${app}`, namespace: 'team-x' }));
      expect(objects.filter((o) => o.kind === 'RoleBinding').map((o) => o.subjects)).toEqual(
        Array.from({ length: roles }, () => [subject(`ferry-${app}`, 'team-x')]),
      );
      expect(objects.every((o) => o.kind.startsWith('Cluster') || o.metadata.namespace === 'team-x')).toBe(true);
    },
  );
});
