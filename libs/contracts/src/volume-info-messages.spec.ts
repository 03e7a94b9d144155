import { ferryMessageUsage } from './contract-usage';
import { ferryContracts } from './ferry-contracts';
import {
  VolumeKey,
  volumeInfoQueryReplySchema,
  volumeInfoQuerySchema,
  volumeInfoRecordSchema,
  volumeInfoSealSchema,
} from './volume-info-messages';

const record = {
  v: 1,
  target: { kind: 'backup', namespace: 'velero', name: 'nightly', uid: 'u-1' },
  volumeKey: 'claim:shop/data',
  claim: { namespace: 'shop', name: 'data' },
  source: 'mover',
  recordedAt: '2026-12-06T10:00:00Z',
  facts: { bytes: 1024, snapshotHandle: 'k1', result: 'succeeded' },
} as const;

describe('volume-info messages - record', () => {
  it('accepts a record with some facts', () => {
    expect(volumeInfoRecordSchema.parse(record)).toEqual(record);
  });

  it.each([
    ['an unknown target kind', { target: { kind: 'schedule', namespace: 'velero', name: 'n', uid: 'u' } }],
    ['a target without uid', { target: { kind: 'backup', namespace: 'velero', name: 'n' } }],
    ['an empty volume key', { volumeKey: '' }],
    ['an input of an unknown kind', { input: { kind: 'native-snapshot', value: {} } }],
    [
      'a backup input without its method facts',
      { input: { kind: 'backup-volume', value: { kind: 'csi-snapshot', claim: { namespace: 's', name: 'd' } } } },
    ],
    ['an unknown publisher', { source: 'cli' }],
    ['a time without offset', { recordedAt: '2026-12-06 10:00:00' }],
    ['negative bytes', { facts: { bytes: -1 } }],
    ['an unknown method', { facts: { method: 'Rsync' } }],
    ['a claim without name', { claim: { namespace: 'shop', name: '' } }],
    [
      'an exposure without node',
      { facts: { exposure: { pod: 'du-1', claim: 'du-1', readOnly: true, exposedAt: '2026-12-06T10:00:00Z' } } },
    ],
    [
      'an exposure wait that is negative',
      { facts: { exposure: { node: 'n', pod: 'p', claim: 'c', readOnly: true, exposedAt: '2026-12-06T10:00:00Z', waitsMs: { x: -1 } } } },
    ],
  ])('rejects %s', (_what, change) => {
    expect(volumeInfoRecordSchema.safeParse({ ...record, ...change }).success).toBe(false);
  });

  it('carries the exposer’s exposure facts', () => {
    const exposure = {
      node: 'node-b',
      pod: 'du-1',
      claim: 'du-1',
      storageClass: 'fast-ro',
      readOnly: true,
      acceptedAt: '2026-12-06T09:59:00Z',
      exposedAt: '2026-12-06T10:00:00Z',
      waitsMs: { 'pod-running': 1200 },
    };
    const parsed = volumeInfoRecordSchema.parse({ ...record, source: 'exposer', facts: { nodeName: 'node-b', exposure } });
    expect(parsed.facts.exposure).toEqual(exposure);
  });

  it('names volumes by kind: claim, pod volume, PV, download', () => {
    const claim = { namespace: 'shop', name: 'data' };
    expect([
      VolumeKey.claim(claim),
      VolumeKey.podVolume({ namespace: 'shop', name: 'web' }, 'logs'),
      VolumeKey.volume('pv-1'),
      VolumeKey.download(claim),
    ]).toEqual(['claim:shop/data', 'pod:shop/web/logs', 'pv:pv-1', 'download:shop/data']);
  });

  it('carries a document input: a backup volume or an item of a restore', () => {
    const withInput = (input: unknown) => volumeInfoRecordSchema.safeParse({ ...record, input }).success;
    const volume = { name: 'pv-1', reclaimPolicy: 'Delete', labels: null };
    expect(withInput({ kind: 'backup-volume', value: { kind: 'skipped', volume, reasons: [{ approach: 'any', reason: 'r' }] } })).toBe(
      true,
    );
    expect(
      withInput({
        kind: 'backup-volume',
        value: { kind: 'data-movement', claim: record.claim, volume, operationId: 'du-1', dataUpload: { driver: 'd', totalBytes: 5 } },
      }),
    ).toBe(true);
    expect(withInput({ kind: 'restored-claim', value: { namespace: 's', name: 'd', boundVolume: 'pv-2' } })).toBe(true);
    expect(withInput({ kind: 'data-download', value: { targetVolume: { namespace: 's', pvc: 'd' }, snapshotId: 'k' } })).toBe(true);
    expect(
      withInput({ kind: 'pod-volume-restore', value: { pod: { namespace: 's', name: 'p' }, volume: 'v', uploaderType: 'kopia' } }),
    ).toBe(true);
  });

  it('is an event per run on the EVENTS stream that every volume-info replica looks up itself (no shared durable)', () => {
    const { messages, consumers } = ferryContracts;
    expect(messages.volumeInfoRecord.stream.name).toBe('FERRY_EVENTS');
    expect(messages.volumeInfoRecord.subject.build({ kind: 'backup', uid: 'u-1', source: 'mover' })).toBe(
      'ferry.event.volumeinfo.v1.record.backup.u-1.mover',
    );
    expect(messages.volumeInfoRecord.subject.filter({ kind: 'restore', uid: 'u-2' })).toBe(
      'ferry.event.volumeinfo.v1.record.restore.u-2.*',
    );
    expect(Object.keys(consumers)).not.toContain('volumeInfoRecords');
    expect(ferryMessageUsage.volumeInfoRecord.readers).toEqual(['volume-info']);
  });
});

describe('volume-info messages - query and seal', () => {
  it.each([
    [{ kind: 'backup-volumes', namespace: 'velero', name: 'b' }, true],
    [{ kind: 'restore-volumes', namespace: 'velero', name: 'r' }, true],
    [{ kind: 'claim-history', namespace: 'shop', pvc: 'data' }, true],
    [{ kind: 'claim-history', namespace: 'shop', name: 'data' }, false],
    [{ kind: 'schedules', namespace: 'velero', name: 'b' }, false],
  ])('query %j valid: %s', (query, valid) => {
    expect(volumeInfoQuerySchema.safeParse(query).success).toBe(valid);
  });

  it('replies with the answer of the kind asked, volume entries validated as Velero writes them', () => {
    const answer = {
      kind: 'backup-volumes',
      backup: { namespace: 'velero', name: 'b' },
      phase: 'Completed',
      storageLocation: 'default',
      volumes: [{ info: { snapshotDataMoved: false, preserveLocalSnapshot: false }, summary: { snapshotDataMoved: false } }],
    };
    expect(volumeInfoQueryReplySchema.safeParse(answer).success).toBe(false);
    const complete = {
      ...answer,
      volumes: [{ ...answer.volumes[0], info: { snapshotDataMoved: false, preserveLocalSnapshot: false, skipped: true } }],
    };
    expect(volumeInfoQueryReplySchema.parse(complete)).toEqual(complete);
  });

  it('are request/reply contracts of their own queue groups', () => {
    const { messages } = ferryContracts;
    expect([messages.volumeInfoQuery.subject.pattern, messages.volumeInfoQuery.queueGroup]).toEqual([
      'ferry.rpc.volumeinfo.v1.query',
      'volume-info-query',
    ]);
    expect([messages.volumeInfoSeal.subject.pattern, messages.volumeInfoSeal.queueGroup]).toEqual([
      'ferry.rpc.volumeinfo.v1.seal',
      'volume-info-seal',
    ]);
    const target = { kind: 'restore', namespace: 'velero', name: 'r', uid: 'u' };
    expect(volumeInfoSealSchema.safeParse({ v: 1, target, volumeKeys: ['claim:s/d'] }).success).toBe(true);
    expect(volumeInfoSealSchema.safeParse({ v: 1, target }).success).toBe(false);
  });
});
