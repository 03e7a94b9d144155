import type { Backup, BackupStorageLocation, DeleteBackupRequest } from '@ferry/api';
import {
  decideGarbageCollection,
  garbageCollectionFailureLabel,
  garbageCollectionLabelPatch,
  type GarbageCollectionDecision,
  type LocationLookup,
} from './garbage-collection-rules';

const now = Date.parse('2026-12-06T12:00:00Z');

function backup(expiration?: string, labels?: Record<string, string>): Backup {
  return {
    metadata: { name: 'nightly', namespace: 'velero', uid: 'u-1', ...(labels ? { labels } : {}) },
    spec: { storageLocation: 'default' },
    status: { phase: 'Completed', ...(expiration ? { expiration } : {}) },
  } as Backup;
}

function found(phase: 'Available' | 'Unavailable', accessMode?: 'ReadOnly' | 'ReadWrite'): LocationLookup {
  const location = {
    metadata: { name: 'default' },
    spec: { provider: 'aws', objectStorage: { bucket: 'b' }, ...(accessMode ? { accessMode } : {}) },
    status: { phase },
  } as BackupStorageLocation;
  return { found: true, location };
}

const dbr = (phase?: string): DeleteBackupRequest =>
  ({ metadata: { name: 'd' }, ...(phase ? { status: { phase } } : {}) }) as DeleteBackupRequest;
const expired = '2026-12-06T11:59:59Z';

describe('garbage collection rules - Velero’s gc_controller', () => {
  it.each<[string, Backup, LocationLookup, DeleteBackupRequest[], GarbageCollectionDecision]>([
    ['no expiration', backup(), found('Available'), [], { action: 'wait' }],
    ['not expired yet', backup('2026-12-06T13:00:00Z'), found('Available'), [], { action: 'wait' }],
    ['expired, location fine', backup(expired), found('Available'), [], { action: 'collect', createRequest: true }],
    ['expired exactly now', backup('2026-12-06T12:00:00Z'), found('Available'), [], { action: 'collect', createRequest: true }],
    ['expired, a New request pending', backup(expired), found('Available'), [dbr('New')], { action: 'collect', createRequest: false }],
    ['expired, a request without phase', backup(expired), found('Available'), [dbr()], { action: 'collect', createRequest: false }],
    [
      'expired, an InProgress request',
      backup(expired),
      found('Available'),
      [dbr('InProgress')],
      { action: 'collect', createRequest: false },
    ],
    [
      'expired, only processed requests',
      backup(expired),
      found('Available'),
      [dbr('Processed')],
      { action: 'collect', createRequest: true },
    ],
    [
      'location not found',
      backup(expired),
      { found: false },
      [],
      { action: 'hold', label: 'BSLNotFound', retry: 'backup storage location default does not exist' },
    ],
    [
      'location unreadable',
      backup(expired),
      { found: 'unknown' },
      [],
      { action: 'hold', label: 'BSLCannotGet', retry: 'cannot get backup storage location default' },
    ],
    [
      'location unavailable',
      backup(expired),
      found('Unavailable'),
      [],
      { action: 'hold', retry: 'bsl default is unavailable, cannot gc backup' },
    ],
    ['location read-only', backup(expired), found('Available', 'ReadOnly'), [], { action: 'hold', label: 'BSLReadOnly' }],
    // Velero's TestGCReconcile: "expired backup in read-write storage location is deleted".
    ['location read-write', backup(expired), found('Available', 'ReadWrite'), [], { action: 'collect', createRequest: true }],
    // Velero checks availability first: an unavailable read-only location is retried, not labelled.
    [
      'location read-only and unavailable',
      backup(expired),
      found('Unavailable', 'ReadOnly'),
      [],
      { action: 'hold', retry: 'bsl default is unavailable, cannot gc backup' },
    ],
  ])('%s', (_name, b, location, requests, expected) => {
    expect(decideGarbageCollection(b, location, requests, now)).toEqual(expected);
  });
});

describe('garbage collection rules - the gc-failure label', () => {
  it.each<[string, Record<string, string> | undefined, GarbageCollectionDecision, Record<string, string | null> | undefined]>([
    ['sets the reason', { app: 'x' }, { action: 'hold', label: 'BSLReadOnly' }, { [garbageCollectionFailureLabel]: 'BSLReadOnly' }],
    [
      'no write when it is already set',
      { [garbageCollectionFailureLabel]: 'BSLReadOnly' },
      { action: 'hold', label: 'BSLReadOnly' },
      undefined,
    ],
    [
      'replaces another reason',
      { [garbageCollectionFailureLabel]: 'BSLNotFound' },
      { action: 'hold', label: 'BSLReadOnly' },
      { [garbageCollectionFailureLabel]: 'BSLReadOnly' },
    ],
    [
      'keeps it on an unlabelled hold',
      { [garbageCollectionFailureLabel]: 'BSLNotFound' },
      { action: 'hold', retry: 'unavailable' },
      undefined,
    ],
    [
      'removes it when collecting',
      { app: 'x', [garbageCollectionFailureLabel]: 'BSLReadOnly' },
      { action: 'collect', createRequest: true },
      { [garbageCollectionFailureLabel]: null },
    ],
    ['no write when collecting an unlabelled backup', undefined, { action: 'collect', createRequest: false }, undefined],
    ['no write while waiting', { [garbageCollectionFailureLabel]: 'BSLReadOnly' }, { action: 'wait' }, undefined],
  ])('%s', (_name, labels, decision, expected) => {
    expect(garbageCollectionLabelPatch(backup(expired, labels), decision)).toEqual(expected);
  });
});
