import {
  BackupPhase,
  DownloadRequestPhase,
  DownloadTargetKind,
  RestorePhase,
  type Backup,
  type BackupStorageLocation,
  type DownloadRequest,
  type Restore,
} from '@ferry/api';
import {
  decideDownloadTarget,
  downloadRequestAction,
  downloadTargetBackupName,
  failedDownloadStatus,
  processedDownloadStatus,
  type DownloadTargetLookup,
} from './download-request-rules';

const now = Date.parse('2026-12-06T22:00:00.750Z');

const request = (status?: DownloadRequest['status']): DownloadRequest => ({
  metadata: { name: 'b1-abc', namespace: 'velero' },
  spec: { target: { kind: DownloadTargetKind.BackupLog, name: 'b1' } },
  ...(status ? { status } : {}),
});

const backup = (phase?: BackupPhase, storageLocation = 'default'): Backup => ({
  metadata: { name: 'b1', namespace: 'velero' },
  spec: { storageLocation },
  ...(phase ? { status: { phase } } : {}),
});

const restore = (phase?: RestorePhase, backupName = 'b1'): Restore => ({
  metadata: { name: 'r1', namespace: 'velero' },
  spec: { backupName },
  ...(phase ? { status: { phase } } : {}),
});

const location: BackupStorageLocation = {
  metadata: { name: 'default', namespace: 'velero' },
  spec: { provider: 'aws', objectStorage: { bucket: 'bucket' } },
};

describe('download request rules - what a request asks for', () => {
  it.each<[string, DownloadRequest['status'], ReturnType<typeof downloadRequestAction>]>([
    ['no status: process', undefined, { action: 'process' }],
    ['phase New: process', { phase: DownloadRequestPhase.New }, { action: 'process' }],
    [
      'New with a future expiration: process',
      { phase: DownloadRequestPhase.New, expiration: '2026-12-06T22:05:00Z' },
      { action: 'process' },
    ],
    ['New past its expiration: delete', { phase: DownloadRequestPhase.New, expiration: '2026-12-06T21:59:00Z' }, { action: 'delete' }],
    [
      'Processed, not expired: keep until 1 ms past the expiration',
      { phase: DownloadRequestPhase.Processed, downloadURL: 'u', expiration: '2026-12-06T22:10:00Z' },
      { action: 'keep', requeueAfterMs: 599_251 },
    ],
    [
      'Processed past its expiration: delete',
      { phase: DownloadRequestPhase.Processed, expiration: '2026-12-06T22:00:00Z' },
      { action: 'delete' },
    ],
    [
      'Failed past its expiration: delete',
      { phase: DownloadRequestPhase.Failed, expiration: '2026-12-06T21:50:00Z' },
      { action: 'delete' },
    ],
    [
      'Failed, not expired: keep',
      { phase: DownloadRequestPhase.Failed, expiration: '2026-12-06T22:00:01Z' },
      { action: 'keep', requeueAfterMs: 251 },
    ],
    ['Processed without expiration: keep forever', { phase: DownloadRequestPhase.Processed }, { action: 'keep' }],
    [
      'expiring this very moment: not expired yet (Go time.Before is strict)',
      { phase: DownloadRequestPhase.Processed, expiration: '2026-12-06T22:00:00.750Z' },
      { action: 'keep', requeueAfterMs: 1 },
    ],
  ])('%s', (_name, status, action) => {
    expect(downloadRequestAction(request(status), now)).toEqual(action);
  });
});

describe('download request rules - Failed cases and the location', () => {
  const backupLog = { kind: DownloadTargetKind.BackupLog, name: 'b1' };
  const restoreInfo = { kind: DownloadTargetKind.RestoreVolumeInfo, name: 'r1' };
  const lookup = (overrides: Partial<DownloadTargetLookup>): DownloadTargetLookup => ({
    namespace: 'velero',
    target: backupLog,
    ...overrides,
  });
  const failed = (message: string) => ({ outcome: 'failed' as const, message });

  it.each<[string, Partial<DownloadTargetLookup>, ReturnType<typeof decideDownloadTarget>]>([
    [
      'an unknown kind',
      { target: { kind: 'BackupVolumeInfo', name: 'b1' } },
      failed(
        'unsupported download target kind "BackupVolumeInfo": spec.target.kind must be one of BackupLog, BackupContents, BackupVolumeSnapshots, BackupItemOperations, BackupResourceList, BackupResults, RestoreLog, RestoreResults, RestoreResourceList, RestoreItemOperations, CSIBackupVolumeSnapshots, CSIBackupVolumeSnapshotContents, BackupVolumeInfos, RestoreVolumeInfo',
      ),
    ],
    [
      'an empty target name',
      { target: { kind: DownloadTargetKind.RestoreLog, name: '' } },
      failed('spec.target.name is empty: name the Restore whose file to download'),
    ],
    ['a missing backup', {}, failed('backup "b1" not found in namespace "velero"')],
    ['a New backup', { backup: backup(BackupPhase.New) }, failed('backup "b1" is in phase "New" and has not written any artifacts')],
    [
      'a Queued backup',
      { backup: backup(BackupPhase.Queued) },
      failed('backup "b1" is in phase "Queued" and has not written any artifacts'),
    ],
    [
      'a ReadyToStart backup',
      { backup: backup(BackupPhase.ReadyToStart) },
      failed('backup "b1" is in phase "ReadyToStart" and has not written any artifacts'),
    ],
    [
      'a backup that failed validation',
      { backup: backup(BackupPhase.FailedValidation) },
      failed('backup "b1" is in phase "FailedValidation" and has not written any artifacts'),
    ],
    ['a backup without location', { backup: backup(BackupPhase.Completed, '') }, failed('backup "b1" has no spec.storageLocation')],
    [
      'a missing location',
      { backup: backup(BackupPhase.Completed) },
      failed('BackupStorageLocation "default" of backup "b1" not found in namespace "velero"'),
    ],
    ['a missing restore', { target: restoreInfo }, failed('restore "r1" not found in namespace "velero"')],
    [
      'a New restore',
      { target: restoreInfo, restore: restore(RestorePhase.New) },
      failed('restore "r1" is in phase "New" and has not written any artifacts'),
    ],
    [
      'a restore that failed validation',
      { target: restoreInfo, restore: restore(RestorePhase.FailedValidation) },
      failed('restore "r1" is in phase "FailedValidation" and has not written any artifacts'),
    ],
    [
      'a restore without backup',
      { target: restoreInfo, restore: restore(RestorePhase.Completed, '') },
      failed('restore "r1" has no spec.backupName, so the storage location of its files is unknown'),
    ],
    [
      "a restore's missing backup",
      { target: restoreInfo, restore: restore(RestorePhase.Completed) },
      failed('backup "b1" of restore "r1" not found in namespace "velero"'),
    ],
  ])('fails for %s', (_name, overrides, decision) => {
    expect(decideDownloadTarget(lookup(overrides))).toEqual(decision);
  });

  it.each<[string, Partial<DownloadTargetLookup>]>([
    ['a Completed backup', { backup: backup(BackupPhase.Completed), location }],
    ['an InProgress backup (its log may be partial)', { backup: backup(BackupPhase.InProgress), location }],
    ['a backup not yet given a phase', { backup: backup(undefined), location }],
    ['a Deleting backup', { backup: backup(BackupPhase.Deleting), location }],
    [
      'a Completed restore of a backup that failed later',
      { target: restoreInfo, restore: restore(RestorePhase.Completed), backup: backup(BackupPhase.Failed), location },
    ],
    [
      'a restore not yet given a phase',
      { target: restoreInfo, restore: restore(undefined), backup: backup(BackupPhase.Completed), location },
    ],
  ])('presigns in the backup’s location for %s', (_name, overrides) => {
    const decision = decideDownloadTarget(lookup(overrides));
    expect(decision).toEqual({ outcome: 'presign', location, keyOf: expect.any(Function) });
  });

  it("presigns a restore kind's file under restores/, whatever its backup is called", () => {
    const decision = decideDownloadTarget(
      lookup({ target: restoreInfo, restore: restore(RestorePhase.Completed, 'nightly'), backup: backup(BackupPhase.Completed), location }),
    );
    expect(decision.outcome === 'presign' && decision.keyOf('velero')).toBe('velero/restores/r1/r1-volumeinfo.json.gz');
  });

  it("finds a restore kind's backup through the restore, a backup kind's by the target", () => {
    expect(downloadTargetBackupName(restoreInfo, restore(RestorePhase.Completed, 'nightly'))).toBe('nightly');
    expect(downloadTargetBackupName(restoreInfo, undefined)).toBe('');
    expect(downloadTargetBackupName(backupLog, restore(RestorePhase.Completed, 'nightly'))).toBe('b1');
  });
});

describe('download request rules - velero cases', () => {
  const backupContents = { kind: DownloadTargetKind.BackupContents, name: 'b1' };
  const backupLog = { kind: DownloadTargetKind.BackupLog, name: 'b1' };
  const restoreLog = { kind: DownloadTargetKind.RestoreLog, name: 'r1' };
  const restoreResults = { kind: DownloadTargetKind.RestoreResults, name: 'r1' };
  const completed = backup(BackupPhase.Completed);
  const restored = restore(RestorePhase.Completed);
  const otherLocation: BackupStorageLocation = { ...location, metadata: { name: 'non-matching-location', namespace: 'velero' } };
  const expired = '2026-12-06T21:59:00Z';
  const withTarget = (target: { kind: DownloadTargetKind; name: string }, status?: DownloadRequest['status']): DownloadRequest => ({
    ...request(status),
    spec: { target },
  });
  // What the controller finds: the objects named by the target, as the reconciler looks them up.
  const found = (
    target: DownloadTargetLookup['target'],
    objects: { backup?: Backup; restore?: Restore; locations?: BackupStorageLocation[] },
  ): DownloadTargetLookup => {
    const lookupRestore = objects.restore?.metadata?.name === target.name ? objects.restore : undefined;
    const backupName = downloadTargetBackupName(target, lookupRestore);
    const lookupBackup = objects.backup?.metadata?.name === backupName ? objects.backup : undefined;
    const lookupLocation = objects.locations?.find((candidate) => candidate.metadata?.name === lookupBackup?.spec?.storageLocation);
    return { namespace: 'velero', target, restore: lookupRestore, backup: lookupBackup, location: lookupLocation };
  };
  const missingBackup: Backup = { ...completed, metadata: { name: 'non-matching-backup', namespace: 'velero' } };
  const missingRestore: Restore = { ...restored, metadata: { name: 'non-matching-restore', namespace: 'velero' } };

  // velero download_request_controller_test.go "a Download request"; Velero leaves an unresolvable New request
  // unprocessed until it expires, Ferry (as newest Velero) writes Failed with the reason
  it.each<[string, DownloadRequest, DownloadTargetLookup, 'delete' | 'keep' | 'presign' | 'failed']>([
    [
      'backup contents request for nonexistent backup',
      withTarget(backupContents),
      found(backupContents, { backup: missingBackup, locations: [location] }),
      'failed',
    ],
    [
      'restore log request for nonexistent restore',
      withTarget(restoreLog),
      found(restoreLog, { restore: missingRestore, backup: completed, locations: [location] }),
      'failed',
    ],
    [
      'backup contents request for backup with nonexistent location',
      withTarget(backupContents),
      found(backupContents, { backup: completed, locations: [otherLocation] }),
      'failed',
    ],
    [
      "backup contents request with phase '' gets a url",
      withTarget(backupContents),
      found(backupContents, { backup: completed, locations: [location] }),
      'presign',
    ],
    [
      "backup contents request with phase 'New' gets a url",
      withTarget(backupContents, { phase: DownloadRequestPhase.New }),
      found(backupContents, { backup: completed, locations: [location] }),
      'presign',
    ],
    [
      "backup log request with phase '' gets a url",
      withTarget(backupLog),
      found(backupLog, { backup: completed, locations: [location] }),
      'presign',
    ],
    [
      "backup log request with phase 'New' gets a url",
      withTarget(backupLog, { phase: DownloadRequestPhase.New }),
      found(backupLog, { backup: completed, locations: [location] }),
      'presign',
    ],
    [
      "restore log request with phase '' gets a url",
      withTarget(restoreLog),
      found(restoreLog, { restore: restored, backup: completed, locations: [location] }),
      'presign',
    ],
    [
      "restore log request with phase 'New' gets a url",
      withTarget(restoreLog, { phase: DownloadRequestPhase.New }),
      found(restoreLog, { restore: restored, backup: completed, locations: [location] }),
      'presign',
    ],
    [
      "restore results request with phase '' gets a url",
      withTarget(restoreResults),
      found(restoreResults, { restore: restored, backup: completed, locations: [location] }),
      'presign',
    ],
    [
      "restore results request with phase 'New' gets a url",
      withTarget(restoreResults, { phase: DownloadRequestPhase.New }),
      found(restoreResults, { restore: restored, backup: completed, locations: [location] }),
      'presign',
    ],
    [
      "request with phase 'Processed' and not expired is not deleted",
      withTarget(backupLog, { phase: DownloadRequestPhase.Processed, expiration: '2026-12-06T22:05:00Z' }),
      found(backupLog, { backup: completed }),
      'keep',
    ],
    [
      "request with phase 'Processed' and expired is deleted",
      withTarget(backupLog, { phase: DownloadRequestPhase.Processed, expiration: expired }),
      found(backupLog, { backup: completed }),
      'delete',
    ],
    [
      "request with phase '' and expired is deleted",
      withTarget(backupLog, { expiration: expired }),
      found(backupLog, { backup: completed }),
      'delete',
    ],
    [
      "request with phase 'New' and expired is deleted",
      withTarget(backupLog, { phase: DownloadRequestPhase.New, expiration: expired }),
      found(backupLog, { backup: completed }),
      'delete',
    ],
  ])('%s', (_name, given, lookup, expected) => {
    const action = downloadRequestAction(given, now);
    const outcome = action.action === 'process' ? decideDownloadTarget(lookup).outcome : action.action;
    expect(outcome).toBe(expected);
  });
});

describe('download request rules - statuses', () => {
  it('Processed carries the URL and expires 10 minutes later, in whole seconds', () => {
    expect(processedDownloadStatus('http://s3/x?sig', now)).toEqual({
      phase: 'Processed',
      downloadURL: 'http://s3/x?sig',
      expiration: '2026-12-06T22:10:00Z',
      message: null,
    });
  });

  it('Failed carries the message, no URL, and expires too', () => {
    expect(failedDownloadStatus('backup "b1" not found in namespace "velero"', now)).toEqual({
      phase: 'Failed',
      downloadURL: null,
      expiration: '2026-12-06T22:10:00Z',
      message: 'backup "b1" not found in namespace "velero"',
    });
  });
});
