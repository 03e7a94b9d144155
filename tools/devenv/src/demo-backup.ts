// The demo's Velero Backup: once BSL `default` is Available, a real `velero.io/v1` Backup of the
// demo application (its volume policies: the database snapshotted and its data moved, the catalog
// backed up file by file) is reconciled by Ferry's controller; its phases as they change, the keys
// it left in the bucket and its volume-info document are reported.
import { gunzipSync } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import { backupDefinition, backupStorageLocationDefinition, type Backup, type BackupStorageLocation } from '@ferry/api';
import { createCustomResourceClient, type KubeClient } from '@ferry/kube';
import { createS3ObjectStore } from '@ferry/object-store';
import { backupFileKeys, backupPrefixKey, storageLocationPlan } from '@ferry/storage-location';
import type { EnvironmentInfo } from './environment-info';

/** What the demo Backup came to. */
export interface DemoBackup {
  readonly backup: Backup;
  /** Every phase it was seen in, in order. */
  readonly phases: readonly string[];
  /** Its keys in the bucket. */
  readonly keys: readonly string[];
  /** Its BackupVolumeInfo entries (`<b>-volumeinfo.json.gz`). */
  readonly volumeInfos: readonly Record<string, unknown>[];
}

const terminal = new Set(['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation']);

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`demo backup: timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * Creates Backup `<ferry namespace>/demo-shop-backup` of namespace `demo-shop` with the demo's
 * policies and data movement, follows it to a final phase (5 minutes at most), then reads its
 * bucket keys and volume info from MinIO. Throws when a step times out.
 */
export async function runDemoBackup(kube: KubeClient, info: EnvironmentInfo, report: (line: string) => void): Promise<DemoBackup> {
  const namespace = info.ferryNamespace;
  const name = 'demo-shop-backup';
  const locations = createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition);
  const backups = createCustomResourceClient<Backup>(kube, backupDefinition);
  const location = await until(
    'BackupStorageLocation default Available',
    async () => {
      const bsl = await locations.find(namespace, 'default');
      return bsl?.status?.phase === 'Available' ? bsl : undefined;
    },
    60_000,
  );
  await backups.create({
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: { name, namespace },
    spec: { includedNamespaces: ['demo-shop'], snapshotMoveData: true, resourcePolicy: { kind: 'configmap', name: 'demo-policies' } },
  });
  const phases: string[] = [];
  const backup = await until(
    `Backup ${name} to finish`,
    async () => {
      const current = await backups.get(namespace, name);
      const phase = current.status?.phase ?? 'New';
      if (phases.at(-1) !== phase) {
        phases.push(phase);
        report(`  phase ${phase}`);
      }
      return terminal.has(phase) ? current : undefined;
    },
    300_000,
  );
  const store = createS3ObjectStore(storageLocationPlan(location, `${namespace}/default`), info.s3);
  try {
    const keys = await store.listKeys(backupPrefixKey(store.prefix, name));
    const volumeInfo = await store.getObject(backupFileKeys(store.prefix, name).volumeInfo);
    const volumeInfos = volumeInfo ? (JSON.parse(gunzipSync(volumeInfo).toString('utf8')) as Record<string, unknown>[]) : [];
    return { backup, phases, keys, volumeInfos };
  } finally {
    store.close();
  }
}
