import type { Backup, Schedule } from '@ferry/api';
import { backupInFlight, scheduleDue, scheduleStatusUpdate, validateSchedule, type ScheduleValidation } from './schedule-rules';
import { backupFromSchedule } from './scheduled-backup';

const t = (iso: string) => Date.parse(iso);

function aSchedule(spec: Partial<NonNullable<Schedule['spec']>> = {}, status: Schedule['status'] = {}): Schedule {
  return {
    metadata: { name: 'nightly', namespace: 'velero', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { schedule: '@every 1h', template: {}, ...spec },
    status,
  };
}

const backup = (name: string, phase?: NonNullable<Backup['status']>['phase']): Backup => ({
  metadata: { name },
  ...(phase ? { status: { phase } } : {}),
});

function enabled(schedule: Schedule): Extract<ScheduleValidation, { phase: 'Enabled' }> {
  const validation = validateSchedule(schedule);
  if (validation.phase !== 'Enabled') throw new Error('expected a valid schedule');
  return validation;
}

describe('schedule rules - validation', () => {
  it.each<[string, string[] | undefined]>([
    ['@every 1m', undefined],
    ['0 3 * * *', undefined],
    ['', ['Schedule must be a non-empty valid Cron expression']],
    ['daily', ['invalid schedule: expected exactly 5 fields, found 1: [daily]']],
    ['@every 1d', ['invalid schedule: failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"']],
  ])('%j', (expression, errors) => {
    const validation = validateSchedule(aSchedule({ schedule: expression }));
    if (errors) expect(validation).toEqual({ phase: 'FailedValidation', validationErrors: errors });
    else expect(validation.phase).toBe('Enabled');
  });
});

describe('schedule rules - status update', () => {
  const now = t('2026-01-01T00:10:00.400Z');

  it('stores skipImmediately false and the phase on the first reconcile', () => {
    const schedule = aSchedule();
    expect(scheduleStatusUpdate(schedule, validateSchedule(schedule), false, now)).toEqual({
      phase: 'Enabled',
      skipImmediately: false,
      changed: true,
    });
  });

  it('consumes skipImmediately (spec, else the server default) into lastSkipped', () => {
    const fromSpec = aSchedule({ skipImmediately: true }, { phase: 'Enabled' });
    expect(scheduleStatusUpdate(fromSpec, validateSchedule(fromSpec), false, now)).toMatchObject({
      lastSkipped: '2026-01-01T00:10:00Z',
      changed: true,
    });
    const fromServer = aSchedule({}, { phase: 'Enabled' });
    expect(scheduleStatusUpdate(fromServer, validateSchedule(fromServer), true, now)).toMatchObject({
      lastSkipped: '2026-01-01T00:10:00Z',
    });
    const explicitFalse = aSchedule({ skipImmediately: false }, { phase: 'Enabled' });
    expect(scheduleStatusUpdate(explicitFalse, validateSchedule(explicitFalse), true, now)).toEqual({
      phase: 'Enabled',
      skipImmediately: false,
      changed: false,
    });
  });

  it('writes the errors of an invalid schedule, and again when they change', () => {
    const invalid = aSchedule({ schedule: 'x', skipImmediately: false }, { phase: 'FailedValidation', validationErrors: ['old'] });
    expect(scheduleStatusUpdate(invalid, validateSchedule(invalid), false, now)).toEqual({
      phase: 'FailedValidation',
      validationErrors: ['invalid schedule: expected exactly 5 fields, found 1: [x]'],
      skipImmediately: false,
      changed: true,
    });
  });
});

describe('schedule rules - due', () => {
  it('counts from the creation, then from lastBackup, strictly after the next run', () => {
    const fresh = aSchedule();
    const { cron } = enabled(fresh);
    expect(scheduleDue(fresh, cron, [], t('2026-01-01T01:00:00Z'))).toEqual({
      due: false,
      lastRunMs: t('2026-01-01T00:00:00Z'),
      nextRunMs: t('2026-01-01T01:00:00Z'),
    });
    expect(scheduleDue(fresh, cron, [], t('2026-01-01T01:00:00.001Z')).due).toBe(true);
    const ran = aSchedule({}, { lastBackup: '2026-01-01T01:00:01Z' });
    expect(scheduleDue(ran, cron, [], t('2026-01-01T01:30:00Z'))).toMatchObject({ due: false, nextRunMs: t('2026-01-01T02:00:01Z') });
  });

  it('a later lastSkipped moves the next run', () => {
    const skipped = aSchedule({}, { lastBackup: '2026-01-01T01:00:00Z', lastSkipped: '2026-01-01T01:40:00Z' });
    expect(scheduleDue(skipped, enabled(skipped).cron, [], t('2026-01-01T02:10:00Z'))).toMatchObject({
      due: false,
      nextRunMs: t('2026-01-01T02:40:00Z'),
    });
  });

  it('a Backup of the schedule newer than lastBackup counts as the last run (no duplicate after a restart)', () => {
    const schedule = aSchedule({}, { lastBackup: '2026-01-01T01:00:00Z' });
    const backups = [backup('nightly-20260101020001'), backup('other-20260101030000'), backup('nightly-manual')];
    expect(scheduleDue(schedule, enabled(schedule).cron, backups, t('2026-01-01T02:30:00Z'))).toEqual({
      due: false,
      lastRunMs: t('2026-01-01T02:00:01Z'),
      nextRunMs: t('2026-01-01T03:00:01Z'),
    });
  });

  it('counts a run the caller made that its cache does not show yet', () => {
    const schedule = aSchedule({}, { lastBackup: '2026-01-01T01:00:00Z' });
    expect(scheduleDue(schedule, enabled(schedule).cron, [], t('2026-01-01T02:00:03Z'), t('2026-01-01T02:00:02Z'))).toMatchObject({
      due: false,
      nextRunMs: t('2026-01-01T03:00:02Z'),
    });
  });

  it('runs no missed backups: one late run, the next one a period after the last', () => {
    const schedule = aSchedule({}, { lastBackup: '2026-01-01T01:00:00Z' });
    expect(scheduleDue(schedule, enabled(schedule).cron, [], t('2026-01-01T09:00:00Z'))).toMatchObject({ due: true });
  });

  it('is never due for an expression without a run', () => {
    const never = aSchedule({ schedule: '0 0 30 2 *' });
    expect(scheduleDue(never, enabled(never).cron, [], t('2030-01-01T00:00:00Z'))).toEqual({
      due: false,
      lastRunMs: t('2026-01-01T00:00:00Z'),
    });
  });
});

describe('schedule rules - in flight', () => {
  it.each<[Backup[], string | undefined]>([
    [[backup('a', 'Completed'), backup('b', 'Failed')], undefined],
    [[backup('a', 'Completed'), backup('b')], 'b'],
    [[backup('a', 'New')], 'a'],
    [[backup('a', 'InProgress')], 'a'],
    [[backup('a', 'WaitingForPluginOperations')], undefined],
  ])('%#', (backups, blocking) => {
    expect(backupInFlight(backups)?.metadata?.name).toBe(blocking);
  });
});

// Velero's TestGetNextRunTime (@every 5m; the last run is the creation, or lastBackup that long ago).
describe('schedule rules - next run time as Velero computes it', () => {
  const nowMs = t('2026-01-01T10:00:00.500Z');
  const fiveMinutes = 5 * 60_000;
  it.each<[string, number | undefined, boolean]>([
    ['first run', undefined, false],
    ['just ran', 0, false],
    ['almost but not quite time to run', 4 * 60_000 + 59_000, false],
    ['time to run again', fiveMinutes, true],
    ['several runs missed', 5 * 3_600_000, true],
  ])('%s', (_name, lastRanAgoMs, due) => {
    const baseMs = nowMs - (lastRanAgoMs ?? 0);
    const base = new Date(baseMs).toISOString();
    const schedule: Schedule = {
      metadata: { name: 'schedule-1', namespace: 'velero', creationTimestamp: base },
      spec: { schedule: '@every 5m', template: {} },
      status: lastRanAgoMs === undefined ? {} : { lastBackup: base },
    };
    const result = scheduleDue(schedule, enabled(schedule).cron, [], nowMs);
    expect(result.due).toBe(due);
    // Velero ignores differences under a second: the cron library rounds.
    expect(Math.abs((result.nextRunMs ?? Number.NaN) - (baseMs + fiveMinutes))).toBeLessThan(1000);
  });
});

// Velero's TestParseCronSchedule: five fields with the first one minutes, daily at 9am.
describe('schedule rules - a daily cron schedule is due once a day', () => {
  it.each<[string, string, boolean, string]>([
    ['2017-08-10T12:27:00Z', '2017-08-10T12:27:00Z', false, '2017-08-11T09:00:00Z'],
    ['2017-08-10T12:27:00Z', '2017-08-10T14:27:00Z', false, '2017-08-11T09:00:00Z'],
    ['2017-08-10T12:27:00Z', '2017-08-11T09:01:00Z', true, '2017-08-11T09:00:00Z'],
    ['2017-08-11T09:01:00Z', '2017-08-11T09:02:00Z', false, '2017-08-12T09:00:00Z'],
  ])('last backup %s, now %s', (lastBackup, now, due, next) => {
    const schedule = aSchedule({ schedule: '0 9 * * *' }, { lastBackup });
    expect(scheduleDue(schedule, enabled(schedule).cron, [], t(now))).toMatchObject({ due, nextRunMs: t(next) });
  });
});

interface ReconcileOutcome {
  readonly phase: string;
  readonly validationErrors?: readonly string[];
  readonly lastSkipped?: string;
  /** The Backup a reconcile creates, if any. */
  readonly backup?: { readonly name?: string; readonly labels?: Record<string, string> };
}

/** The pure steps of one Velero schedule reconcile: validate, consume skipImmediately, check due and in flight, build the Backup. */
function reconcileSchedule(
  schedule: Schedule,
  serverSkipImmediately: boolean,
  nowMs: number,
  backups: readonly Backup[],
): ReconcileOutcome {
  const validation = validateSchedule(schedule);
  const update = scheduleStatusUpdate(schedule, validation, serverSkipImmediately, nowMs);
  if (validation.phase !== 'Enabled')
    return { phase: update.phase, ...(update.validationErrors ? { validationErrors: update.validationErrors } : {}) };
  const skipped = update.lastSkipped ? { lastSkipped: update.lastSkipped } : {};
  const updated: Schedule = { ...schedule, status: { ...schedule.status, ...skipped } };
  const created =
    scheduleDue(updated, validation.cron, backups, nowMs).due && !backupInFlight(backups) ? backupFromSchedule(updated, nowMs) : undefined;
  return {
    phase: update.phase,
    ...skipped,
    ...(created ? { backup: { name: created.metadata?.name, labels: created.metadata?.labels } } : {}),
  };
}

// Velero's TestReconcileOfSchedule (Schedule ns/name without a creation time; the Go zero time when no clock is set).
describe('schedule rules - one reconcile as Velero runs it', () => {
  const zeroTime = t('0001-01-01T00:00:00Z');
  const clock = t('2017-01-01T12:00:00Z');
  const newBackup = { name: 'name-20170101120000', labels: { 'velero.io/schedule-name': 'name' } };
  const invalid = { phase: 'FailedValidation', validationErrors: ['Schedule must be a non-empty valid Cron expression'] };
  const named = (spec: Partial<NonNullable<Schedule['spec']>>, status: Schedule['status']): Schedule => ({
    metadata: { name: 'name', namespace: 'ns' },
    spec: { schedule: '', template: {}, ...spec },
    status,
  });
  const every5m = (skipImmediately?: boolean, lastBackup?: string, phase: 'New' | 'Enabled' = 'Enabled') =>
    named(
      { schedule: '@every 5m', ...(skipImmediately === undefined ? {} : { skipImmediately }) },
      { phase, ...(lastBackup ? { lastBackup } : {}) },
    );
  const ranIn2000 = '2000-01-01T00:00:00Z';
  it.each<[string, Schedule, boolean, number, Backup[], ReconcileOutcome]>([
    ['schedule with phase New gets validated and failed if invalid', named({}, { phase: 'New' }), false, zeroTime, [], invalid],
    ['schedule with phase <blank> gets validated and failed if invalid', named({}, {}), false, zeroTime, [], invalid],
    ['schedule with phase Enabled gets re-validated and failed if invalid', named({}, { phase: 'Enabled' }), false, zeroTime, [], invalid],
    [
      'schedule with phase New gets validated and triggers a backup',
      every5m(undefined, undefined, 'New'),
      false,
      clock,
      [],
      { phase: 'Enabled', backup: newBackup },
    ],
    [
      'schedule with phase New and SkipImmediately gets validated and does not trigger a backup',
      every5m(true, undefined, 'New'),
      false,
      clock,
      [],
      { phase: 'Enabled', lastSkipped: '2017-01-01T12:00:00Z' },
    ],
    [
      'schedule with phase Enabled gets re-validated and triggers a backup if valid',
      every5m(),
      false,
      clock,
      [],
      { phase: 'Enabled', backup: newBackup },
    ],
    [
      'schedule that has already run gets LastBackup updated',
      every5m(undefined, ranIn2000),
      false,
      clock,
      [],
      { phase: 'Enabled', backup: newBackup },
    ],
    [
      'schedule that has already run, SkipImmediately=false, gets LastBackup updated',
      every5m(false, ranIn2000),
      false,
      clock,
      [],
      { phase: 'Enabled', backup: newBackup },
    ],
    [
      'schedule that has already run, server skipImmediately and SkipImmediately=nil, does not get LastBackup updated',
      every5m(undefined, ranIn2000),
      true,
      clock,
      [],
      { phase: 'Enabled', lastSkipped: '2017-01-01T12:00:00Z' },
    ],
    [
      'schedule that has already run, SkipImmediately=true, does not get LastBackup updated',
      every5m(true, ranIn2000),
      false,
      clock,
      [],
      { phase: 'Enabled', lastSkipped: '2017-01-01T12:00:00Z' },
    ],
    // Ferry also reads Velero's backup name as a run in 2022, so these are held back twice over;
    // the in-flight rule alone is the table above.
    [
      'schedule already has backup in New state',
      every5m(undefined, ranIn2000),
      false,
      zeroTime,
      [backup('name-20220905120000', 'New')],
      { phase: 'Enabled' },
    ],
    [
      'schedule already has backup with empty phase (not yet reconciled)',
      every5m(undefined, ranIn2000),
      false,
      clock,
      [backup('name-20220905120000')],
      { phase: 'Enabled' },
    ],
  ])('%s', (_name, schedule, serverSkipImmediately, nowMs, backups, outcome) => {
    expect(reconcileSchedule(schedule, serverSkipImmediately, nowMs, backups)).toEqual(outcome);
  });
});
