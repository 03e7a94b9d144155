// Public entry of @ferry/snapshot-mover-service: OADP's VolumeSnapshotBackup / VolumeSnapshotRestore
// over Ferry's DataUpload / DataDownload, routed by DataMoverClass. Every export is named.
//
// Contract with data movers (documented in docs/snapshot-mover.md): a VSB becomes DataUpload
// `vsb-<uid>` in its `spec.protectedNamespace`, a VSR DataDownload `vsr-<uid>`; `spec.datamover` is
// the chosen DataMoverClass's `datamover`, `spec.dataMoverConfig` its config plus `credentialsSecret`
// (the per-request Secret: RESTIC_REPOSITORY, RESTIC_PASSWORD, cloud). Ferry's DU/DD controller
// serves classes with `mover: ferry`; an external mover's controller serves its own and must set
// the DU/DD status as Velero does (phase Completed + snapshotID, or Failed + message).

export { SnapshotMoverError, SnapshotMoverErrorCode } from './errors';
export { SnapshotMoverEventReason } from './event-reasons';
export {
  credentialsSecretConfigKey,
  intermediateName,
  OwnerKind,
  RequestSecretKey,
  requestSecretName,
  restoreTargetName,
  SnapshotMoverAnnotation,
  SnapshotMoverLabel,
} from './snapshot-mover-names';
export { ownedSelector } from './intermediate-builders';
export { startSnapshotMoverService, type SnapshotMoverService, type SnapshotMoverServiceDependencies } from './snapshot-mover-service';
