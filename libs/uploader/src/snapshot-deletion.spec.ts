import { partitionSnapshotIds } from './snapshot-deletion';

describe('snapshot deletion - which requested ids the repository holds', () => {
  const stored = ['044c14cc29b503273158b0c1726f29c2a93e3ae52a575c4bcf0c30f9a0ad5839', 'fe17e5d22d75cc39319ff66ddff08702'];

  it.each([
    ['full ids', [stored[0] ?? '', 'fe17e5d22d75cc39319ff66ddff08702'], { deleted: [stored[0], stored[1]], missing: [] }],
    ['restic short ids (Velero records short_id)', ['044c14cc'], { deleted: ['044c14cc'], missing: [] }],
    ['ids already gone', ['deadbeef', '044c14cc'], { deleted: ['044c14cc'], missing: ['deadbeef'] }],
    ['duplicates once, empty ids never', ['044c14cc', '044c14cc', ''], { deleted: ['044c14cc'], missing: [''] }],
    ['an empty repository', [], { deleted: [], missing: [] }],
  ])('%s', (_name, requested, expected) => {
    expect(partitionSnapshotIds(requested, stored)).toEqual(expected);
  });
});
