import { buildVolumeRecord, type VolumeRecordTarget } from './volume-record-publisher';

const target: VolumeRecordTarget = { kind: 'backup', namespace: 'velero', name: 'nightly', uid: 'u-1' };
const claim = { namespace: 'shop', name: 'data' };

describe('volume record publisher - records', () => {
  it('builds the record of an item without undefined keys, stamped with source and time', () => {
    const { record } = buildVolumeRecord(
      target,
      { volumeKey: 'claim:shop/data', claim, pvName: undefined, facts: { bytes: 10, nodeName: undefined } },
      'mover',
      new Date('2026-12-06T10:00:00Z'),
    );
    expect(record).toEqual({
      v: 1,
      target,
      volumeKey: 'claim:shop/data',
      claim,
      source: 'mover',
      recordedAt: '2026-12-06T10:00:00.000Z',
      facts: { bytes: 10 },
    });
  });

  it('gives the same digest to the same content whenever recorded, another to other facts', () => {
    const item = { volumeKey: 'claim:shop/data', claim, facts: { bytes: 10 } };
    const first = buildVolumeRecord(target, item, 'mover', new Date('2026-12-06T10:00:00Z'));
    const later = buildVolumeRecord(
      target,
      { ...item, facts: { bytes: 10, nodeName: undefined } },
      'mover',
      new Date('2026-12-06T11:00:00Z'),
    );
    const other = buildVolumeRecord(target, { ...item, facts: { bytes: 11 } }, 'mover', new Date('2026-12-06T10:00:00Z'));
    expect(later.digest).toBe(first.digest);
    expect(other.digest).not.toBe(first.digest);
  });
});
