import { choosePodVolumeBackups, type ExistingPodVolume, type PodVolumeFacts } from './pod-volume-choice';
import type { FsBackupWork } from './volume-work-plan';

const work = (pod: string, volume: string, claimName?: string, onHostPath?: true): FsBackupWork => ({
  pod: { namespace: 'app', name: pod },
  volume,
  ...(claimName === undefined ? {} : { claimName }),
  ...(onHostPath ? { onHostPath } : {}),
});
const facts = (mounts: string[], devices: string[] = [], running = true): PodVolumeFacts => ({
  running,
  mounts: new Set(mounts),
  devices: new Set(devices),
});
const pods = new Map<string, PodVolumeFacts>([
  ['app/web', facts(['data', 'cache', 'host'], ['raw'])],
  ['app/api', facts(['data'])],
  ['app/down', facts(['data'], [], false)],
]);

interface Case {
  readonly work: FsBackupWork[];
  readonly existing?: ExistingPodVolume[];
  readonly create: FsBackupWork[];
  readonly skipped: { work: FsBackupWork; reason: string }[];
}

// Velero: pkg/podvolume/backupper_test.go TestBackupPodVolumes; pkg/backup/item_backupper.go (podVolumeSnapshotTracker).
describe('pod volume choice - which volumes get a PodVolumeBackup', () => {
  it.each<[string, Case]>([
    ['a mounted volume of a running pod is backed up', { work: [work('web', 'cache')], create: [work('web', 'cache')], skipped: [] }],
    [
      'a pod that is not running skips its volumes',
      {
        work: [work('down', 'data', 'shared')],
        create: [],
        skipped: [
          {
            work: work('down', 'data', 'shared'),
            reason: 'encountered a problem with backing up the PVC of pod app/down: pod is not running',
          },
        ],
      },
    ],
    [
      'a block volume is skipped with Velero reason',
      {
        work: [work('web', 'raw', 'block')],
        create: [],
        skipped: [
          {
            work: work('web', 'raw', 'block'),
            reason: 'volume raw declared in pod app/web is a block volume. Block volumes are not supported for fs backup, skipping',
          },
        ],
      },
    ],
    [
      'a volume no container mounts is skipped',
      {
        work: [work('web', 'extra')],
        create: [],
        skipped: [
          { work: work('web', 'extra'), reason: 'volume extra is declared in pod app/web but not mounted by any container, skipping' },
        ],
      },
    ],
    ['a claim on a hostPath PV is skipped silently', { work: [work('web', 'host', 'local', true)], create: [], skipped: [] }],
    [
      'a claim on a hostPath PV of a pod that is not running is skipped with the pod reason',
      {
        work: [work('down', 'data', 'local', true)],
        create: [],
        skipped: [
          {
            work: work('down', 'data', 'local', true),
            reason: 'encountered a problem with backing up the PVC of pod app/down: pod is not running',
          },
        ],
      },
    ],
    [
      'a claim two pods mount is backed up by the first pod only',
      { work: [work('web', 'data', 'shared'), work('api', 'data', 'shared')], create: [work('web', 'data', 'shared')], skipped: [] },
    ],
    [
      'a claim whose PodVolumeBackup exists is not taken again',
      {
        work: [work('web', 'data', 'shared'), work('api', 'data', 'shared')],
        existing: [{ pod: { namespace: 'app', name: 'web' }, volume: 'data' }],
        create: [],
        skipped: [],
      },
    ],
    [
      'a claim the first pod could not back up is taken by the next, dropping the first skip',
      { work: [work('down', 'data', 'shared'), work('api', 'data', 'shared')], create: [work('api', 'data', 'shared')], skipped: [] },
    ],
  ])('%s', (_, c) => {
    expect(choosePodVolumeBackups(c.work, pods, c.existing ?? [])).toEqual({ create: c.create, skipped: c.skipped });
  });
});
