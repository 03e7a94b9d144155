// In-memory collaborators of the Backup steps for unit specs: a bucket, a Backup store with the
// writer's semantics, a resource collection and a volume step whose states the spec scripts.
import { gunzipSync } from 'node:zlib';
import type { Backup } from '@ferry/api';
import { emptyBackupResult, type BackupResults } from '@ferry/backup';
import { silentLogger } from '@ferry/kube';
import type { ObjectStore } from '@ferry/object-store';
import type { ResourceBackup } from '@ferry/resource-backup';
import { backupFileKeys } from '@ferry/storage-location';
import { BackupFiles } from '../storage/backup-files';
import type { BackupVolumeOperations, VolumeOperationsState } from '../volumes/backup-volume-operations';
import type { VolumeReporter } from '@ferry/volume-info-client';
import type { BackupStepContext } from '../backup/backup-context';

/** A bucket in a Map. */
export function memoryStore(): ObjectStore & { objects: Map<string, Uint8Array>; text(key: string): string | undefined } {
  const objects = new Map<string, Uint8Array>();
  return {
    objects,
    endpoint: 'memory',
    bucket: 'b',
    prefix: 'p',
    text(key) {
      const bytes = objects.get(key);
      if (!bytes) return undefined;
      return key.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : Buffer.from(bytes).toString('utf8');
    },
    listCommonPrefixes: () => Promise.resolve([]),
    listKeys: (prefix) => Promise.resolve([...objects.keys()].filter((key) => key.startsWith(prefix))),
    putObject: (key, body) => {
      objects.set(key, typeof body === 'string' ? Buffer.from(body) : body);
      return Promise.resolve();
    },
    getObject: (key) => Promise.resolve(objects.get(key)),
    openObjectStream: () => Promise.reject(new Error('not used')),
    uploadStream: () => Promise.reject(new Error('not used')),
    deleteKeys: () => Promise.resolve(),
    close: () => undefined,
  };
}

export const noResults: BackupResults = { errors: emptyBackupResult, warnings: emptyBackupResult };

/** A volume state with `done` and the given counts. */
export function volumeState(done: boolean, failed = 0, attempted = 1): VolumeOperationsState {
  return {
    counts: {
      backupItemOperationsAttempted: attempted,
      backupItemOperationsCompleted: done ? attempted - failed : 0,
      backupItemOperationsFailed: failed,
      csiVolumeSnapshotsAttempted: attempted,
      csiVolumeSnapshotsCompleted: done ? attempted - failed : 0,
    },
    done,
    results: failed > 0 ? { ...noResults, errors: { ...emptyBackupResult, namespaces: { app: [' message: /upload failed'] } } } : noResults,
    volumeInfo: [],
    podVolumeBackups: [],
    itemOperations: [],
  };
}

const untouchedTarball = { addedEntries: [], replacedEntries: [], resourceListAdditions: {}, tarballBytes: 0 };

/**
 * A reporter that notes `record <backup> <n>` and `seal <backup> <uid> [keys]` in `calls`; the
 * first `failSeals` seals reject as an absent volume-info would.
 */
export function fakeVolumeReporter(calls: string[], failSeals = 0): VolumeReporter {
  let failures = failSeals;
  return {
    record: (target, items) => (calls.push(`record ${target.name} ${items.length}`), Promise.resolve()),
    seal: (target, inputs) => {
      calls.push(`seal ${target.name} ${target.uid} [${inputs.map((i) => i.volumeKey).join(' ')}]`);
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(new Error('no responders for volumeinfo.seal'));
      }
      return Promise.resolve({ target, key: 'volumeinfo', volumes: inputs.length, sealedAt: '2026-12-06T20:00:00.000Z' });
    },
  };
}

/** Everything a spec drives: the stored Backups, the bucket, the scripted collaborators and what they saw. */
export function stepHarness(options: { collect?: ResourceBackup; states?: VolumeOperationsState[]; now?: Date; failSeals?: number } = {}) {
  const backups = new Map<string, Backup>();
  const store = memoryStore();
  const calls: string[] = [];
  const states = [...(options.states ?? [volumeState(true, 0, 0)])];
  const nextState = (): VolumeOperationsState => (states.length > 1 ? states.shift()! : states[0]!);
  const volumes: BackupVolumeOperations = {
    start: () => (calls.push('start'), Promise.resolve(nextState())),
    check: () => (calls.push('check'), Promise.resolve(nextState())),
    cancel: () => (calls.push('cancel'), Promise.resolve()),
    finish: () => (calls.push('finish'), Promise.resolve()),
  };
  const collect: ResourceBackup =
    options.collect ??
    (async (request) => {
      await request.store.putObject(request.tarballKey, 'tarball');
      request.onProgress?.({ totalItems: 2, itemsBackedUp: 2 });
      return {
        progress: { totalItems: 2, itemsBackedUp: 2 },
        resourceList: { 'v1/ConfigMap': ['app/c'] },
        results: noResults,
        tarballBytes: 7,
        apiRequests: 3,
        pods: [],
        persistentVolumeClaims: [{ namespace: 'app', name: 'data' }],
      };
    });
  let version = 1;
  const context: BackupStepContext = {
    logger: silentLogger,
    resourceBackup: collect,
    volumes,
    volumeReporter: fakeVolumeReporter(calls, options.failSeals),
    finalizeTarball: () => (calls.push('finalize tarball'), Promise.resolve(untouchedTarball)),
    write: (namespace, name, mutate) => {
      const current = backups.get(`${namespace}/${name}`);
      const next = current && mutate(current);
      if (!next) return Promise.resolve(undefined);
      version += 1;
      const stored = { ...next, metadata: { ...next.metadata, resourceVersion: String(version) } };
      backups.set(`${namespace}/${name}`, stored);
      return Promise.resolve(stored);
    },
    read: (namespace, name) => Promise.resolve(backups.get(`${namespace}/${name}`)),
    openFiles: (backup) => {
      const keys = backupFileKeys('p', backup.metadata.name ?? '');
      return Promise.resolve({ files: new BackupFiles(store, keys), store, tarballKey: keys.contents });
    },
    loadPolicies: () => Promise.resolve({ outcome: { kind: 'none' } }),
    now: () => options.now ?? new Date('2026-12-06T20:00:00Z'),
  };
  const add = (backup: Backup): void => void backups.set(`${backup.metadata.namespace}/${backup.metadata.name}`, backup);
  return { backups, store, calls, context, add, get: (key: string) => backups.get(key) };
}
