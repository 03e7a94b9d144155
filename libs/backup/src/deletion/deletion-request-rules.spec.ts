import type { Backup, BackupStorageLocation, DeleteBackupRequest } from '@ferry/api';
import {
  decideDeletionRequest,
  deleteBackupRequestFor,
  deletionRequestSelector,
  supersededRequests,
  type DeletionRequestFacts,
} from './deletion-request-rules';

const now = Date.parse('2026-12-06T12:00:00Z');
const hoursAgo = (h: number) => new Date(now - h * 3_600_000).toISOString();

function request(phase?: 'New' | 'InProgress' | 'Processed', backupName = 'nightly', created = hoursAgo(1)): DeleteBackupRequest {
  return {
    metadata: { name: `${backupName}-x1`, namespace: 'velero', creationTimestamp: created },
    spec: { backupName },
    ...(phase ? { status: { phase } } : {}),
  };
}

function backup(phase: string): Backup {
  return {
    metadata: { name: 'nightly', namespace: 'velero', uid: 'u-1' },
    spec: { storageLocation: 'default' },
    status: { phase },
  } as Backup;
}

function location(phase?: 'Available' | 'Unavailable', accessMode?: 'ReadOnly' | 'ReadWrite'): BackupStorageLocation {
  return {
    metadata: { name: 'default', namespace: 'velero' },
    spec: { provider: 'aws', objectStorage: { bucket: 'b' }, ...(accessMode ? { accessMode } : {}) },
    ...(phase ? { status: { phase } } : {}),
  } as BackupStorageLocation;
}

const facts = (over: Partial<DeletionRequestFacts>): DeletionRequestFacts => ({
  request: request(),
  backup: backup('Completed'),
  location: location('Available'),
  nowMs: now,
  ...over,
});

describe('deletion request rules - Velero’s checks in Velero’s order', () => {
  it.each<[string, Partial<DeletionRequestFacts>, ReturnType<typeof decideDeletionRequest>]>([
    ['a new request for a completed backup', {}, { action: 'delete' }],
    ['a request without phase for a failed backup', { backup: backup('Failed') }, { action: 'delete' }],
    ['a processed request under a day old', { request: request('Processed') }, { action: 'ignore' }],
    ['a processed request a day old', { request: request('Processed', 'nightly', hoursAgo(24)) }, { action: 'expire' }],
    ['an InProgress request a day old', { request: request('InProgress', 'nightly', hoursAgo(25)) }, { action: 'expire' }],
    ['no backup name', { request: request('New', '') }, { action: 'refuse', error: 'spec.backupName is required' }],
    ['an InProgress backup', { backup: backup('InProgress') }, { action: 'refuse', error: 'backup is still in progress' }],
    [
      'a backup waiting for its operations',
      { backup: backup('WaitingForPluginOperations') },
      { action: 'refuse', error: 'backup is still in progress' },
    ],
    ['a finalizing backup', { backup: backup('FinalizingPartiallyFailed') }, { action: 'refuse', error: 'backup is still in progress' }],
    ['a missing backup', { backup: undefined }, { action: 'refuse', error: 'backup not found' }],
    // Velero's TestBackupDeletionControllerReconcile: "Expired request will not be deleted if the status is not processed".
    [
      'a New request a day old is still processed',
      { request: request('New', 'nightly', '2018-04-03T12:00:00Z'), backup: undefined },
      { action: 'refuse', error: 'backup not found' },
    ],
    ['a resumed request whose backup is gone', { request: request('InProgress'), backup: undefined }, { action: 'finish' }],
    ['a resumed request', { request: request('InProgress'), backup: backup('Deleting') }, { action: 'delete' }],
    ['a missing location', { location: undefined }, { action: 'refuse', error: 'backup storage location default not found' }],
    [
      'a read-only location',
      { location: location('Available', 'ReadOnly') },
      { action: 'refuse', error: 'cannot delete backup because backup storage location default is currently in read-only mode' },
    ],
    [
      'an unavailable location',
      { location: location('Unavailable') },
      { action: 'refuse', error: 'cannot delete backup because backup storage location default is currently in Unavailable state' },
    ],
    [
      'a location never validated',
      { location: location() },
      { action: 'refuse', error: 'cannot delete backup because backup storage location default is currently in Unavailable state' },
    ],
  ])('%s', (_name, over, expected) => {
    expect(decideDeletionRequest(facts(over))).toEqual(expected);
  });
});

describe('deletion request rules - labels and new requests', () => {
  it('creates requests as Velero’s NewDeleteBackupRequest', () => {
    expect(deleteBackupRequestFor(backup('Completed'))).toEqual({
      apiVersion: 'velero.io/v1',
      kind: 'DeleteBackupRequest',
      metadata: {
        generateName: 'nightly-',
        namespace: 'velero',
        labels: { 'velero.io/backup-name': 'nightly', 'velero.io/backup-uid': 'u-1' },
      },
      spec: { backupName: 'nightly' },
    });
  });

  it('selects by the label-safe backup name, and the UID when given', () => {
    const long = 'b'.repeat(70);
    expect(deletionRequestSelector(long)).toMatch(/^velero\.io\/backup-name=b{57}[0-9a-f]{6}$/);
    expect(deletionRequestSelector('nightly', 'u-1')).toBe('velero.io/backup-name=nightly,velero.io/backup-uid=u-1');
  });

  it('supersedes every other request of the backup', () => {
    const mine = request('New');
    const processed = { ...request('Processed'), metadata: { name: 'nightly-x0' } };
    const second = { ...request('New'), metadata: { name: 'nightly-x2' } };
    expect(supersededRequests(mine, [processed, mine, second]).map((r) => r.metadata?.name)).toEqual(['nightly-x0', 'nightly-x2']);
  });
});
