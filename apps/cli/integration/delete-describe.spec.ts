import {
  deleteBackupRequestDefinition,
  restoreDefinition,
  scheduleDefinition,
  type DeleteBackupRequest,
  type Restore,
  type Schedule,
} from '@ferry/api';
import { createCustomResourceClient } from '@ferry/kube';
import { restorePrefixKey } from '@ferry/storage-location';
import { eventuallyPasses, startApplicationHarness, type ApplicationHarness } from '@ferry/devenv/testing';
import { runFerry } from './ferry-process';

/** `text` with every Go-formatted time replaced by `TIME` (ages and rates aside, two describes of one object agree). */
const normalised = (text: string): string => text.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC/g, 'TIME');

/** The trace id of a W3C `traceparent` value (`00-<trace>-<span>-<flags>`). */
const traceIdIn = (traceparent: string | undefined): string | undefined => traceparent?.split('-')[1];

/**
 * `ferry schedule describe|delete`, `backup describe|logs|delete` and `restore delete` run as
 * processes against the real environment: the controller (role server) reconciles Schedules,
 * Backups, DeleteBackupRequests and the restore finalizer; the CLI's output is compared with what
 * the cluster and the bucket hold.
 */
describe('ferry describe and delete - as a process against the controller', () => {
  let harness: ApplicationHarness;
  let namespace: string;
  let appNamespace: string;
  let schedules: ReturnType<typeof createCustomResourceClient<Schedule>>;
  let restores: ReturnType<typeof createCustomResourceClient<Restore>>;
  let deleteRequests: ReturnType<typeof createCustomResourceClient<DeleteBackupRequest>>;

  const ferry = (...args: string[]) => runFerry([...args, '-n', namespace], harness.info.kubeconfigPath);

  beforeAll(async () => {
    harness = await startApplicationHarness('clidel', ['policy']);
    ({ namespace, appNamespace } = harness);
    schedules = createCustomResourceClient<Schedule>(harness.kube, scheduleDefinition);
    restores = createCustomResourceClient<Restore>(harness.kube, restoreDefinition);
    deleteRequests = createCustomResourceClient<DeleteBackupRequest>(harness.kube, deleteBackupRequestDefinition);
    await harness.kube.core.createNamespacedConfigMap({
      namespace: appNamespace,
      body: { metadata: { name: 'settings' }, data: { a: 'b' } },
    });
  }, 240_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('schedule describe prints Velero’s text of the Schedule; schedule delete --confirm deletes it', async () => {
    const created = await ferry(
      'schedule',
      'create',
      'nightly',
      '--schedule',
      '0 1 * * *',
      '--include-namespaces',
      appNamespace,
      '--ttl',
      '72h',
      '--paused',
    );
    expect(created).toMatchObject({ code: 0, stdout: 'Schedule "nightly" created successfully.\n' });
    // Velero's schedule controller filters paused schedules out: the phase stays unset (New).
    const schedule = await schedules.get(namespace, 'nightly');

    const described = await ferry('schedule', 'describe', 'nightly');
    expect(described.code).toBe(0);
    expect(described.stdout).toBe(
      [
        'Name:         nightly',
        `Namespace:    ${namespace}`,
        'Labels:       <none>',
        'Annotations:  <none>',
        '',
        'Phase:  New',
        '',
        'Paused:  true',
        '',
        'Schedule:  0 1 * * *',
        '',
        'Backup Template:',
        '  Namespaces:',
        `    Included:  ${appNamespace}`,
        '    Excluded:  <none>',
        '  ',
        '  Resources:',
        '    Included cluster-scoped:    <none>',
        '    Excluded cluster-scoped:    <none>',
        '    Included namespace-scoped:  *',
        '    Excluded namespace-scoped:  <none>',
        '  ',
        '  Label selector:  <none>',
        '  ',
        '  Or label selector:  <none>',
        '  ',
        `  Storage Location:  ${schedule.spec?.template.storageLocation ?? ''}`,
        '  ',
        '  Velero-Native Snapshot PVs:  auto',
        '  Snapshot Move Data:          auto',
        '  Data Mover:                  velero',
        '  ',
        '  TTL:  72h0m0s',
        '  ',
        '  CSISnapshotTimeout:    0s',
        '  ItemOperationTimeout:  0s',
        '  ',
        '  Hooks:  <none>',
        '',
        'Last Backup:  <never>',
        '',
      ].join('\n'),
    );
    expect(await ferry('schedule', 'describe', '-l', 'no-such=label')).toMatchObject({ code: 0, stdout: '' });

    const deleted = await ferry('schedule', 'delete', 'nightly', '--confirm');
    expect(deleted).toMatchObject({ code: 0, stdout: 'Schedule deleted: nightly\n', stderr: '' });
    expect(await schedules.find(namespace, 'nightly')).toBeUndefined();
  });

  it('backup describe ends with the trace of the backup, linked with --jaeger-url; logs honour --cacert', async () => {
    const created = await ferry('backup', 'create', 'traced', '--include-namespaces', appNamespace, '--wait');
    expect(created.code).toBe(0);
    const backup = await harness.backups.get(namespace, 'traced');
    const traceId = traceIdIn(backup.metadata.annotations?.['ferry.io/traceparent']);
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    const described = await ferry('backup', 'describe', 'traced', '--jaeger-url', 'http://jaeger.test:16686/');
    expect(described.code).toBe(0);
    expect(described.stdout.endsWith(`\nTrace ID:  ${traceId}\nTrace:     http://jaeger.test:16686/trace/${traceId}\n`)).toBe(true);
    const plain = await ferry('backup', 'describe', 'traced');
    expect(plain.stdout).toBe(described.stdout.replace(/Trace: .*\n$/, ''));
    const two = await ferry('backup', 'describe', 'traced', 'traced');
    expect(normalised(two.stdout)).toBe(`${normalised(plain.stdout)}\n\n${normalised(plain.stdout)}`);

    const logs = await ferry('backup', 'logs', 'traced', '--insecure-skip-tls-verify', '--timeout', '30s');
    expect(logs.code).toBe(0);
    expect(logs.stdout).toContain(`msg="Backup finished with phase Completed" backup=${namespace}/traced\n`);
    const badCa = await ferry('backup', 'logs', 'traced', '--cacert', '/nonexistent/ca.pem');
    expect(badCa).toMatchObject({
      code: 1,
      stderr: "An error occurred: couldn't open cacert: ENOENT: no such file or directory, open '/nonexistent/ca.pem'\n",
    });
  });

  it('restore delete removes the Restore and, through its finalizer, its files; a missing name deletes nothing', async () => {
    const created = await ferry('restore', 'create', 'undo', '--from-backup', 'traced', '--wait');
    expect(created.code).toBe(0);
    const restoreFolder = restorePrefixKey(harness.prefix, 'undo');
    expect((await harness.store.listKeys(restoreFolder)).length).toBeGreaterThan(0);

    const refused = await ferry('restore', 'delete', 'undo', 'missing', '--confirm');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^errs: {2}\[.*"missing" not found.*\]\n$/);
    expect(await restores.find(namespace, 'undo')).toBeDefined();

    const deleted = await ferry('restore', 'delete', 'undo', '--confirm');
    expect(deleted).toMatchObject({
      code: 0,
      stdout:
        'Request to delete restore "undo" submitted successfully.\nThe restore will be fully deleted after all associated data (restore files in object storage) are removed.\n',
    });
    await eventuallyPasses(async () => expect(await restores.find(namespace, 'undo')).toBeUndefined());
    expect(await harness.store.listKeys(restoreFolder)).toEqual([]);
  });

  it('backup delete asks first (end of input deletes nothing); --all --confirm submits a DeleteBackupRequest and the backup goes', async () => {
    const declined = await ferry('backup', 'delete', 'traced');
    expect(declined).toEqual({ code: 0, stdout: 'Are you sure you want to continue (Y/N)? ', stderr: 'error reading user input: EOF\n' });
    expect(await deleteRequests.list(namespace)).toEqual([]);

    const backup = await harness.backups.get(namespace, 'traced');
    const deleted = await ferry('backup', 'delete', '--all', '--confirm');
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toBe(
      'Request to delete backup "traced" submitted successfully.\nThe backup will be fully deleted after all associated data (disk snapshots, backup files, restores) are removed.\n',
    );
    const [request] = await deleteRequests.list(namespace);
    expect(request?.metadata).toMatchObject({
      generateName: 'traced-',
      labels: { 'velero.io/backup-name': 'traced', 'velero.io/backup-uid': backup.metadata.uid },
    });
    expect(request?.spec).toEqual({ backupName: 'traced' });
    await eventuallyPasses(async () => expect(await harness.backups.find(namespace, 'traced')).toBeUndefined());
    expect(await ferry('backup', 'delete', '--all', '--confirm')).toMatchObject({ code: 0, stdout: 'No backups found\n' });
  });
});
