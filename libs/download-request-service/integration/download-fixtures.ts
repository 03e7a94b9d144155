// Fixtures of the DownloadRequest integration test: a backup's and a restore's files as Velero
// stores them (gzip'd JSON or text, at Velero's literal key names, written here without Ferry's
// key builders so a wrong mapping shows), and the Backup, Restore and DownloadRequest objects.
import { gzipSync } from 'node:zlib';
import {
  backupDefinition,
  downloadRequestDefinition,
  DownloadTargetKind,
  restoreDefinition,
  type Backup,
  type BackupPhase,
  type DownloadRequest,
  type Restore,
  type RestorePhase,
} from '@ferry/api';
import { createCustomResourceClient, type KubeClient } from '@ferry/kube';
import type { ObjectStore } from '@ferry/object-store';

/** One stored file: its key, the document (JSON value, or text for logs) and the gzip bytes stored. */
export interface StoredFile {
  readonly kind: DownloadTargetKind;
  readonly key: string;
  readonly text: string;
  readonly bytes: Buffer;
}

const json = (value: unknown) => JSON.stringify(value);

/** Every Backup kind's file of backup `b` under `prefix`, each with its own content. */
function backupFiles(prefix: string, b: string): [DownloadTargetKind, string, string][] {
  const at = `${prefix}/backups/${b}/${b}`;
  return [
    [DownloadTargetKind.BackupLog, `${at}-logs.gz`, `time="2026-12-06T22:00:00Z" level=info msg="backup ${b} completed"\n`],
    [DownloadTargetKind.BackupContents, `${at}.tar.gz`, `tarball of ${b}`],
    [DownloadTargetKind.BackupVolumeSnapshots, `${at}-volumesnapshots.json.gz`, json([{ spec: { backupName: b } }])],
    [DownloadTargetKind.BackupItemOperations, `${at}-itemoperations.json.gz`, json([{ spec: { backupName: b, operationID: 'op-1' } }])],
    [DownloadTargetKind.BackupResourceList, `${at}-resource-list.json.gz`, json({ 'v1/Pod': ['app/web-0'] })],
    [DownloadTargetKind.BackupResults, `${at}-results.gz`, json({ errors: {}, warnings: { velero: ['w1'] } })],
    [
      DownloadTargetKind.BackupVolumeInfos,
      `${at}-volumeinfo.json.gz`,
      json([{ pvcName: 'data', pvcNamespace: 'app', backupMethod: 'PodVolumeBackup' }]),
    ],
    [DownloadTargetKind.CSIBackupVolumeSnapshots, `${at}-csi-volumesnapshots.json.gz`, json([{ metadata: { name: 'vs-1' } }])],
    [
      DownloadTargetKind.CSIBackupVolumeSnapshotContents,
      `${at}-csi-volumesnapshotcontents.json.gz`,
      json([{ metadata: { name: 'vsc-1' } }]),
    ],
  ];
}

/** Every Restore kind's file of restore `r` under `prefix` (volume info without the `restore-` prefix). */
function restoreFiles(prefix: string, r: string): [DownloadTargetKind, string, string][] {
  const at = `${prefix}/restores/${r}`;
  return [
    [DownloadTargetKind.RestoreLog, `${at}/restore-${r}-logs.gz`, `time="2026-12-06T22:05:00Z" level=info msg="restore ${r} completed"\n`],
    [
      DownloadTargetKind.RestoreResults,
      `${at}/restore-${r}-results.gz`,
      json({ errors: {}, warnings: { namespaces: { app: ['exists'] } } }),
    ],
    [DownloadTargetKind.RestoreResourceList, `${at}/restore-${r}-resource-list.json.gz`, json({ 'v1/Pod': ['app/web-0(created)'] })],
    [DownloadTargetKind.RestoreItemOperations, `${at}/restore-${r}-itemoperations.json.gz`, json([])],
    [
      DownloadTargetKind.RestoreVolumeInfo,
      `${at}/${r}-volumeinfo.json.gz`,
      json([{ pvcName: 'data', pvcNamespace: 'app', restoreMethod: 'PodVolumeRestore' }]),
    ],
  ];
}

/** Writes every file of backup `b` and restore `r` under `prefix` (gzip'd as Velero stores them) and returns them. */
export async function storeFiles(store: ObjectStore, prefix: string, b: string, r: string): Promise<StoredFile[]> {
  const files = [...backupFiles(prefix, b), ...restoreFiles(prefix, r)].map(([kind, key, text]) => ({
    kind,
    key,
    text,
    bytes: gzipSync(text),
  }));
  for (const file of files) await store.putObject(file.key, file.bytes);
  return files;
}

/** Creates the objects of one namespace a test needs: Backups, Restores and DownloadRequests (status stored with the object). */
export function objectsIn(kube: KubeClient, namespace: string) {
  const backups = createCustomResourceClient<Backup>(kube, backupDefinition);
  const restores = createCustomResourceClient<Restore>(kube, restoreDefinition);
  const requests = createCustomResourceClient<DownloadRequest>(kube, downloadRequestDefinition);
  return {
    requests,
    backup: (name: string, phase: BackupPhase, storageLocation = 'default') =>
      backups.create({
        apiVersion: 'velero.io/v1',
        kind: 'Backup',
        metadata: { name, namespace },
        spec: { storageLocation },
        status: { phase },
      }),
    restore: (name: string, phase: RestorePhase, backupName: string) =>
      restores.create({
        apiVersion: 'velero.io/v1',
        kind: 'Restore',
        metadata: { name, namespace },
        spec: { backupName },
        status: { phase },
      }),
    request: (name: string, kind: DownloadTargetKind, target: string, status?: DownloadRequest['status']) =>
      requests.create({
        apiVersion: 'velero.io/v1',
        kind: 'DownloadRequest',
        metadata: { name, namespace },
        spec: { target: { kind, name: target } },
        ...(status ? { status } : {}),
      }),
  };
}
