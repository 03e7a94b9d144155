import { BackupPhase, type Backup } from '@ferry/api';
import { backupFileKeys } from '@ferry/storage-location';
import { stepHarness, volumeState } from '../testing/backup-step-fakes';
import { createBackupReconciler } from './backup-reconciler';
import { BackupRuns } from './backup-runs';
import { silentLogger } from '@ferry/kube';

const key = 'velero/nightly';
const keys = backupFileKeys('p', 'nightly');

function inProgress(startTimestamp = '2026-12-06T19:59:00Z'): Backup {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: { name: 'nightly', namespace: 'velero', uid: 'u-1', resourceVersion: '1' },
    spec: { storageLocation: 'default', ttl: '720h0m0s', itemOperationTimeout: '1h' },
    status: { version: 1, formatVersion: '1.1.0', phase: BackupPhase.InProgress, startTimestamp },
  };
}

/** Reconciles `key` until its phase stops changing, collecting the phases seen. */
async function drive(harness: ReturnType<typeof stepHarness>, rounds = 6): Promise<string[]> {
  let ended: () => void = () => undefined;
  const runs = new BackupRuns(1, silentLogger);
  const reconcile = createBackupReconciler({
    context: harness.context,
    preparation: { kube: undefined as never, locations: () => [], defaultLocationName: 'default', now: harness.context.now },
    backups: { get: (ns, name) => harness.get(`${ns}/${name}`) },
    runs,
    requeue: () => ended(),
    operationsPollMs: 10,
  });
  const phases: string[] = [harness.get(key)?.status?.phase ?? ''];
  for (let i = 0; i < rounds; i += 1) {
    const collectionEnded = new Promise<void>((resolve) => (ended = resolve));
    await reconcile(key, new AbortController().signal);
    if (runs.has(key)) await collectionEnded;
    const phase = harness.get(key)?.status?.phase ?? '';
    if (phase !== phases.at(-1)) phases.push(phase);
  }
  return phases;
}

describe('backup reconciler - from InProgress to the final phase', () => {
  it('without volume operations: Finalizing then Completed, the report sealed, every other file in the bucket, metadata last', async () => {
    const harness = stepHarness();
    harness.add(inProgress());
    expect(await drive(harness)).toEqual(['InProgress', 'Finalizing', 'Completed']);
    const stored = harness.get(key)!;
    expect(stored.status).toMatchObject({ phase: 'Completed', errors: 0, warnings: 0, progress: { totalItems: 2, itemsBackedUp: 2 } });
    expect(stored.status?.completionTimestamp).toBe('2026-12-06T20:00:00Z');
    const written = [...harness.store.objects.keys()];
    expect(written.sort()).toEqual(
      [
        keys.contents,
        keys.logs,
        keys.resourceList,
        keys.results,
        keys.podVolumeBackups,
        keys.itemOperations,
        keys.volumeSnapshots,
        keys.metadata,
      ].sort(),
    );
    expect(written.at(-1)).toBe(keys.metadata);
    expect(JSON.parse(harness.store.text(keys.metadata)!)).toMatchObject({ kind: 'Backup', status: { phase: 'Completed' } });
    expect(harness.store.text(keys.resourceList)).toBe('{"v1/ConfigMap":["app/c"]}\n');
    expect(harness.store.text(keys.podVolumeBackups)).toBe('null\n');
    expect(harness.store.text(keys.itemOperations)).toBe('[]\n');
    expect(harness.store.text(keys.logs)).toMatch(
      /^time="2026-12-06T20:00:00Z" level=info msg="Setting up backup log" backup=velero\/nightly\n/,
    );
    expect(harness.calls).toEqual(['start', 'check', 'seal nightly u-1 []', 'finalize tarball', 'finish']);
  });

  it('stays Finalizing while volume-info does not seal, and completes once it does', async () => {
    const harness = stepHarness({ failSeals: 2 });
    harness.add({ ...inProgress(), status: { ...inProgress().status, phase: BackupPhase.Finalizing } });
    const reconcile = createBackupReconciler({
      context: harness.context,
      preparation: { kube: undefined as never, locations: () => [], defaultLocationName: 'default', now: harness.context.now },
      backups: { get: (ns, name) => harness.get(`${ns}/${name}`) },
      runs: new BackupRuns(1, silentLogger),
      requeue: () => undefined,
      operationsPollMs: 10,
    });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(reconcile(key, new AbortController().signal)).rejects.toThrow('no responders');
      expect(harness.get(key)?.status?.phase).toBe('Finalizing');
      expect(harness.store.objects.has(keys.metadata)).toBe(false);
    }
    await reconcile(key, new AbortController().signal);
    expect(harness.get(key)?.status?.phase).toBe('Completed');
    expect(harness.calls.filter((c) => c.startsWith('seal'))).toHaveLength(3);
  });

  it('records the volumes while operations run', async () => {
    const harness = stepHarness({ states: [volumeState(false), volumeState(true)] });
    harness.add(inProgress());
    await drive(harness);
    expect(harness.calls).toContain('record nightly 0');
  });

  it('with operations running: WaitingForPluginOperations until done; a failed one makes it PartiallyFailed', async () => {
    const harness = stepHarness({ states: [volumeState(false), volumeState(false), volumeState(true, 1)] });
    harness.add(inProgress());
    expect(await drive(harness)).toEqual(['InProgress', 'WaitingForPluginOperations', 'FinalizingPartiallyFailed', 'PartiallyFailed']);
    expect(harness.get(key)?.status).toMatchObject({ errors: 1, backupItemOperationsAttempted: 1, backupItemOperationsFailed: 1 });
    expect(harness.store.text(keys.results)).toBe('{"errors":{"namespaces":{"app":[" message: /upload failed"]}},"warnings":{}}\n');
  });

  it('operations past itemOperationTimeout are cancelled and counted as errors', async () => {
    const harness = stepHarness({ states: [volumeState(false)] });
    harness.add(inProgress('2026-12-06T18:00:00Z'));
    expect(await drive(harness)).toEqual(['InProgress', 'WaitingForPluginOperations', 'FinalizingPartiallyFailed', 'PartiallyFailed']);
    expect(harness.calls).toContain('cancel');
    expect(harness.store.text(keys.results)).toContain('Asynchronous action timed out, plugin: unknown');
  });

  it('a collection that cannot write the tarball fails the backup with the reason', async () => {
    const harness = stepHarness({ collect: () => Promise.reject(new Error('bucket refused the upload')) });
    harness.add(inProgress());
    expect(await drive(harness)).toEqual(['InProgress', 'Failed']);
    expect(harness.get(key)?.status).toMatchObject({
      failureReason: 'error backing up items: bucket refused the upload',
      completionTimestamp: '2026-12-06T20:00:00Z',
    });
    expect(JSON.parse(harness.store.text(keys.metadata)!)).toMatchObject({ status: { phase: 'Failed' } });
  });

  it('a name already complete in the bucket fails without touching its files', async () => {
    const harness = stepHarness();
    await harness.store.putObject(keys.metadata, 'theirs');
    harness.add(inProgress());
    expect(await drive(harness)).toEqual(['InProgress', 'Failed']);
    expect(harness.get(key)?.status?.failureReason).toBe('backup already exists in object storage');
    expect([...harness.store.objects.keys()]).toEqual([keys.metadata]);
    expect(harness.store.text(keys.metadata)).toBe('theirs');
  });

  it('a stale cache still showing InProgress after the collection ended starts no second collection', async () => {
    const harness = stepHarness();
    const stale = inProgress();
    harness.add({ ...stale, status: { ...stale.status, phase: BackupPhase.WaitingForPluginOperations } });
    const reconcile = createBackupReconciler({
      context: harness.context,
      preparation: { kube: undefined as never, locations: () => [], defaultLocationName: 'default', now: harness.context.now },
      backups: { get: () => stale },
      runs: new BackupRuns(1, silentLogger),
      requeue: () => undefined,
      operationsPollMs: 10,
    });
    await reconcile(key, new AbortController().signal);
    await new Promise((resolve) => setTimeout(resolve, 50)); // a collection started would have run by now
    expect(harness.calls).toEqual([]);
    expect(harness.store.objects.size).toBe(0);
  });

  it('terminal backups are left alone', async () => {
    const harness = stepHarness();
    harness.add({ ...inProgress(), status: { phase: BackupPhase.Completed } });
    expect(await drive(harness, 2)).toEqual(['Completed']);
    expect(harness.calls).toEqual([]);
  });
});
