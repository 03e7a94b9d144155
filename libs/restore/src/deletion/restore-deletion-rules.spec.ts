import type { Backup, BackupStorageLocation, Restore } from '@ferry/api';
import {
  finalizersWithoutRestoreFinalizer,
  finalizersWithRestoreFinalizer,
  hasRestoreFinalizer,
  restoreDeletionStep,
  type RestoreDeletionStep,
} from './restore-deletion-rules';

const finalizer = 'restores.velero.io/external-resources-finalizer';
const restore = (over: { phase?: string; deleted?: boolean; finalizers?: string[]; backupName?: string } = {}): Restore => ({
  apiVersion: 'velero.io/v1',
  kind: 'Restore',
  metadata: {
    name: 'r1',
    namespace: 'velero',
    finalizers: over.finalizers ?? [finalizer],
    ...(over.deleted ? { deletionTimestamp: '2026-12-06T23:00:00Z' } : {}),
  },
  spec: { backupName: over.backupName ?? 'b1' },
  status: { phase: (over.phase ?? 'Completed') as never },
});
const backup: Backup = {
  apiVersion: 'velero.io/v1',
  kind: 'Backup',
  metadata: { name: 'b1', namespace: 'velero' },
  spec: { storageLocation: 'default' },
};
const location = (phase?: string): BackupStorageLocation => ({
  apiVersion: 'velero.io/v1',
  kind: 'BackupStorageLocation',
  metadata: { name: 'default', namespace: 'velero' },
  spec: { provider: 'aws', objectStorage: { bucket: 'b' } },
  ...(phase ? { status: { phase: phase as never } } : {}),
});

type Row = [string, Restore, Backup[], BackupStorageLocation[], RestoreDeletionStep['kind'], string];

describe('restore deletion rules - the finalizer of a Restore', () => {
  it.each<Row>([
    ['a validated restore without the finalizer gets it', restore({ phase: 'InProgress', finalizers: [] }), [], [], 'add-finalizer', ''],
    ['a failed-validation restore gets it too', restore({ phase: 'FailedValidation', finalizers: ['other'] }), [], [], 'add-finalizer', ''],
    ['a New restore waits for its validation', restore({ phase: '', finalizers: [] }), [], [], 'none', ''],
    ['a live restore with the finalizer needs nothing', restore(), [backup], [location('Available')], 'none', ''],
    [
      'a deleted restore without the finalizer needs nothing',
      restore({ deleted: true, finalizers: [] }),
      [backup],
      [location('Available')],
      'none',
      '',
    ],
    [
      'a deleted running restore waits for its run',
      restore({ deleted: true, phase: 'InProgress' }),
      [backup],
      [location('Available')],
      'wait-for-run',
      '',
    ],
    [
      'a deleted finalizing restore waits',
      restore({ deleted: true, phase: 'FinalizingPartiallyFailed' }),
      [backup],
      [location('Available')],
      'wait-for-run',
      '',
    ],
    [
      'a deleted restore waiting for operations deletes its files at once',
      restore({ deleted: true, phase: 'WaitingForPluginOperations' }),
      [backup],
      [location('Available')],
      'delete-files',
      '',
    ],
    ['a deleted restore deletes its files', restore({ deleted: true }), [backup], [location('Available')], 'delete-files', ''],
    [
      'a deleted failed-validation restore also looks for files',
      restore({ deleted: true, phase: 'FailedValidation' }),
      [backup],
      [location('Available')],
      'delete-files',
      '',
    ],
    [
      'no backup name → released',
      restore({ deleted: true, backupName: '' }),
      [backup],
      [location('Available')],
      'release',
      'the restore names no backup, so no restore files in object storage',
    ],
    [
      'backup gone → released',
      restore({ deleted: true }),
      [],
      [location('Available')],
      'release',
      'backup b1 not found, skip deleting the restore files in object storage',
    ],
    [
      'location gone → released',
      restore({ deleted: true }),
      [backup],
      [],
      'release',
      'backup storage location default not found, skip deleting the restore files in object storage',
    ],
    [
      'location unavailable → released, not stuck',
      restore({ deleted: true }),
      [backup],
      [location('Unavailable')],
      'release',
      'bsl default is unavailable, the restore files in object storage are left in place',
    ],
    [
      'location never checked → released',
      restore({ deleted: true }),
      [backup],
      [location()],
      'release',
      'bsl default is unavailable, the restore files in object storage are left in place',
    ],
  ])('%s', (_name, given, backups, locations, kind, reason) => {
    const step = restoreDeletionStep(given, backups, locations);
    expect(step.kind).toBe(kind);
    expect(step.kind === 'release' ? step.reason : '').toBe(reason);
    if (step.kind === 'delete-files') expect(step.location.metadata?.name).toBe('default');
  });

  // velero restore_controller_test.go TestRestoreReconcile (the finalizer cases; a deleted Restore whose location
  // is unavailable keeps its finalizer in Velero, while Ferry releases it: see the table above)
  it.each<[string, Restore, RestoreDeletionStep['kind']]>([
    ['restore attached with an expected finalizer gets cleaned up successfully', restore({ deleted: true }), 'delete-files'],
    [
      'restore attached with an unknown finalizer will be skipped',
      restore({ deleted: true, finalizers: ['restores.velero.io/unknown-finalizer'] }),
      'none',
    ],
    ['completed restore will be skipped (it only gets the finalizer)', restore({ finalizers: [] }), 'add-finalizer'],
  ])('velero: %s', (_name, given, kind) => {
    expect(restoreDeletionStep(given, [backup], [location('Available')]).kind).toBe(kind);
  });

  it('adds and removes only its own finalizer, keeping the others in order', () => {
    const other = restore({ finalizers: ['a', finalizer, 'b'] });
    expect(hasRestoreFinalizer(other)).toBe(true);
    expect(finalizersWithoutRestoreFinalizer(other)).toEqual(['a', 'b']);
    expect(finalizersWithRestoreFinalizer(other)).toEqual(['a', finalizer, 'b']);
    expect(finalizersWithRestoreFinalizer(restore({ finalizers: ['a'] }))).toEqual(['a', finalizer]);
    expect(hasRestoreFinalizer(restore({ finalizers: [] }))).toBe(false);
  });
});
