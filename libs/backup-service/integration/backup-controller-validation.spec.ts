// The Backup controller's validation against the real environment (the controller and policy apps
// spawned): invalid specs end FailedValidation with Velero's messages; a storage location on a
// stopped MinIO turns Unavailable (once the BSL controller's S3 requests time out) and new backups
// fail validation, until MinIO is back and the location Available again.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backup } from '@ferry/api';
import { createMinioStorageLocation } from '@ferry/devenv';
import { eventually, startMinio, type MinioServer } from '@ferry/devenv/testing';
import { startApplicationHarness, type ApplicationHarness } from '@ferry/devenv/testing';

describe('backup controller - validation', () => {
  let h: ApplicationHarness;
  let stateDir = '';
  let minio: MinioServer | undefined;

  beforeAll(async () => {
    h = await startApplicationHarness('validation', ['policy']);
    stateDir = await mkdtemp(join(tmpdir(), 'ferry-backup-validation-'));
    await h.kube.core.createNamespacedConfigMap({
      namespace: h.namespace,
      body: { metadata: { name: 'two-keys' }, data: { 'a.yaml': 'version: v1', 'b.yaml': 'version: v1' } },
    });
    await h.kube.core.createNamespacedConfigMap({
      namespace: h.namespace,
      body: {
        metadata: { name: 'bad-action' },
        data: { 'policy.yaml': 'version: v1\nvolumePolicies:\n- conditions: {}\n  action: {type: teleport}\n' },
      },
    });
    await createMinioStorageLocation(
      h.kube,
      { ...h.info.s3, bucket: `missing-${h.namespace}` },
      { namespace: h.namespace, name: 'broken', prefix: 'x' },
    );
    await createMinioStorageLocation(h.kube, h.info.s3, { namespace: h.namespace, name: 'read-only', prefix: `ro/${h.namespace}` });
    await h.locations.patch(h.namespace, 'read-only', { spec: { accessMode: 'ReadOnly' } });
    await eventually('BSLs validated', async () => {
      const phases = await Promise.all(
        ['default', 'broken', 'read-only'].map(async (name) => (await h.locations.get(h.namespace, name)).status?.phase),
      );
      return phases.join() === 'Available,Unavailable,Available' || undefined;
    });
  }, 180_000);

  afterAll(async () => {
    minio?.process.signal('SIGCONT');
    await minio?.process.stop();
    await h?.close();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  }, 120_000);

  const mixed =
    'include-resources, exclude-resources and include-cluster-resources are old filter parameters.\n' +
    'include-cluster-scoped-resources, exclude-cluster-scoped-resources, include-namespace-scoped-resources and exclude-namespace-scoped-resources are new filter parameters.\n' +
    'They cannot be used together';

  const cases: [string, Backup['spec'], (ns: string, name: string) => string[]][] = [
    [
      'missing storage location',
      { storageLocation: 'nowhere' },
      () => [
        'an existing backup storage location was not specified at backup creation time and the default nowhere was not found. Please address this issue (see `velero backup-location -h` for options) and create a new backup. Error: backupstoragelocations.velero.io "nowhere" not found',
      ],
    ],
    [
      'unavailable storage location',
      { storageLocation: 'broken' },
      () => ["backup can't be created because BackupStorageLocation broken is in Unavailable status."],
    ],
    [
      'read-only storage location',
      { storageLocation: 'read-only' },
      () => ["backup can't be created because backup storage location read-only is currently in read-only mode"],
    ],
    [
      'namespace included and excluded',
      { includedNamespaces: ['app'], excludedNamespaces: ['app'] },
      () => ['Invalid included/excluded namespace lists: excludes list cannot contain an item in the includes list: app'],
    ],
    [
      'old and scoped filters mixed',
      { includedResources: ['configmaps'], includedClusterScopedResources: ['storageclasses'] },
      () => [mixed],
    ],
    [
      'labelSelector with orLabelSelectors',
      { labelSelector: { matchLabels: { a: 'b' } }, orLabelSelectors: [{ matchLabels: { c: 'd' } }] },
      () => ['encountered labelSelector as well as orLabelSelectors in backup spec, only one can be specified'],
    ],
    [
      'policy ConfigMap missing',
      { resourcePolicy: { kind: 'configmap', name: 'missing' } },
      (ns) => [`fail to get ResourcePolicies ${ns}/missing ConfigMap: configmaps "missing" not found`],
    ],
    [
      'policy ConfigMap with two keys',
      { resourcePolicy: { kind: 'ConfigMap', name: 'two-keys' } },
      (ns, name) => [
        `fail to read the ResourcePolicies from ConfigMap ${ns}/${name}: illegal resource policies ${ns}/two-keys configmap; its data must hold exactly one key (found 2)`,
      ],
    ],
  ];

  it.each(cases)('%s → FailedValidation with Velero’s message', async (label, spec, expected) => {
    const name = label.replace(/[^a-z]+/g, '-');
    await h.createBackup(name, spec);
    const backup = await h.backupIn(name, ['FailedValidation', 'InProgress', 'Completed', 'PartiallyFailed', 'Failed']);
    expect(backup.status?.phase).toBe('FailedValidation');
    expect(backup.status?.validationErrors).toEqual(expected(h.namespace, name));
    expect(backup.status).toMatchObject({ version: 1, formatVersion: '1.1.0' });
    expect(backup.status?.startTimestamp).toBeUndefined();
    expect(Date.parse(backup.status?.expiration ?? '')).toBeGreaterThan(Date.now() + 719 * 3600_000);
  });

  it('an invalid policy document → FailedValidation naming the key and the problem', async () => {
    await h.createBackup('bad-action', { resourcePolicy: { kind: 'configmap', name: 'bad-action' } });
    const backup = await h.backupIn('bad-action', ['FailedValidation', 'InProgress', 'Completed', 'PartiallyFailed', 'Failed']);
    expect(backup.status?.phase).toBe('FailedValidation');
    expect(backup.status?.validationErrors?.[0]).toMatch(
      new RegExp(
        `^fail to (read the|validate) ResourcePolicies (from|in) ConfigMap ${h.namespace}/bad-action: data\\["policy.yaml"\\] .*teleport`,
      ),
    );
  });

  it('MinIO stopped: location Unavailable, new backups FailedValidation; MinIO back: Available, backups run', async () => {
    minio = await startMinio(h.info.binaries.minio, stateDir, 'private');
    await createMinioStorageLocation(h.kube, minio.s3, { namespace: h.namespace, name: 'private', prefix: 'velero' });
    await h.locations.patch(h.namespace, 'private', { spec: { validationFrequency: '2s' } });
    // A stopped MinIO accepts connections but never answers: Unavailable once the BSL controller's S3 requests time out.
    const phase = (want: string) =>
      eventually(
        `BSL private ${want}`,
        async () => ((await h.locations.get(h.namespace, 'private')).status?.phase === want ? true : undefined),
        120_000,
      );
    await phase('Available');

    minio.process.signal('SIGSTOP');
    await phase('Unavailable');
    await h.createBackup('while-down', { storageLocation: 'private', includedNamespaces: [h.namespace] });
    const refused = await h.backupIn('while-down', ['FailedValidation', 'InProgress', 'Completed', 'PartiallyFailed', 'Failed']);
    expect(refused.status?.validationErrors).toEqual([
      "backup can't be created because BackupStorageLocation private is in Unavailable status.",
    ]);

    minio.process.signal('SIGCONT');
    await phase('Available');
    await h.createBackup('after-recovery', {
      storageLocation: 'private',
      includedNamespaces: [h.namespace],
      includedResources: ['configmaps'],
    });
    const done = await h.backupIn('after-recovery', ['FailedValidation', 'Completed', 'PartiallyFailed', 'Failed'], 90_000);
    expect(done.status?.phase).toBe('Completed');
    expect(done.status?.validationErrors).toBeUndefined();
  }, 300_000);
});
