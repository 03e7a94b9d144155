// A tiny external data mover, as a vendor would plug one in through a DataMoverClass whose
// `spec.mover` is not `ferry` (docs/snapshot-mover.md, "External movers"). It watches the
// DataUploads of its `datamover` value in one namespace — Ferry's controller leaves those alone —
// reads the per-request Secret named in `dataMoverConfig.credentialsSecret`, copies the snapshot's
// data (the node simulator keeps each snapshot as a folder) into its own store, and reports like
// Velero's data movers do: InProgress, then Completed with `snapshotID`, sizes and `path` (or
// Failed with `message`). Test code: it reads the simulator's storage directly instead of
// exposing the snapshot through a pod.
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { dataUploadDefinition, volumeSnapshotContentDefinition, volumeSnapshotDefinition, type DataUpload, type VolumeSnapshot, type VolumeSnapshotContent } from '@ferry/api';
import { simulatorLayout } from '@ferry/devenv';
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
        dataUpload: `${namespace}/${name}`, snapshotId, storedAt, secretKeys: Object.keys(secret.data ?? {}).sort(),
        passwordMatched: password === options.expectedPassword, finalizersAtStart: du.metadata?.finalizers ?? [],
      });
      await setStatus(du, {
        phase: 'Completed', snapshotID: snapshotId, path: `/${spec.sourceNamespace}/${spec.sourcePVC}`,
        progress: { totalBytes, bytesDone: totalBytes }, completionTimestamp: new Date().toISOString(),
      });
    } catch (error) {
      await setStatus(du, { phase: 'Failed', message: `example mover: ${error instanceof Error ? error.message : String(error)}`, completionTimestamp: new Date().toISOString() });
    }
  };

  const informer = createInformer<DataUpload>(kube, dataUploadDefinition, { namespace });
  const consider = (du: DataUpload) => {
    const key = du.metadata?.uid ?? '';
    const phase = du.status?.phase ?? '';
    if (du.spec?.datamover !== options.datamover || (phase !== '' && phase !== 'New') || taken.has(key)) return;
    taken.add(key);
    void move(du).catch(() => taken.delete(key));
  };
  informer.on('add', consider);
  informer.on('update', consider);
  await informer.synced;
  return { moves, stop: () => informer.stop() };
}

async function sizeOf(root: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
