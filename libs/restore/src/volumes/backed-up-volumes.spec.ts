import type { BackupVolumeInfo, PodVolumeBackup } from '@ferry/api';
import { backedUpVolumesOf, type VolumeBackupMethod } from './backed-up-volumes';

const volume = (name: string, claim: string) => ({ metadata: { name }, spec: { claimRef: { namespace: 'app', name: claim } } });
const infos: BackupVolumeInfo[] = [
  { pvName: 'pv-csi', backupMethod: 'CSISnapshot' },
  { pvName: 'pv-fs', backupMethod: 'PodVolumeBackup' },
  { pvName: 'pv-skipped', skipped: true },
] as BackupVolumeInfo[];
const pvbs = [
  { metadata: { annotations: { 'velero.io/pvc-name': 'old-fs' } }, spec: { pod: { namespace: 'app' } } },
] as unknown as PodVolumeBackup[];

describe('backedUpVolumesOf (velero restore.go PV branch)', () => {
  const volumes = backedUpVolumesOf({ volumeInfos: infos, podVolumeBackups: pvbs, snapshotClaims: new Set(['app/old-csi']) });
  it.each<[string, string, VolumeBackupMethod | undefined]>([
    ['pv-csi', 'a', 'CSISnapshot'],
    ['pv-fs', 'b', 'PodVolumeBackup'],
    ['pv-skipped', 'c', undefined],
    ['pv-not-in-info', 'old-fs', 'PodVolumeBackup'],
    ['pv-not-in-info', 'old-csi', 'CSISnapshot'],
    ['pv-not-in-info', 'plain', undefined],
  ])('%s of claim %s → %s', (name, claim, method) => {
    expect(volumes.methodOf(volume(name, claim))).toBe(method);
  });
});
