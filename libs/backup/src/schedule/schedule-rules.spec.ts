import type { Backup, Schedule } from '@ferry/api';
import { backupInFlight, scheduleDue, scheduleStatusUpdate, validateSchedule, type ScheduleValidation } from './schedule-rules';

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
