import type { Backup, Restore, Schedule } from '@ferry/api';
import { backupTable, restoreTable, scheduleTable, sortBackups } from './resource-tables';

const now = Date.parse('2026-12-06T22:00:00Z');
const backup = (name: string, extra: Partial<Backup> = {}): Backup => ({
  apiVersion: 'velero.io/v1',
  kind: 'Backup',
  metadata: { name },
  ...extra,
});

describe('resource tables - velero get', () => {
  it("sorts by name, a schedule's backups newest first", () => {
    const names = sortBackups([backup('z'), backup('daily-20261201000000'), backup('daily-20261205000000'), backup('a')]).map(
      (b) => b.metadata?.name,
    );
    expect(names).toEqual(['a', 'daily-20261205000000', 'daily-20261201000000', 'z']);
  });

  it("prints Velero's backup columns", () => {
    const text = backupTable(
      [
        backup('b1', {
          spec: { storageLocation: 'default', labelSelector: { matchLabels: { app: 'web' } } },
          status: {
            phase: 'Completed',
            errors: 0,
            warnings: 2,
            startTimestamp: '2026-12-06T21:00:00Z',
            expiration: '2027-01-05T22:00:00Z',
          },
        }),
        backup('b2', {
          metadata: { name: 'b2', deletionTimestamp: '2026-12-06T21:59:00Z' },
          spec: { ttl: '1h', storageLocation: 'default' },
        }),
      ],
      now,
    );
    expect(text).toBe(
      [
        'NAME   STATUS      ERRORS   WARNINGS   CREATED                         EXPIRES   STORAGE LOCATION   QUEUE POSITION   SELECTOR',
        'b1     Completed   0        2          2026-12-06 21:00:00 +0000 UTC   30d       default                             app=web',
        'b2     Deleting    0        0          <nil>                           n/a       default                             <none>',
        '',
      ].join('\n'),
    );
  });

  it("prints Velero's restore columns", () => {
    const restore: Restore = {
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: { name: 'r1', creationTimestamp: '2026-12-06T21:00:00Z' },
      spec: { backupName: 'b1' },
      status: { phase: 'InProgress', startTimestamp: '2026-12-06T21:00:01Z' },
    };
    expect(restoreTable([restore])).toBe(
      [
        'NAME   BACKUP   STATUS       STARTED                         COMPLETED   ERRORS   WARNINGS   CREATED                         SELECTOR',
        'r1     b1       InProgress   2026-12-06 21:00:01 +0000 UTC   <nil>       0        0          2026-12-06 21:00:00 +0000 UTC   <none>',
        '',
      ].join('\n'),
    );
  });

  it("prints Velero's schedule columns", () => {
    const schedule: Schedule = {
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      metadata: { name: 'daily', creationTimestamp: '2026-12-01T00:00:00Z' },
      spec: { schedule: '@every 24h', template: { ttl: '720h' }, paused: true },
      status: { phase: 'Enabled', lastBackup: '2026-12-06T20:00:00Z' },
    };
    expect(scheduleTable([schedule], now)).toBe(
      [
        'NAME    STATUS    CREATED                         SCHEDULE     BACKUP TTL   LAST BACKUP   SELECTOR   PAUSED',
        'daily   Enabled   2026-12-01 00:00:00 +0000 UTC   @every 24h   720h0m0s     2h ago        <none>     true',
        '',
      ].join('\n'),
    );
  });
});
