import { readReferenceCrd } from '../testing';
import {
  BackupPhase,
  BackupRepositoryPhase,
  BackupStorageLocationAccessMode,
  BackupStorageLocationPhase,
  BackupType,
  DataDownloadPhase,
  DataUploadPhase,
  DeleteBackupRequestPhase,
  DownloadRequestPhase,
  DownloadTargetKind,
  HookErrorMode,
  MaintenanceResult,
  NodeOS,
  PodVolumeBackupPhase,
  PodVolumeRestorePhase,
  RestorePhase,
  SchedulePhase,
  ServerStatusRequestPhase,
  UploaderType,
} from './velero-vocabulary';
import { SnapshotDeletionPolicy } from './snapshot-vocabulary';

type Node = { properties?: Record<string, Node>; items?: Node; enum?: string[] };

function enumAt(file: string, path: string): string[] | undefined {
  const crd = readReferenceCrd<{ spec: { versions: { storage: boolean; schema: { openAPIV3Schema: Node } }[] } }>(file);
  const root = crd.spec.versions.find((v) => v.storage)!.schema.openAPIV3Schema;
  return path.split('.').reduce<Node | undefined>((node, key) => (key === '[]' ? node?.items : node?.properties?.[key]), root)?.enum;
}

describe('vocabulary - exactly the upstream CRD enums, same order', () => {
  it.each<[string, Record<string, string>, string, string]>([
    ['BackupPhase', BackupPhase, 'velero/velero.io_backups.yaml', 'status.phase'],
    ['BackupType', BackupType, 'velero/velero.io_backups.yaml', 'spec.backupType'],
    ['HookErrorMode', HookErrorMode, 'velero/velero.io_backups.yaml', 'spec.hooks.resources.[].pre.[].exec.onError'],
    ['RestorePhase', RestorePhase, 'velero/velero.io_restores.yaml', 'status.phase'],
    ['SchedulePhase', SchedulePhase, 'velero/velero.io_schedules.yaml', 'status.phase'],
    ['DataUploadPhase', DataUploadPhase, 'velero/velero.io_datauploads.yaml', 'status.phase'],
    ['NodeOS (DataUpload)', NodeOS, 'velero/velero.io_datauploads.yaml', 'status.nodeOS'],
    ['DataDownloadPhase', DataDownloadPhase, 'velero/velero.io_datadownloads.yaml', 'status.phase'],
    ['NodeOS (DataDownload)', NodeOS, 'velero/velero.io_datadownloads.yaml', 'spec.nodeOS'],
    ['PodVolumeBackupPhase', PodVolumeBackupPhase, 'velero/velero.io_podvolumebackups.yaml', 'status.phase'],
    ['UploaderType (PVB)', UploaderType, 'velero/velero.io_podvolumebackups.yaml', 'spec.uploaderType'],
    ['PodVolumeRestorePhase', PodVolumeRestorePhase, 'velero/velero.io_podvolumerestores.yaml', 'status.phase'],
    ['BackupRepositoryPhase', BackupRepositoryPhase, 'velero/velero.io_backuprepositories.yaml', 'status.phase'],
    ['UploaderType (repository)', UploaderType, 'velero/velero.io_backuprepositories.yaml', 'spec.repositoryType'],
    ['MaintenanceResult', MaintenanceResult, 'velero/velero.io_backuprepositories.yaml', 'status.recentMaintenance.[].result'],
    ['BackupStorageLocationPhase', BackupStorageLocationPhase, 'velero/velero.io_backupstoragelocations.yaml', 'status.phase'],
    ['BackupStorageLocationAccessMode', BackupStorageLocationAccessMode, 'velero/velero.io_backupstoragelocations.yaml', 'spec.accessMode'],
    ['DownloadRequestPhase', DownloadRequestPhase, 'velero/velero.io_downloadrequests.yaml', 'status.phase'],
    ['DownloadTargetKind', DownloadTargetKind, 'velero/velero.io_downloadrequests.yaml', 'spec.target.kind'],
    ['DeleteBackupRequestPhase', DeleteBackupRequestPhase, 'velero/velero.io_deletebackuprequests.yaml', 'status.phase'],
    ['ServerStatusRequestPhase', ServerStatusRequestPhase, 'velero/velero.io_serverstatusrequests.yaml', 'status.phase'],
    [
      'SnapshotDeletionPolicy',
      SnapshotDeletionPolicy,
      'snapshot/snapshot.storage.k8s.io_volumesnapshotcontents.yaml',
      'spec.deletionPolicy',
    ],
  ])('%s', (_name, vocabulary, file, path) => {
    expect(Object.values(vocabulary)).toEqual(enumAt(file, path));
  });
});
