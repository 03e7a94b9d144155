import { createFerryContracts, ferryContracts } from './ferry-contracts';
import {
  maxSnapshotIdsPerDeletion,
  repositoryClaimSchema,
  repositorySnapshotDeletionReplySchema,
  repositorySnapshotDeletionSchema,
} from './repository-messages';

const claim = {
  v: 1,
  key: '3f2a9c0b1d4e5f60718293a4b5c6d7e8',
  uploader: 'kopia',
  repository: { backupStorageLocation: 'default', volumeNamespace: 'shop' },
  node: 'ip-10-0-1-2.ec2.internal',
  claimedAt: '2026-01-02T03:04:05Z',
} as const;

describe('repository messages - claim', () => {
  it('accepts a claim', () => {
    expect(repositoryClaimSchema.parse(claim)).toEqual(claim);
  });

  it.each([
    ['an upper-case key', { key: '3F2A9C0B1D4E5F60' }],
    ['a key too short to be a hash', { key: 'abc' }],
    ['a key with a dot (subject separator)', { key: '3f2a9c0b.1d4e5f60' }],
    ['an unknown uploader', { uploader: 'rsync' }],
    ['no node', { node: '' }],
    ['a time without offset', { claimedAt: '2026-01-02 03:04:05' }],
  ])('rejects %s', (_what, change) => {
    expect(repositoryClaimSchema.safeParse({ ...claim, ...change }).success).toBe(false);
  });

  it('is an event per repository key on the EVENTS stream, read by no durable consumer', () => {
    const { messages, consumers } = ferryContracts;
    expect(messages.repositoryClaim.stream.name).toBe('FERRY_EVENTS');
    expect(messages.repositoryClaim.stream.duplicateWindowMs).toBe(120_000);
    expect(messages.repositoryClaim.subject.build({ key: claim.key })).toBe(`ferry.event.repository.v1.claim.${claim.key}`);
    const readers = [consumers.controllerEvents(), consumers.exposer()].flatMap((c) => c.filterSubjects);
    expect(readers.some((filter) => filter.includes('repository'))).toBe(false);
    expect(createFerryContracts({ namespace: 't-1' }).messages.repositoryClaim.subject.build({ key: claim.key })).toBe(
      `t-1.event.repository.v1.claim.${claim.key}`,
    );
  });
});

describe('repository messages - snapshot deletion', () => {
  const deletion = {
    v: 1,
    uploader: 'restic',
    repository: { backupStorageLocation: 'default', volumeNamespace: 'shop' },
    snapshotIds: ['044c14cc'],
    requestedBy: 'DeleteBackupRequest velero/nightly-x7k2p',
  } as const;

  it('accepts a request and a reply', () => {
    expect(repositorySnapshotDeletionSchema.parse(deletion)).toEqual(deletion);
    expect(repositorySnapshotDeletionReplySchema.parse({ v: 1, deleted: ['044c14cc'], missing: [] })).toEqual({
      v: 1,
      deleted: ['044c14cc'],
      missing: [],
    });
  });

  it.each([
    ['no ids', { snapshotIds: [] }],
    ['an empty id', { snapshotIds: [''] }],
    ['too many ids', { snapshotIds: Array.from({ length: maxSnapshotIdsPerDeletion + 1 }, (_, i) => `id${i}`) }],
    ['an unknown uploader', { uploader: 'rsync' }],
    ['no requester', { requestedBy: '' }],
  ])('rejects %s', (_what, change) => {
    expect(repositorySnapshotDeletionSchema.safeParse({ ...deletion, ...change }).success).toBe(false);
  });

  it('is a request answered by one mover of the queue group', () => {
    const contract = ferryContracts.messages.repositoryDeleteSnapshots;
    expect(contract.delivery).toBe('request');
    expect(contract.queueGroup).toBe('mover-delete-snapshots');
    expect(contract.subject.build({})).toBe('ferry.rpc.repository.v1.delete-snapshots');
  });
});
