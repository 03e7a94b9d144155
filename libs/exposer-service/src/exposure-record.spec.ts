import { exposureRecordItem, type ExposeReport } from './exposure-record';

const report: ExposeReport = {
  target: { kind: 'backup', namespace: 'velero', name: 'nightly', uid: 'b-uid' },
  volumeKey: 'claim:shop/data',
  claim: { namespace: 'shop', name: 'data' },
};
const volume = { node: 'node-b', podName: 'du-1', podUid: 'p-uid', pvName: 'pv-1', pvcName: 'du-1', volumeName: 'v', readOnly: true };

describe('exposure record - what the exposer learnt', () => {
  it('records node, pod, claim, storage class, read-only mode, times and waits under the job’s volume', () => {
    const item = exposureRecordItem(
      report,
      { ...volume, storageClass: 'fast-ro' },
      { acceptedAt: '2026-12-06T10:00:00Z', exposedAt: new Date('2026-12-06T10:00:07Z'), waitsMs: { 'pod-running': 4000 } },
    );
    expect(item).toEqual({
      volumeKey: 'claim:shop/data',
      claim: { namespace: 'shop', name: 'data' },
      facts: {
        nodeName: 'node-b',
        exposure: {
          node: 'node-b',
          pod: 'du-1',
          claim: 'du-1',
          storageClass: 'fast-ro',
          readOnly: true,
          acceptedAt: '2026-12-06T10:00:00Z',
          exposedAt: '2026-12-06T10:00:07.000Z',
          waitsMs: { 'pod-running': 4000 },
        },
      },
    });
  });

  it('leaves out a storage class the claim has not and waits never made', () => {
    const item = exposureRecordItem(report, volume, {
      acceptedAt: '2026-12-06T10:00:00Z',
      exposedAt: new Date('2026-12-06T10:00:01Z'),
      waitsMs: {},
    });
    expect(item.facts?.exposure).toEqual({
      node: 'node-b',
      pod: 'du-1',
      claim: 'du-1',
      readOnly: true,
      acceptedAt: '2026-12-06T10:00:00Z',
      exposedAt: '2026-12-06T10:00:01.000Z',
    });
  });
});
