import { backupVolumeInfos, encodeBackupVolumeInfos, encodeRestoreVolumeInfos, type VolumeInfoInput } from '@ferry/backup';
import { restoreVolumeInfos, type RestoreVolumeInfoInputs } from '@ferry/restore';
import {
  generateBackupDocument,
  generateRestoreDocument,
  keyedBackupInputs,
  keyedRestoreInputs,
  newestInputs,
  type KeyedVolumeInput,
} from './volume-document-inputs';

const claim = { namespace: 'shop', name: 'data' };
const volume = { name: 'pv-data', reclaimPolicy: 'Delete', labels: null };
const moved: VolumeInfoInput = {
  kind: 'data-movement',
  claim,
  volume,
  operationId: 'du-1.2',
  dataUpload: { driver: 'hostpath.csi', snapshotId: 'k1', totalBytes: 10, phase: 'Completed', startTimestamp: '2026-12-06T10:00:00Z' },
};
const fsBackup: VolumeInfoInput = {
  kind: 'fs-backup',
  podVolumeBackup: { uploaderType: 'kopia', volume: 'scratch', pod: { namespace: 'shop', name: 'web' }, phase: 'Completed' },
};
const skippedNoClaim: VolumeInfoInput = { kind: 'skipped', volume: { name: 'pv-x' }, reasons: [{ approach: 'any', reason: 'r' }] };
const restoreInputs: RestoreVolumeInfoInputs = {
  claims: [{ namespace: 'shop', name: 'data', boundVolume: 'pv-new' }],
  podVolumeRestores: [
    {
      pod: { namespace: 'shop', name: 'web' },
      volume: 'files',
      uploaderType: 'kopia',
      snapshotId: 's2',
      podVolumes: [{ name: 'files', persistentVolumeClaim: { claimName: 'data' } }],
    },
  ],
  nativeSnapshots: [],
  dataDownloads: [{ targetVolume: { namespace: 'shop', pvc: 'data' }, snapshotId: 'k1', operationId: 'dd-1' }],
};
const at = (seconds: number) => `2026-12-06T10:00:${String(seconds).padStart(2, '0')}Z`;
const recorded = (keyed: readonly KeyedVolumeInput[], time = at(0)) => keyed.map((k) => ({ ...k, recordedAt: time }));

describe('volume document inputs - keys', () => {
  it.each([
    ['a claim volume', [moved], ['claim:shop/data'], [claim]],
    ['a pod volume without claim', [fsBackup], ['pod:shop/web/scratch'], [undefined]],
    ['a skipped PV without claim', [skippedNoClaim], ['pv:pv-x'], [undefined]],
    ['a repeated key', [moved, moved], ['claim:shop/data', 'claim:shop/data#2'], [claim, claim]],
  ])('backup: %s', (_what, inputs, keys, claims) => {
    const keyed = keyedBackupInputs(inputs as VolumeInfoInput[]);
    expect(keyed.map((k) => k.volumeKey)).toEqual(keys);
    expect(keyed.map((k) => k.claim)).toEqual(claims);
  });

  it('restore: every item keyed in order, claims named where known', () => {
    const keyed = keyedRestoreInputs(restoreInputs);
    expect(keyed.map((k) => [k.volumeKey, k.input.kind, k.claim?.name])).toEqual([
      ['claim:shop/data', 'restored-claim', 'data'],
      ['pod:shop/web/files', 'pod-volume-restore', undefined],
      ['download:shop/data', 'data-download', 'data'],
    ]);
  });
});

describe('volume document inputs - generation', () => {
  it('a backup document is Velero’s generation of the inputs in the sealed order', () => {
    const keyed = keyedBackupInputs([moved, fsBackup, skippedNoClaim]);
    const generated = generateBackupDocument(
      newestInputs(recorded(keyed)),
      keyed.map((k) => k.volumeKey),
    );
    const entries = backupVolumeInfos([moved, fsBackup, skippedNoClaim]);
    expect(generated).toEqual({ ok: true, entries, text: encodeBackupVolumeInfos(entries) });
  });

  it('a restore document is Velero’s generation of the collected inputs', () => {
    const keyed = keyedRestoreInputs(restoreInputs);
    const generated = generateRestoreDocument(
      newestInputs(recorded(keyed)),
      keyed.map((k) => k.volumeKey),
    );
    const entries = restoreVolumeInfos(restoreInputs);
    expect(entries.length).toBeGreaterThan(0);
    expect(generated).toEqual({ ok: true, entries, text: encodeRestoreVolumeInfos(entries) });
  });

  it('no volumes is the empty document', () => {
    expect(generateBackupDocument(new Map(), [])).toEqual({ ok: true, entries: [], text: '[]\n' });
  });

  it('the newest record of a key wins, whatever the order records arrive in', () => {
    const early = { ...moved, dataUpload: { ...moved.dataUpload, phase: 'InProgress', totalBytes: 1 } };
    const [old] = recorded(keyedBackupInputs([early]), at(1));
    const [late] = recorded(keyedBackupInputs([moved]), at(5));
    for (const order of [
      [old!, late!],
      [late!, old!],
    ]) {
      const generated = generateBackupDocument(newestInputs(order), ['claim:shop/data']);
      expect(generated.ok && generated.entries[0]?.snapshotDataMovementInfo?.size).toBe(10);
    }
  });

  it.each([
    ['a key never recorded', 'backup', ['claim:shop/data', 'claim:shop/gone'], ['claim:shop/gone']],
    ['a restore item sealed as a backup', 'backup', ['download:shop/data'], ['download:shop/data']],
    ['a backup volume sealed as a restore', 'restore', ['claim:shop/data'], ['claim:shop/data']],
  ])('%s is reported missing', (_what, kind, keys, missing) => {
    const newest = newestInputs([
      ...recorded(keyedBackupInputs([moved])),
      { volumeKey: 'download:shop/data', recordedAt: at(0), input: { kind: 'data-download', value: restoreInputs.dataDownloads[0]! } },
      { volumeKey: 'claim:shop/gone', recordedAt: at(0) },
    ]);
    const generate = kind === 'backup' ? generateBackupDocument : generateRestoreDocument;
    expect(generate(newest, keys)).toEqual({ ok: false, missingKeys: missing });
  });
});
