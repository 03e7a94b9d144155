// Which run and volume a data-path resource serves, as its expose and move jobs carry it
// (`report` of @ferry/contracts): the worker publishes the volume-info records of what it learns
// under it. The run comes from the resource's owner reference to its Backup/Restore (PVB, PVR), else
// from Velero's labels (`velero.io/backup-name`/`-uid`, `velero.io/restore-name`/`-uid`: DU, DD); the
// volume key and claim follow the controller's own records. Pure.
import { VeleroLabel, type DataDownload, type DataUpload, type PodVolumeBackup, type PodVolumeRestore } from '@ferry/api';
import { VolumeKey, type FerryContracts, type MessageInput } from '@ferry/contracts';

/** A job's `report`: the run, the volume key and the claim. */
export type VolumeRecordRef = NonNullable<MessageInput<FerryContracts['messages']['moveJob']>['report']>;

type Resource =
  | ({ readonly kind: 'DataUpload' } & DataUpload)
  | ({ readonly kind: 'DataDownload' } & DataDownload)
  | ({ readonly kind: 'PodVolumeBackup' } & PodVolumeBackup)
  | ({ readonly kind: 'PodVolumeRestore' } & PodVolumeRestore);

/** The Backup/Restore of `resource`: its owner reference of that kind, else the name and uid labels. */
function runOf(resource: Resource, kind: 'backup' | 'restore') {
  const metadata = resource.metadata;
  const owner = metadata?.ownerReferences?.find((ref) => ref.kind === (kind === 'backup' ? 'Backup' : 'Restore'));
  const labels = metadata?.labels ?? {};
  const name = owner?.name ?? labels[kind === 'backup' ? VeleroLabel.BackupName : VeleroLabel.RestoreName];
  const uid = owner?.uid ?? labels[kind === 'backup' ? VeleroLabel.BackupUid : VeleroLabel.RestoreUid];
  const namespace = metadata?.namespace;
  return name && uid && namespace ? { kind, namespace, name, uid } : undefined;
}

/**
 * The `report` of `resource`'s jobs; `claimName` is the claim of a pod volume when the controller
 * found one. Undefined when the resource names no run (created by hand): its workers record nothing.
 */
export function volumeRecordRefOf(resource: Resource, claimName?: string): VolumeRecordRef | undefined {
  switch (resource.kind) {
    case 'DataUpload': {
      const target = runOf(resource, 'backup');
      const claim = { namespace: resource.spec?.sourceNamespace ?? '', name: resource.spec?.sourcePVC ?? '' };
      return target && { target, volumeKey: VolumeKey.claim(claim), claim };
    }
    case 'DataDownload': {
      const target = runOf(resource, 'restore');
      const claim = { namespace: resource.spec?.targetVolume?.namespace ?? '', name: resource.spec?.targetVolume?.pvc ?? '' };
      return target && { target, volumeKey: VolumeKey.download(claim), claim };
    }
    case 'PodVolumeBackup':
    case 'PodVolumeRestore': {
      const target = runOf(resource, resource.kind === 'PodVolumeBackup' ? 'backup' : 'restore');
      const pod = { namespace: resource.spec?.pod.namespace ?? '', name: resource.spec?.pod.name ?? '' };
      const claim = claimName ? { claim: { namespace: pod.namespace, name: claimName } } : {};
      return target && { target, volumeKey: VolumeKey.podVolume(pod, resource.spec?.volume ?? ''), ...claim };
    }
  }
}
