import type { Schedule } from '@ferry/api';
import { backupFromSchedule, scheduledBackupName, scheduledBackupTime } from './scheduled-backup';

const at = Date.parse('2026-12-06T07:05:09.900Z');

function aSchedule(overrides: Partial<Schedule> = {}): Schedule {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: { name: 'nightly', namespace: 'velero', uid: 'uid-1', labels: { team: 'a' }, annotations: { note: 'x' } },
    spec: { schedule: '@daily', template: { includedNamespaces: ['app'], ttl: '24h0m0s' } },
    ...overrides,
  };
}

describe('scheduled backup - name', () => {
  it('is <schedule>-<yyyyMMddHHmmss> in UTC, and reads back to the second', () => {
    expect(scheduledBackupName('nightly', at)).toBe('nightly-20261206070509');
    expect(scheduledBackupTime('nightly', 'nightly-20261206070509')).toBe(Date.parse('2026-12-06T07:05:09Z'));
  });

  // Velero's TestGetBackup: the name of the Backup of Schedule foo/bar.
  it.each([
    ['2017-07-25T09:15:00Z', 'bar-20170725091500'],
    ['2017-07-25T14:15:00Z', 'bar-20170725141500'],
  ])('at %s is %s (AM and PM)', (time, name) => {
    expect(scheduledBackupName('bar', Date.parse(time))).toBe(name);
  });

  it.each(['other-20261206070509', 'nightly-2026120607050', 'nightly-20261306070509', 'nightly-20261206070509-x'])(
    'is not a run of nightly: %s',
    (name) => {
      expect(scheduledBackupTime('nightly', name)).toBeUndefined();
    },
  );
});

describe('scheduled backup - FromSchedule', () => {
  it('copies the template, the schedule label, the Schedule labels and annotations', () => {
    expect(backupFromSchedule(aSchedule(), at)).toEqual({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: {
        name: 'nightly-20261206070509',
        namespace: 'velero',
        labels: { team: 'a', 'velero.io/schedule-name': 'nightly' },
        annotations: { note: 'x' },
      },
      spec: { includedNamespaces: ['app'], ttl: '24h0m0s' },
    });
  });

  it('takes the template labels instead of the Schedule labels when set (even empty)', () => {
    const withLabels = aSchedule({ spec: { schedule: '@daily', template: { metadata: { labels: { tier: 'gold' } } } } });
    expect(backupFromSchedule(withLabels, at).metadata?.labels).toEqual({ tier: 'gold', 'velero.io/schedule-name': 'nightly' });
    const empty = aSchedule({ spec: { schedule: '@daily', template: { metadata: { labels: {} } } } });
    expect(backupFromSchedule(empty, at).metadata?.labels).toEqual({ 'velero.io/schedule-name': 'nightly' });
  });

  it('owns the Backup with useOwnerReferencesInBackup, and writes the resource policy kind as configmap', () => {
    const schedule = aSchedule({
      spec: {
        schedule: '@daily',
        useOwnerReferencesInBackup: true,
        template: { resourcePolicy: { apiGroup: 'x', kind: 'ConfigMap', name: 'policy' } },
      },
    });
    const backup = backupFromSchedule(schedule, at);
    expect(backup.metadata?.ownerReferences).toEqual([
      { apiVersion: 'velero.io/v1', kind: 'Schedule', name: 'nightly', uid: 'uid-1', controller: true },
    ]);
    expect(backup.spec?.resourcePolicy).toEqual({ kind: 'configmap', name: 'policy' });
  });

  it('has no owner without the flag and no annotations without the Schedule’s', () => {
    const backup = backupFromSchedule(aSchedule({ metadata: { name: 'n', namespace: 'velero' } }), at);
    expect(backup.metadata).toEqual({ name: 'n-20261206070509', namespace: 'velero', labels: { 'velero.io/schedule-name': 'n' } });
  });
});
