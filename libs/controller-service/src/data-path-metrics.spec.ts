import type { DataPathPhase } from '@ferry/data-movement';
import type { DataPathEnded } from '@ferry/telemetry';
import { dataPathMetricEvents, meteredDataPathStore, type DataPathMetricEvent, type DataPathMetrics } from './data-path-metrics';
import type { DataPathResource } from './data-path-resources';
import { refOf } from './data-path-store';
import { aNewDataUpload, aNewPodVolumeBackup, InMemoryDataPathStore } from './testing/data-path-fakes';

const upload = (phase: string, node?: string): DataPathResource => ({
  ...aNewDataUpload(),
  status: { phase: phase as DataPathPhase, ...(node ? { node } : {}) },
});

const pvb = (phase: string, times = true): DataPathResource => ({
  ...aNewPodVolumeBackup(),
  metadata: { ...aNewPodVolumeBackup().metadata, ownerReferences: [{ apiVersion: 'velero.io/v1', kind: 'Backup', name: 'b1', uid: 'b' }] },
  status: {
    phase: phase as DataPathPhase,
    ...(times ? { startTimestamp: '2026-01-01T00:00:00Z', completionTimestamp: '2026-01-01T00:00:42Z' } : {}),
  },
});

describe('data-path metrics - events of a phase change', () => {
  const cases: [string, DataPathPhase, DataPathResource, DataPathMetricEvent[]][] = [
    [
      'upload completed',
      'InProgress',
      upload('Completed', 'n1'),
      [{ type: 'ended', ended: { kind: 'DataUpload', node: 'n1', end: 'Completed' } }],
    ],
    [
      'upload failed before a node',
      'Accepted',
      upload('Failed'),
      [{ type: 'ended', ended: { kind: 'DataUpload', node: '', end: 'Failed' } }],
    ],
    [
      'upload canceled',
      'Canceling',
      upload('Canceled', 'n2'),
      [{ type: 'ended', ended: { kind: 'DataUpload', node: 'n2', end: 'Canceled' } }],
    ],
    ['upload progress', 'InProgress', upload('InProgress', 'n1'), []],
    ['upload prepared', 'Accepted', upload('Prepared', 'n1'), []],
    ['terminal replay', 'Completed', upload('Completed', 'n1'), []],
    ['pvb started on its node', 'Prepared', pvb('InProgress', false), [{ type: 'podVolumeBackupStarted', node: 'node-1' }]],
    [
      'pvb completed with Velero latency labels',
      'InProgress',
      pvb('Completed'),
      [
        {
          type: 'ended',
          ended: {
            kind: 'PodVolumeBackup',
            node: 'node-1',
            end: 'Completed',
            podVolume: { seconds: 42, name: 'pvb-1', backupName: 'velero/b1', operation: 'pvb-1-default-app-kopia-backup' },
          },
        },
      ],
    ],
    ['pvb failed', 'InProgress', pvb('Failed'), [{ type: 'ended', ended: { kind: 'PodVolumeBackup', node: 'node-1', end: 'Failed' } }]],
  ];
  it.each(cases)('%s', (_name, before, after, events) => {
    expect(dataPathMetricEvents(before, after)).toEqual(events);
  });
});

describe('data-path metrics - metered store', () => {
  it('records each end once, after the write, and nothing for declined writes', async () => {
    const ended: DataPathEnded[] = [];
    const started: string[] = [];
    const metrics: DataPathMetrics = { dataPathEnded: (e) => ended.push(e), podVolumeBackupStarted: (node) => started.push(node) };
    const inner = new InMemoryDataPathStore();
    const ref = refOf(inner.put(upload('InProgress', 'n1')));
    const store = meteredDataPathStore(inner, metrics);
    await store.update(ref, () => ({ status: { phase: 'Completed' } }));
    await store.update(ref, () => ({ status: { phase: 'Completed', message: 'again' } }));
    await store.update(ref, () => undefined);
    expect(ended).toEqual([{ kind: 'DataUpload', node: 'n1', end: 'Completed' }]);
    expect(started).toEqual([]);
    expect(inner.writes).toBe(2);
  });
});
