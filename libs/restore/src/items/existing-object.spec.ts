import { createMergePatch, decideExistingObject, mergeServiceAccounts } from './existing-object';

const labels = { 'velero.io/backup-name': 'b', 'velero.io/restore-name': 'r2' };
const desired = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns', labels }, data: { a: '1' } };
const inCluster = (data: Record<string, string>, restore = 'r1') => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'c',
    namespace: 'ns',
    uid: 'u',
    resourceVersion: '9',
    creationTimestamp: 't',
    labels: { ...labels, 'velero.io/restore-name': restore },
  },
  data,
});

describe('decideExistingObject (restore.go after AlreadyExists)', () => {
  it.each([
    ['identical, no policy: skipped', { a: '1' }, undefined, { kind: 'skip' }],
    [
      'identical, update: skipped, restore labels written',
      { a: '1' },
      'update',
      { kind: 'skip', labelPatch: { metadata: { labels: { 'velero.io/backup-name': 'b', 'velero.io/restore-name': 'r2' } } } },
    ],
    [
      'different, no policy: warning',
      { a: '2' },
      undefined,
      {
        kind: 'skip',
        warning: 'could not restore, ConfigMap:c already exists. Warning: the in-cluster version is different than the backed-up version',
      },
    ],
    [
      'different, none: warning',
      { a: '2' },
      'none',
      {
        kind: 'skip',
        warning: 'could not restore, ConfigMap "c" already exists. Warning: the in-cluster version is different than the backed-up version',
      },
    ],
  ])('%s', (_name, data, policy, expected) => {
    expect(decideExistingObject(desired, inCluster(data), 'configmaps', policy)).toEqual(expected);
  });

  it('different, update: a merge patch to the backed-up object', () => {
    const decision = decideExistingObject(desired, inCluster({ a: '2', extra: 'x' }), 'configmaps', 'update');
    expect(decision).toMatchObject({ kind: 'patch', patch: { data: { a: '1', extra: null }, metadata: { labels } } });
  });

  it('merges service accounts instead of warning', () => {
    const account = (secrets: { name: string }[]) => ({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'sa', labels },
      secrets,
    });
    const decision = decideExistingObject(account([{ name: 'backed-up' }]), account([{ name: 'live' }]), 'serviceaccounts', undefined);
    expect(decision).toEqual({ kind: 'patch', patch: { secrets: [{ name: 'live' }, { name: 'backed-up' }] } });
  });
});

describe('mergeServiceAccounts (Velero TestMergeServiceAccounts)', () => {
  it('unions secrets and pull secrets by name and adds missing labels and annotations', () => {
    const merged = mergeServiceAccounts(
      {
        metadata: { name: 'sa', labels: { a: 'live' }, annotations: { x: '1' } },
        secrets: [{ name: 's1' }],
        imagePullSecrets: [{ name: 'p1' }],
      },
      {
        metadata: { name: 'sa', labels: { a: 'backup', b: 'backup' } },
        secrets: [{ name: 's1' }, { name: 's2' }],
        imagePullSecrets: [{ name: 'p2' }],
      },
    );
    expect(merged).toEqual({
      metadata: { name: 'sa', labels: { a: 'live', b: 'backup' }, annotations: { x: '1' } },
      secrets: [{ name: 's1' }, { name: 's2' }],
      imagePullSecrets: [{ name: 'p1' }, { name: 'p2' }],
    });
  });
});

describe('createMergePatch (RFC 7386)', () => {
  it.each([
    ['equal', { a: 1 }, { a: 1 }, {}],
    ['changed and removed', { a: 1, b: { c: 2, d: 3 } }, { a: 2, b: { c: 2 } }, { a: 2, b: { d: null } }],
    ['arrays replaced whole', { a: [1, 2] }, { a: [1] }, { a: [1] }],
  ])('%s', (_name, from, to, patch) => {
    expect(createMergePatch(from, to)).toEqual(patch);
  });
});
