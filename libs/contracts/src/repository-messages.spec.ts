import { createFerryContracts, ferryContracts } from './ferry-contracts';
import { repositoryClaimSchema } from './repository-messages';

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
    const readers = [consumers.controllerEvents(), consumers.volumeInfoRecords()].flatMap((c) => c.filterSubjects);
    expect(readers.some((filter) => filter.includes('repository'))).toBe(false);
    expect(createFerryContracts({ namespace: 't-1' }).messages.repositoryClaim.subject.build({ key: claim.key })).toBe(
      `t-1.event.repository.v1.claim.${claim.key}`,
    );
  });
});
