import { gunzipSync } from 'node:zlib';
import { backupFileKeys } from '@ferry/storage-location';
import { startApplicationHarness, type ApplicationHarness } from '@ferry/devenv/testing';
import { runFerry } from './ferry-process';

/** `text` with every Go-formatted time replaced by `TIME`. */
const normalised = (text: string): string => text.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC/g, 'TIME');

/** Velero's list cell: the items joined, or `empty`. */
const joined = (items: readonly string[] | null | undefined, empty: string): string =>
  items && items.length > 0 ? items.join(', ') : empty;

/** Velero's DescribeMap of `map` after `Labels:`/`Annotations:` (sorted, continuation lines 14 columns in). */
const mapLines = (map: Record<string, string> | undefined): string =>
  Object.keys(map ?? {})
    .sort()
    .map((key) => `${key}=${map?.[key] ?? ''}`)
    .join('\n              ') || '<none>';

/** Ferry's trace lines of an object whose annotations carry a `traceparent` (`00-<trace id>-<span>-<flags>`). */
const traceLines = (annotations: Record<string, string> | undefined): string[] => {
  const traceId = annotations?.['ferry.io/traceparent']?.split('-')[1];
  return traceId ? ['', `Trace ID:  ${traceId}`] : [];
};

/** Velero's resource list lines of the `<b>-resource-list.json.gz` document the server stored. */
async function resourceListLines(harness: ApplicationHarness, backupName: string): Promise<string[]> {
  const stored = await harness.store.getObject(backupFileKeys(harness.prefix, backupName).resourceList);
  const list = JSON.parse(gunzipSync(Buffer.from(stored ?? [])).toString('utf8')) as Record<string, string[]>;
  return Object.keys(list)
    .sort()
    .flatMap((kind) => [`  ${kind}:`, ...(list[kind] ?? []).map((item) => `    - ${item}`)]);
}

/**
 * `ferry backup …` run as processes against the real environment: the controller (role server)
 * and the policy service reconcile what the CLI submits; `--wait` follows the Backup to its final
 * phase and exits with its code; `get` and `describe` print what the cluster holds.
 */
describe('ferry backup - as a process against the controller', () => {
  let harness: ApplicationHarness;
  let namespace: string;
  let appNamespace: string;

  const ferry = (...args: string[]) => runFerry([...args, '-n', namespace], harness.info.kubeconfigPath);

  beforeAll(async () => {
    harness = await startApplicationHarness('cli', ['policy']);
    ({ namespace, appNamespace } = harness);
    await harness.kube.core.createNamespacedConfigMap({
      namespace: appNamespace,
      body: { metadata: { name: 'settings' }, data: { mode: 'demo' } },
    });
  }, 240_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('create --wait follows the backup to Completed and exits 0; get and describe show it', async () => {
    const created = await ferry('backup', 'create', 'app-backup', '--include-namespaces', appNamespace, '--ttl', '24h', '--wait');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Backup request "app-backup" submitted successfully.\n');
    expect(created.stdout).toMatch(/^backup InProgress \| items \d+\/\d+/m);
    expect(created.stdout).toContain('Backup completed with status: Completed.');

    const backup = await harness.backups.get(namespace, 'app-backup');
    expect(backup.spec).toMatchObject({ includedNamespaces: [appNamespace], ttl: '24h0m0s' });

    const listed = await ferry('backup', 'get');
    expect(listed.code).toBe(0);
    const [header, row] = listed.stdout.split('\n');
    expect(header).toMatch(/^NAME\s+STATUS\s+ERRORS\s+WARNINGS\s+CREATED\s+EXPIRES\s+STORAGE LOCATION\s+QUEUE POSITION\s+SELECTOR$/);
    expect(row?.split(/\s{3,}/)).toEqual([
      'app-backup',
      'Completed',
      '0',
      '0',
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC$/),
      '23h',
      'default',
      '<none>',
    ]);

    const described = await ferry('backup', 'describe', 'app-backup', '--details');
    expect(described.code).toBe(0);
    const total = backup.status?.progress?.totalItems ?? -1;
    const spec = backup.spec ?? {};
    expect(normalised(described.stdout)).toBe(
      [
        'Name:         app-backup',
        `Namespace:    ${namespace}`,
        `Labels:       ${mapLines(backup.metadata.labels)}`,
        `Annotations:  ${mapLines(backup.metadata.annotations)}`,
        '',
        'Phase:  Completed',
        '',
        '',
        'Namespaces:',
        `  Included:  ${appNamespace}`,
        '  Excluded:  <none>',
        '',
        'Resources:',
        `  Included cluster-scoped:    ${joined(spec.includedClusterScopedResources, '<none>')}`,
        `  Excluded cluster-scoped:    ${joined(spec.excludedClusterScopedResources, '<none>')}`,
        `  Included namespace-scoped:  ${joined(spec.includedNamespaceScopedResources, '*')}`,
        `  Excluded namespace-scoped:  ${joined(spec.excludedNamespaceScopedResources, '<none>')}`,
        '',
        'Label selector:  <none>',
        '',
        'Or label selector:  <none>',
        '',
        'Storage Location:  default',
        '',
        // The server defaults these (defaultVolumesToFsBackup and snapshotMoveData false, datamover velero-fs).
        'Velero-Native Snapshot PVs:    auto',
        `File System Backup (Default):  ${String(spec.defaultVolumesToFsBackup)}`,
        `Snapshot Move Data:            ${String(spec.snapshotMoveData)}`,
        `Data Mover:                    ${spec.datamover ?? ''}`,
        '',
        'TTL:  24h0m0s',
        '',
        'CSISnapshotTimeout:    10m0s',
        'ItemOperationTimeout:  4h0m0s',
        '',
        'Hooks:  <none>',
        '',
        'Backup Format Version:  1.1.0',
        '',
        'Started:    TIME',
        'Completed:  TIME',
        '',
        'Expiration:  TIME',
        '',
        `Total items to be backed up:  ${total}`,
        `Items backed up:              ${total}`,
        '',
        'Resource List:',
        ...(await resourceListLines(harness, 'app-backup')),
        '',
        'Backup Volumes:',
        '  Velero-Native Snapshots: <none included>',
        '',
        '  CSI Snapshots: <none included>',
        '',
        '  Pod Volume Backups: <none included>',
        // Tracing is on in the environment: the controller keeps the backup's trace on it.
        ...traceLines(backup.metadata.annotations),
        '',
      ].join('\n'),
    );
  });

  it('restore create --from-backup --wait brings the lost ConfigMap back and exits 0; get and describe show it', async () => {
    await harness.kube.core.deleteNamespacedConfigMap({ namespace: appNamespace, name: 'settings' });
    const created = await ferry('restore', 'create', 'app-restore', '--from-backup', 'app-backup', '--wait');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Restore request "app-restore" submitted successfully.\n');
    expect(created.stdout).toContain('Restore completed with status: Completed.');
    const restored = await harness.kube.core.readNamespacedConfigMap({ namespace: appNamespace, name: 'settings' });
    expect(restored.data).toEqual({ mode: 'demo' });

    const listed = await ferry('restore', 'get', 'app-restore');
    expect(
      listed.stdout
        .split('\n')[1]
        ?.split(/\s{3,}/)
        .slice(0, 3),
    ).toEqual(['app-restore', 'app-backup', 'Completed']);

    const described = await ferry('restore', 'describe', 'app-restore');
    expect(described.code).toBe(0);
    expect(described.stdout).toMatch(/^Phase:\s+Completed\nTotal items to be restored:\s+\d+\nItems restored:\s+\d+\n/m);
    expect(described.stdout).toContain('\nBackup:  app-backup\n');
    expect(described.stdout).toContain(
      '\nRestore PVs:  auto\n\nCSI Snapshot Restores: <none included>\n\nExisting Resource Policy:   <none>\n',
    );
    expect(described.stdout).toContain('\nRestore Rate:\n  Items/s:');
  });

  it('create --wait of a backup that fails validation exits 1', async () => {
    const result = await ferry('backup', 'create', 'bad-policies', '--resource-policies-configmap', 'missing', '--wait');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Backup completed with status: FailedValidation.');
  });

  it('a bad flag value names the flag, exits 1 and creates nothing', async () => {
    const result = await ferry('backup', 'create', 'never', '--ttl', '1w');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'An error occurred: invalid value "1w" for --ttl: time: unknown unit "w" in duration "1w" (use a Go duration such as 720h, 30m or 1h30m)\n',
    );
    expect(await harness.backups.find(namespace, 'never')).toBeUndefined();
  });
});
