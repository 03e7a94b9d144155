// The Schedule controller against the real API server: Backups named <schedule>-<yyyyMMddHHmmss>
// with the schedule label and the template, lastBackup, one run at a time, pause, FailedValidation
// with Velero's message, owner references — in real time with a few-second @every, and `@every 1m`
// on a fake clock moved by hand.
import { backupDefinition, scheduleDefinition, type Backup, type Schedule } from '@ferry/api';
import { createTestNamespace, deleteTestNamespace, eventually, loadEnvironmentInfo } from '@ferry/devenv/testing';
import { createCustomResourceClient, createKubeClient, silentLogger } from '@ferry/kube';
import { FakeClock } from '@ferry/kube/testing';
import { startScheduleService, type ScheduleService } from '../src';

const info = loadEnvironmentInfo();
const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
const schedules = createCustomResourceClient<Schedule>(kube, scheduleDefinition);
const backups = createCustomResourceClient<Backup>(kube, backupDefinition);

const aSchedule = (namespace: string, name: string, spec: Partial<NonNullable<Schedule['spec']>>): Schedule => ({
  apiVersion: 'velero.io/v1',
  kind: 'Schedule',
  metadata: { name, namespace, labels: { team: 'a' }, annotations: { note: 'from the schedule' } },
  spec: { schedule: '@every 3s', template: { includedNamespaces: ['app'], ttl: '1h0m0s' }, ...spec },
});

/** The Backups of `schedule`, oldest first. */
const backupsOf = async (namespace: string, schedule: string) =>
  (await backups.list(namespace, { labelSelector: `velero.io/schedule-name=${schedule}` })).sort((a, b) =>
    (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
  );

/** Marks a Backup Completed, as the Backup controller would (whole object: no status subresource). */
const complete = async (backup: Backup) => backups.replace({ ...backup, status: { phase: 'Completed' } });

describe('schedule service - real time', () => {
  let namespace = '';
  let service: ScheduleService;

  beforeAll(async () => {
    namespace = await createTestNamespace(kube, 'sched');
    service = await startScheduleService({ kube, logger: silentLogger, namespace });
  });

  afterAll(async () => {
    await service?.stop();
    await deleteTestNamespace(kube, namespace);
  });

  it('creates Backups named by their UTC time with the label and template, one at a time', async () => {
    const created = Date.now();
    await schedules.create(aSchedule(namespace, 'every3s', {}));
    const [first] = await eventually(
      'the first scheduled Backup',
      async () => {
        const found = await backupsOf(namespace, 'every3s');
        return found.length > 0 ? found : undefined;
      },
      20_000,
    );
    expect(first?.metadata?.name).toMatch(/^every3s-\d{14}$/);
    const stamp = first!.metadata!.name!.slice('every3s-'.length);
    const at = Date.UTC(
      +stamp.slice(0, 4),
      +stamp.slice(4, 6) - 1,
      +stamp.slice(6, 8),
      +stamp.slice(8, 10),
      +stamp.slice(10, 12),
      +stamp.slice(12),
    );
    expect(at).toBeGreaterThanOrEqual(Math.floor(created / 1000) * 1000 + 3000);
    expect(first?.metadata?.labels).toEqual({ team: 'a', 'velero.io/schedule-name': 'every3s' });
    expect(first?.metadata?.annotations).toEqual({ note: 'from the schedule' });
    expect(first?.metadata?.ownerReferences).toBeUndefined();
    expect(first?.spec).toEqual({ includedNamespaces: ['app'], ttl: '1h0m0s' });
    // lastBackup is written just after the Backup is created.
    const schedule = await eventually('lastBackup recorded', async () => {
      const current = await schedules.get(namespace, 'every3s');
      return current.status?.lastBackup ? current : undefined;
    });
    expect(schedule.status).toMatchObject({ phase: 'Enabled', lastBackup: new Date(at).toISOString().replace('.000Z', 'Z') });
    expect(schedule.spec?.skipImmediately).toBe(false);

    // The first Backup is still New (no Backup controller here): no second one meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await backupsOf(namespace, 'every3s')).toHaveLength(1);
    await complete(first!);
    const two = await eventually(
      'a second Backup once the first completed',
      async () => {
        const found = await backupsOf(namespace, 'every3s');
        return found.length === 2 ? found : undefined;
      },
      15_000,
    );
    expect(two[1]?.metadata?.name).not.toBe(first?.metadata?.name);
  });

  it('a paused Schedule makes no Backup and keeps its phase', async () => {
    await schedules.create(aSchedule(namespace, 'paused', { paused: true }));
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(await backupsOf(namespace, 'paused')).toEqual([]);
    expect((await schedules.get(namespace, 'paused')).status).toBeUndefined();
  });

  it('pausing an Enabled Schedule stops its Backups', async () => {
    await schedules.create(aSchedule(namespace, 'pausing', { useOwnerReferencesInBackup: true }));
    const [first] = await eventually(
      'a Backup of the Schedule',
      async () => {
        const found = await backupsOf(namespace, 'pausing');
        return found.length > 0 ? found : undefined;
      },
      20_000,
    );
    const schedule = await schedules.get(namespace, 'pausing');
    expect(first?.metadata?.ownerReferences).toEqual([
      { apiVersion: 'velero.io/v1', kind: 'Schedule', name: 'pausing', uid: schedule.metadata?.uid, controller: true },
    ]);
    await schedules.patch(namespace, 'pausing', { spec: { paused: true } });
    // Give the Schedule informer time to see the pause before the Backup's change (another watch) wakes the Schedule.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await complete(first!);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(await backupsOf(namespace, 'pausing')).toHaveLength(1);
    expect((await schedules.get(namespace, 'pausing')).status?.phase).toBe('Enabled');
  });

  it('an invalid cron expression is FailedValidation with Velero’s message and makes no Backup', async () => {
    await schedules.create(aSchedule(namespace, 'invalid', { schedule: '0 25 * * *' }));
    const status = await eventually('FailedValidation', async () => {
      const current = await schedules.get(namespace, 'invalid');
      return current.status?.phase === 'FailedValidation' ? current.status : undefined;
    });
    expect(status.validationErrors).toEqual(['invalid schedule: end of range (25) above maximum (23): 25']);
    expect(await backupsOf(namespace, 'invalid')).toEqual([]);
  });
});

describe('schedule service - @every 1m on a fake clock', () => {
  let namespace = '';
  let service: ScheduleService;
  const clock = new FakeClock(Date.now());

  beforeAll(async () => {
    namespace = await createTestNamespace(kube, 'sched-clock');
    service = await startScheduleService({ kube, logger: silentLogger, namespace, clock });
  });

  afterAll(async () => {
    await service?.stop();
    await deleteTestNamespace(kube, namespace);
  });

  it('runs a minute after the Schedule’s creation, then a minute after that run', async () => {
    const created = await schedules.create(aSchedule(namespace, 'minutely', { schedule: '@every 1m' }));
    await eventually('Enabled', async () => (await schedules.get(namespace, 'minutely')).status?.phase === 'Enabled');
    expect(await backupsOf(namespace, 'minutely')).toEqual([]);
    const creation = Date.parse(String(created.metadata?.creationTimestamp));
    await clock.advance(creation + 60_001 - clock.now());
    const [first] = await eventually('the first Backup', async () => {
      const found = await backupsOf(namespace, 'minutely');
      return found.length === 1 ? found : undefined;
    });
    const name = (ms: number) => `minutely-${new Date(ms).toISOString().slice(0, 19).replace(/[-T:]/g, '')}`;
    expect(first?.metadata?.name).toBe(name(clock.now()));
    await complete(first!);
    const firstRun = Math.floor(clock.now() / 1000) * 1000;
    await clock.advance(30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await backupsOf(namespace, 'minutely')).toHaveLength(1);
    await clock.advance(firstRun + 60_001 - clock.now());
    const both = await eventually('the second Backup', async () => {
      const found = await backupsOf(namespace, 'minutely');
      return found.length === 2 ? found : undefined;
    });
    expect(both.map((b) => b.metadata?.name)).toEqual([first?.metadata?.name, name(clock.now())]);
  });
});
