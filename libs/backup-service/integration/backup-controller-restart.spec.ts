// Restart safety: the controller app is SIGKILLed while a Backup runs; the restarted controller
// (the next leader) finishes it Completed with a whole tarball — never stuck InProgress, never a
// half tarball marked complete.
import { backupFileKeys } from '@ferry/storage-location';
import type { Backup } from '@ferry/api';
import { eventually } from '@ferry/devenv/testing';
import { tarballEntries } from './backup-bucket-reading';
import { startApplicationHarness, type ApplicationHarness } from '@ferry/devenv/testing';

const configMaps = 300;

describe('backup controller - SIGKILL mid-backup', () => {
  let h: ApplicationHarness;

  beforeAll(async () => {
    h = await startApplicationHarness('restart');
    await h.filledClaim('moved', {});
    for (let i = 0; i < configMaps; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          h.kube.core.createNamespacedConfigMap({
            namespace: h.appNamespace,
            body: { metadata: { name: `config-${i + j}` }, data: { value: 'x'.repeat(2000) } },
          }),
        ),
      );
    }
  }, 360_000);

  afterAll(async () => {
    await h?.close();
  }, 120_000);

  it('the restarted controller finishes the backup Completed with the whole tarball', async () => {
    await h.backups.create({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name: 'interrupted', namespace: h.namespace },
      spec: { includedNamespaces: [h.appNamespace], snapshotMoveData: true },
    });
    // The watch sees InProgress as soon as the API server stores it.
    await eventually('backup InProgress', () => (h.phasesSeen.get('interrupted') ?? []).includes('InProgress'), 60_000);
    const running: Backup = await h.backups.get(h.namespace, 'interrupted');
    await h.killController();
    const afterKill = await h.backups.get(h.namespace, 'interrupted');
    expect(['InProgress', 'WaitingForPluginOperations', 'Finalizing']).toContain(afterKill.status?.phase);

    await h.startController();
    const done = await h.backupIn('interrupted', ['Completed', 'PartiallyFailed', 'Failed']);
    expect(done.status?.phase).toBe('Completed');
    expect(done.status?.startTimestamp).toBeDefined();
    expect(running.metadata.uid).toBe(done.metadata.uid);
    const entries = await tarballEntries(h.store, backupFileKeys(h.prefix, 'interrupted').contents);
    const stored = [...entries.keys()].filter((name) => name.startsWith(`resources/configmaps/namespaces/${h.appNamespace}/config-`));
    expect(stored).toHaveLength(configMaps);
    expect(done.status?.progress).toMatchObject({ totalItems: done.status?.progress?.itemsBackedUp });
    const metadata = JSON.parse(
      Buffer.from((await h.store.getObject(backupFileKeys(h.prefix, 'interrupted').metadata))!).toString(),
    ) as Backup;
    expect(metadata.status?.phase).toBe('Completed');
  });
});
