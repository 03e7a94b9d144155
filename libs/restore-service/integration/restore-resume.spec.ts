// Restart safety against the real API server: a restore of 3000 ConfigMaps whose controller stops
// mid-way stays InProgress, and the next controller runs it to Completed; progress is monotone
// within each run and patched at most once a second.
import { eventually } from '@ferry/devenv/testing';
import { restoreFileKeys } from '@ferry/storage-location';
import { createConfigMaps, readGzipJson, writeBackup } from './restore-fixtures';
import { backups, kube, restores, useRestoreWorld } from './restore-harness';

const items = 3000;

describe('restore service - a controller stop mid-restore', () => {
  const world = useRestoreWorld('rsr');

  it('resumes a restore whose controller stopped mid-way, patching progress at most once a second', async () => {
    const many = world.target();
    // Enough items that the restore is still running a second after its first progress patch.
    await createConfigMaps(kube, many, items);
    await writeBackup(kube, world.store, backups, world.velero, world.bsl, 'b-many', [many]);
    await world.service?.stop();
    world.service = await world.start(1);
    const to = world.target();
    await restores.create({
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: { name: 'r-resume', namespace: world.velero },
      spec: { backupName: 'b-many', namespaceMapping: { [many]: to } },
    });
    await eventually(
      'some items restored',
      async () => ((await restores.get(world.velero, 'r-resume')).status?.progress?.itemsRestored ?? 0) > 20,
      30_000,
    );
    await world.service?.stop();
    world.service = undefined;
    const interrupted = await restores.get(world.velero, 'r-resume');
    expect(interrupted.status?.phase).toBe('InProgress');
    world.service = await world.start(1);
    const done = await world.finished('r-resume');
    expect(done.status?.phase).toBe('Completed');
    expect(done.metadata?.annotations?.['ferry.io/restore-attempts']).toBe('2');
    expect((await world.names(`/api/v1/namespaces/${to}/configmaps`)).length).toBe(items);
    const list = (await readGzipJson(world.store, restoreFileKeys(world.prefix, 'r-resume').resourceList)) as Record<string, string[]>;
    expect(list['v1/ConfigMap']).toHaveLength(items);
    expect(list['v1/ConfigMap']?.every((entry) => entry.endsWith('(created)'))).toBe(true);
    // The namespace made by the first run exists for the second, so it is not counted (as Velero's EnsureNamespace).
    expect(done.status?.progress).toEqual({ totalItems: items, itemsRestored: items });

    const observed = world.seen.get('r-resume') ?? [];
    expect(observed.length).toBeGreaterThan(2);
    // The resumed run counts again from its first item: one drop, each run monotone.
    const drop = observed.findIndex((sample, index) => index > 0 && sample.itemsRestored < (observed[index - 1]?.itemsRestored ?? 0));
    expect(drop).toBeGreaterThan(0);
    const runs = [observed.slice(0, drop), observed.slice(drop)];
    for (const run of runs) {
      const values = run.map((sample) => sample.itemsRestored);
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
    expect(observed.at(-1)).toEqual(expect.objectContaining({ totalItems: items, itemsRestored: items }));
    // At most one patch a second within a run, plus the final counts (counted on the watch's
    // receive times, so a late event cannot make two patches look closer than they were sent).
    for (const run of runs) {
      const seconds = ((run.at(-1)?.at ?? 0) - (run[0]?.at ?? 0)) / 1000;
      expect(run.length).toBeLessThanOrEqual(Math.floor(seconds) + 2);
    }
  });
});
