// Exactly what each Ferry service's RBAC may grant (what its code calls, nothing more), and which
// services run per node or as root: the expectations of the deploy manifest spec.
import { moverNatsCredentialsAccess } from '@ferry/controller-service';
import type { RouteAccessRule } from '@ferry/service-runtime';

/** Exactly what each service may do: what its code calls, nothing more. */
export const serviceGrants = {
  /** libs/policy-service: reads only. */
  'ferry-policy': {
    role: ['core/configmaps:get', 'velero.io/backups:get'],
    clusterRole: ['core/namespaces:list', 'core/persistentvolumeclaims:list', 'core/persistentvolumes:list', 'core/pods:list'],
  },
  /** libs/exposer-service: intermediate objects in its namespace (watched, to wake waiting exposures); snapshots, PVs and claims across the cluster. */
  'ferry-exposer': {
    role: [
      'core/configmaps:list',
      'core/configmaps:watch',
      'core/events:create',
      'core/events:list',
      'core/persistentvolumeclaims:create',
      'core/persistentvolumeclaims:delete',
      'core/persistentvolumeclaims:list',
      'core/persistentvolumeclaims:watch',
      'core/pods:create',
      'core/pods:delete',
      'core/pods:get',
      'core/pods:list',
      'core/pods:watch',
      'snapshot.storage.k8s.io/volumesnapshots:create',
      'velero.io/datadownloads:get',
      'velero.io/datauploads:get',
    ],
    clusterRole: [
      'core/persistentvolumeclaims:get',
      'core/persistentvolumeclaims:patch',
      'core/persistentvolumes:delete',
      'core/persistentvolumes:get',
      'core/persistentvolumes:patch',
      'snapshot.storage.k8s.io/volumesnapshotcontents:create',
      'snapshot.storage.k8s.io/volumesnapshotcontents:delete',
      'snapshot.storage.k8s.io/volumesnapshotcontents:get',
      'snapshot.storage.k8s.io/volumesnapshotcontents:patch',
      'snapshot.storage.k8s.io/volumesnapshots:delete',
      'snapshot.storage.k8s.io/volumesnapshots:get',
      'storage.k8s.io/storageclasses:get',
    ],
  },
  /** libs/controller-service: data-path resources and repository objects in its namespace; DataMoverClasses; pod volumes. Beside it the snapshot mover and the BSL controller. */
  'ferry-controller': {
    role: [
      'coordination.k8s.io/leases:create',
      'coordination.k8s.io/leases:get',
      'coordination.k8s.io/leases:update',
      'core/events:create',
      'core/secrets:create',
      'core/secrets:get',
      'velero.io/backuprepositories:create',
      'velero.io/backuprepositories:get',
      'velero.io/backupstoragelocations:get',
      'velero.io/datadownloads:get',
      'velero.io/datadownloads:list',
      'velero.io/datadownloads:update',
      'velero.io/datadownloads:watch',
      'velero.io/datauploads:get',
      'velero.io/datauploads:list',
      'velero.io/datauploads:update',
      'velero.io/datauploads:watch',
      'velero.io/podvolumebackups:get',
      'velero.io/podvolumebackups:list',
      'velero.io/podvolumebackups:update',
      'velero.io/podvolumebackups:watch',
      'velero.io/podvolumerestores:get',
      'velero.io/podvolumerestores:list',
      'velero.io/podvolumerestores:update',
      'velero.io/podvolumerestores:watch',
      // libs/snapshot-mover-service (VSB/VSR): its DUs/DDs, snapshots, PVCs and Secrets; BSLs; Backups.
      'velero.io/datauploads:create',
      'velero.io/datauploads:delete',
      'velero.io/datadownloads:create',
      'velero.io/datadownloads:delete',
      'velero.io/backupstoragelocations:list',
      'velero.io/backups:get',
      'velero.io/restores:get',
      'snapshot.storage.k8s.io/volumesnapshots:create',
      'snapshot.storage.k8s.io/volumesnapshots:delete',
      'snapshot.storage.k8s.io/volumesnapshots:list',
      'core/persistentvolumeclaims:create',
      'core/persistentvolumeclaims:delete',
      'core/persistentvolumeclaims:list',
      'core/secrets:create',
      'core/secrets:delete',
      'core/secrets:list',
      // libs/storage-location-service (BSL controller): watches and updates BSLs; reads credential Secrets (core/secrets:get above).
      'velero.io/backupstoragelocations:list',
      'velero.io/backupstoragelocations:watch',
      'velero.io/backupstoragelocations:update',
      // libs/backup-service (Backup controller): watches and updates Backups; the policy ConfigMap; named VSLs.
      'velero.io/backups:list',
      'velero.io/backups:watch',
      'velero.io/backups:update',
      'velero.io/volumesnapshotlocations:list',
      'core/configmaps:get',
      // libs/backup-service deletion (DeleteBackupRequests, garbage collection): requests, Backups, their PVBs, DUs and Restores.
      'velero.io/deletebackuprequests:list',
      'velero.io/deletebackuprequests:watch',
      'velero.io/deletebackuprequests:create',
      'velero.io/deletebackuprequests:patch',
      'velero.io/deletebackuprequests:delete',
      'velero.io/backups:list',
      'velero.io/backups:watch',
      'velero.io/backups:patch',
      'velero.io/backups:delete',
      'velero.io/podvolumebackups:delete',
      'velero.io/restores:list',
      'velero.io/restores:delete',
      // libs/backup-service schedule controller (Schedules → Backups) and backup sync (bucket → Backups, PodVolumeBackups; lastSyncedTime); Backups list/watch/delete above.
      'velero.io/schedules:get',
      'velero.io/schedules:list',
      'velero.io/schedules:watch',
      'velero.io/schedules:update',
      'velero.io/backups:create',
      'velero.io/podvolumebackups:create',
      'velero.io/backupstoragelocations:patch',
      // --- volumes --- libs/backup-service volume step: a Backup's DataUploads and PodVolumeBackups (created, cancelled), its volume record ConfigMap.
      'velero.io/datauploads:patch',
      'velero.io/podvolumebackups:patch',
      'core/configmaps:get',
      'core/configmaps:create',
      'core/configmaps:update',
      // --- end volumes ---
      // --- restores --- libs/restore-service: Restores watched and patched (list/get: above).
      'velero.io/restores:watch',
      'velero.io/restores:patch',
      'core/configmaps:list',
      'core/configmaps:delete',
      'velero.io/podvolumerestores:create',
      // --- end restores ---
      // --- downloads --- libs/download-request-service: DownloadRequests watched, status patched, expired ones deleted (Backups, Restores, BSLs, Secrets: get above).
      'velero.io/downloadrequests:list',
      'velero.io/downloadrequests:watch',
      'velero.io/downloadrequests:patch',
      'velero.io/downloadrequests:delete',
      // --- end downloads ---
    ],
    clusterRole: [
      'core/persistentvolumeclaims:get',
      'core/pods:get',
      'datamover.oadp.openshift.io/datamoverclasses:list',
      'datamover.oadp.openshift.io/datamoverclasses:watch',
      // libs/snapshot-mover-service: VSBs/VSRs and their status, users' snapshots, clone/restored contents, Events on VSBs/VSRs.
      'datamover.oadp.openshift.io/volumesnapshotbackups:get',
      'datamover.oadp.openshift.io/volumesnapshotbackups:list',
      'datamover.oadp.openshift.io/volumesnapshotbackups:watch',
      'datamover.oadp.openshift.io/volumesnapshotbackups:patch',
      'datamover.oadp.openshift.io/volumesnapshotrestores:get',
      'datamover.oadp.openshift.io/volumesnapshotrestores:list',
      'datamover.oadp.openshift.io/volumesnapshotrestores:watch',
      'datamover.oadp.openshift.io/volumesnapshotbackups/status:update',
      'datamover.oadp.openshift.io/volumesnapshotrestores/status:update',
      'snapshot.storage.k8s.io/volumesnapshots:get',
      'snapshot.storage.k8s.io/volumesnapshotcontents:create',
      'snapshot.storage.k8s.io/volumesnapshotcontents:delete',
      'snapshot.storage.k8s.io/volumesnapshotcontents:get',
      'snapshot.storage.k8s.io/volumesnapshotcontents:list',
      'snapshot.storage.k8s.io/volumesnapshotcontents:patch',
      'core/events:create',
      // libs/backup-service: namespaces labelled velero.io/exclude-from-backup.
      'core/namespaces:list',
      // libs/backup-service deletion: the backup's CSI snapshots in every namespace (contents: above).
      'snapshot.storage.k8s.io/volumesnapshots:list',
      'snapshot.storage.k8s.io/volumesnapshots:delete',
      // --- volumes --- libs/backup-service volume step: the backed-up claims' snapshots (list, delete: above), classes, claims, PVs and pods.
      'snapshot.storage.k8s.io/volumesnapshots:create',
      'snapshot.storage.k8s.io/volumesnapshotclasses:list',
      'storage.k8s.io/storageclasses:list',
      'core/persistentvolumeclaims:list',
      'core/persistentvolumes:list',
      'core/pods:list',
      // --- end volumes ---
      // --- restores --- libs/restore-service: every backed-up kind read, created, patched, its status updated; RBAC kinds with escalate and bind.
      '*/*:get',
      '*/*:create',
      '*/*:patch',
      '*/*:update',
      'rbac.authorization.k8s.io/roles:escalate',
      'rbac.authorization.k8s.io/roles:bind',
      'rbac.authorization.k8s.io/clusterroles:escalate',
      'rbac.authorization.k8s.io/clusterroles:bind',
      // --- end restores ---
      // --- collection --- libs/resource-backup: every resource type a Backup includes, listed page by page.
      '*/*:list',
      // --- end collection ---
    ],
  },
  // --- volume-info ---
  /** libs/volume-info-service: informers on its namespace's BSLs, Backups and Restores; a BSL's credential Secret by name. Nothing cluster-wide. */
  'ferry-volume-info': {
    role: [
      'core/secrets:get',
      'velero.io/backups:list',
      'velero.io/backups:watch',
      'velero.io/backupstoragelocations:list',
      'velero.io/backupstoragelocations:watch',
      'velero.io/restores:list',
      'velero.io/restores:watch',
    ],
    clusterRole: [],
  },
  // --- end volume-info ---
  /** libs/mover-service: reads its BSLs, their credential Secrets, the repository password and its node; writes nothing. */
  /** libs/mover-service: Secrets by name only (a BSL with another credential Secret is granted it in an overlay). */
  'ferry-mover': {
    role: [
      'core/configmaps:list',
      'core/configmaps:watch',
      'core/secrets#cloud-credentials:get',
      'core/secrets#velero-repo-credentials:get',
      'velero.io/backupstoragelocations:get',
    ],
    clusterRole: ['core/nodes:get'],
  },
} as const;
export const services = Object.keys(serviceGrants) as (keyof typeof serviceGrants)[];
/** Services that run on every node (a DaemonSet, no Service); the others are a Deployment behind a Service. */
export const perNodeServices: ReadonlySet<string> = new Set(['ferry-mover']);
/**
 * Containers that run as root, with the only capabilities they add: the mover reads and writes
 * volume files of any owner and keeps ownership on restore (Velero's node-agent runs privileged).
 */
export const rootContainers: Readonly<Record<string, readonly string[]>> = {
  'DaemonSet/ferry-mover container mover': ['CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID'],
};
// --- api access ---
/** Every service checks the callers of its HTTP API (libs/service-runtime api-access.ts): in each one's ClusterRole besides its own grants. */
export const apiReviewGrants: readonly string[] = [
  'authentication.k8s.io/tokenreviews:create',
  'authorization.k8s.io/subjectaccessreviews:create',
];
/** The ClusterRoles callers of the service APIs are bound to (deploy/base/api-access-rbac.yaml), bound to no one by Ferry. */
export const apiCallerRoles: readonly string[] = ['ferry-api-reader', 'ferry-api-planner'];
/** Roles (and RoleBindings of the same name) letting a Ferry service call another's API: the movers ask the controller for their NATS identity. */
export const serviceApiCallerRoles: Readonly<Record<string, { readonly service: string; readonly routes: readonly RouteAccessRule[] }>> = {
  'ferry-mover-nats-identity': { service: 'ferry-mover', routes: [moverNatsCredentialsAccess] },
};
// --- end api access ---
