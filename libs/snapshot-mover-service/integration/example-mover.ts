// A tiny external data mover, as a vendor would plug one in through a DataMoverClass whose
// `spec.mover` is not `ferry` (docs/snapshot-mover.md, "External movers"). It watches the
// DataUploads and DataDownloads of its `datamover` value in one namespace — Ferry's controller
// leaves those alone — and reads the per-request Secret named in `dataMoverConfig.credentialsSecret`.
// Backup: copies the snapshot's data (the node simulator keeps each snapshot as a folder) into its
// own store. Restore: copies a stored snapshot into a new volume folder and binds the target PVC to
// a PV over it. It reports like Velero's data movers: InProgress, then Completed (with `snapshotID`,
// sizes and `path` on a backup) or Failed with `message`. Test code: it uses the simulator's storage
// directly instead of exposing volumes through pods.
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  dataDownloadDefinition,
  dataUploadDefinition,
  volumeSnapshotContentDefinition,
  volumeSnapshotDefinition,
  type DataDownload,
  type DataUpload,
  type VolumeSnapshot,
  type VolumeSnapshotContent,
} from '@ferry/api';
import { simulatorLayout } from '@ferry/devenv/testing';
import { createCustomResourceClient, createInformer, type KubeClient } from '@ferry/kube';
import { credentialsSecretConfigKey, RequestSecretKey } from '../src/index';

/** What the example mover saw of one DataUpload (for the test's assertions; no secret values). */
export interface ExampleMove {
  readonly dataUpload: string;
  readonly snapshotId: string;
  readonly storedAt: string;
  /** Keys of the per-request Secret it read. */
  readonly secretKeys: string[];
  /** Whether RESTIC_PASSWORD equalled the password the test gave the user's Secret. */
  readonly passwordMatched: boolean;
  /** Finalizers on the DataUpload when the mover took it (Ferry's controller must not have touched it). */
  readonly finalizersAtStart: string[];
}

/** A running example mover. */
export interface ExampleMover {
  readonly moves: ExampleMove[];
  /** `namespace/name` of the DataDownloads it completed. */
  readonly restores: string[];
  stop(): Promise<void>;
}

/** Options of {@link startExampleMover}. */
export interface ExampleMoverOptions {
  readonly kube: KubeClient;
  readonly namespace: string;
  /** The DataUpload `spec.datamover` value it serves (its DataMoverClass's `datamover`). */
  readonly datamover: string;
  /** The environment's state folder (where the simulator keeps snapshots). */
  readonly stateDir: string;
  /** Where copies go: `<storeDir>/<snapshotId>/`. */
  readonly storeDir: string;
  /** The password the user's Secret holds, to check the per-request Secret carried it. */
  readonly expectedPassword: string;
}

/** Starts watching; resolves once the informer listed. */
export async function startExampleMover(options: ExampleMoverOptions): Promise<ExampleMover> {
  const { kube, namespace } = options;
  const uploads = createCustomResourceClient<DataUpload>(kube, dataUploadDefinition);
  const snapshots = createCustomResourceClient<VolumeSnapshot>(kube, volumeSnapshotDefinition);
  const contents = createCustomResourceClient<VolumeSnapshotContent>(kube, volumeSnapshotContentDefinition);
  const moves: ExampleMove[] = [];
  const taken = new Set<string>();
  const setStatus = (du: DataUpload, status: NonNullable<DataUpload['status']>) =>
    uploads.updateStatus(namespace, du.metadata?.name ?? '', (current) => ({ ...(current.status ?? {}), ...status }));

  const move = async (du: DataUpload): Promise<void> => {
    const name = du.metadata?.name ?? '';
    const spec = du.spec;
    if (!spec) return;
    await setStatus(du, { phase: 'InProgress', startTimestamp: new Date().toISOString(), node: 'example-mover' });
    try {
      const secretName = spec.dataMoverConfig?.[credentialsSecretConfigKey] ?? '';
      const secret = await kube.core.readNamespacedSecret({ namespace, name: secretName });
      const password = Buffer.from(secret.data?.[RequestSecretKey.Password] ?? '', 'base64').toString('utf8');
      // The snapshot: the user's VS in the source namespace, or (Ferry's VSB) the clone VS/VSC `<du>` in this namespace.
      const vsName = spec.csiSnapshot?.volumeSnapshot ?? '';
      const vs = (await snapshots.find(spec.sourceNamespace, vsName)) ?? (await snapshots.get(namespace, vsName));
      const vsc = await contents.get(undefined, vs.status?.boundVolumeSnapshotContentName ?? '');
      const source = join(simulatorLayout(options.stateDir).snapshotsRoot, vsc.status?.snapshotHandle ?? '');
      const snapshotId = randomBytes(8).toString('hex');
      const storedAt = join(options.storeDir, snapshotId);
      await mkdir(options.storeDir, { recursive: true });
      await cp(source, storedAt, { recursive: true });
      const totalBytes = await sizeOf(storedAt);
      moves.push({
        dataUpload: `${namespace}/${name}`,
        snapshotId,
        storedAt,
        secretKeys: Object.keys(secret.data ?? {}).sort(),
        passwordMatched: password === options.expectedPassword,
        finalizersAtStart: du.metadata?.finalizers ?? [],
      });
      await setStatus(du, {
        phase: 'Completed',
        snapshotID: snapshotId,
        path: `/${spec.sourceNamespace}/${spec.sourcePVC}`,
        progress: { totalBytes, bytesDone: totalBytes },
        completionTimestamp: new Date().toISOString(),
      });
    } catch (error) {
      await setStatus(du, {
        phase: 'Failed',
        message: `example mover: ${error instanceof Error ? error.message : String(error)}`,
        completionTimestamp: new Date().toISOString(),
      });
    }
  };

  const downloads = createCustomResourceClient<DataDownload>(kube, dataDownloadDefinition);
  const restores: string[] = [];
  const setDownloadStatus = (dd: DataDownload, status: NonNullable<DataDownload['status']>) =>
    downloads.updateStatus(namespace, dd.metadata?.name ?? '', (current) => ({ ...(current.status ?? {}), ...status }));
  const restore = async (dd: DataDownload): Promise<void> => {
    const spec = dd.spec;
    if (!spec) return;
    await setDownloadStatus(dd, { phase: 'InProgress', startTimestamp: new Date().toISOString(), node: 'example-mover' });
    try {
      const target = await kube.core.readNamespacedPersistentVolumeClaim({
        namespace: spec.targetVolume.namespace,
        name: spec.targetVolume.pvc,
      });
      const storageClass = await kube.storage.readStorageClass({ name: target.spec?.storageClassName ?? '' });
      const pvName = `example-${randomBytes(6).toString('hex')}`;
      await cp(join(options.storeDir, spec.snapshotID), join(simulatorLayout(options.stateDir).volumesRoot, pvName), { recursive: true });
      await kube.core.createPersistentVolume({
        body: {
          metadata: { name: pvName, labels: { ...(target.spec?.selector?.matchLabels ?? {}) } },
          spec: {
            capacity: { storage: target.spec?.resources?.requests?.['storage'] ?? '1Gi' },
            accessModes: target.spec?.accessModes ?? ['ReadWriteOnce'],
            persistentVolumeReclaimPolicy: 'Delete',
            storageClassName: target.spec?.storageClassName ?? '',
            claimRef: {
              apiVersion: 'v1',
              kind: 'PersistentVolumeClaim',
              namespace: spec.targetVolume.namespace,
              name: spec.targetVolume.pvc,
              uid: target.metadata?.uid ?? '',
            },
            csi: { driver: storageClass.provisioner, volumeHandle: pvName },
          },
        },
      });
      restores.push(`${namespace}/${dd.metadata?.name ?? ''}`);
      await setDownloadStatus(dd, { phase: 'Completed', completionTimestamp: new Date().toISOString() });
    } catch (error) {
      await setDownloadStatus(dd, {
        phase: 'Failed',
        message: `example mover: ${error instanceof Error ? error.message : String(error)}`,
        completionTimestamp: new Date().toISOString(),
      });
    }
  };

  const informer = createInformer<DataUpload>(kube, dataUploadDefinition, { namespace });
  const downloadInformer = createInformer<DataDownload>(kube, dataDownloadDefinition, { namespace });
  const claim = (object: DataUpload | DataDownload): boolean => {
    const key = object.metadata?.uid ?? '';
    const phase = object.status?.phase ?? '';
    if (object.spec?.datamover !== options.datamover || (phase !== '' && phase !== 'New') || taken.has(key)) return false;
    taken.add(key);
    return true;
  };
  const considerUpload = (du: DataUpload) => {
    if (claim(du)) void move(du).catch(() => taken.delete(du.metadata?.uid ?? ''));
  };
  const considerDownload = (dd: DataDownload) => {
    if (claim(dd)) void restore(dd).catch(() => taken.delete(dd.metadata?.uid ?? ''));
  };
  informer.on('add', considerUpload);
  informer.on('update', considerUpload);
  downloadInformer.on('add', considerDownload);
  downloadInformer.on('update', considerDownload);
  await Promise.all([informer.synced, downloadInformer.synced]);
  return { moves, restores, stop: () => Promise.all([informer.stop(), downloadInformer.stop()]).then(() => undefined) };
}

async function sizeOf(root: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
