// The restore finalizer against the real API server and MinIO: a finished Restore carries Velero's
// finalizer; deleting it deletes its files under `restores/<r>/` (and only those), then the object
// goes; a location that is unavailable releases the Restore with its files left in place. The
// restore volume info file volume-info sealed is among the files deleted.
import { gunzipSync } from 'node:zlib';
import { backupStorageLocationDefinition, type BackupStorageLocation } from '@ferry/api';
import { eventually } from '@ferry/devenv/testing';
import { createCustomResourceClient } from '@ferry/kube';
import { restoreFileKeys, restorePrefixKey } from '@ferry/storage-location';
import { kube, restores, useRestoreWorld } from './restore-harness';

const finalizer = 'restores.velero.io/external-resources-finalizer';
const locations = createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition);

describe('restore service - restore deletion (the restore finalizer)', () => {
  const world = useRestoreWorld('rdel');
  const files = (restore: string) => world.store.listKeys(restorePrefixKey(world.prefix, restore));
  const gone = (restore: string) =>
    eventually(
      `Restore ${restore} gone`,
      async () => {
        if (await restores.find(world.velero, restore)) throw new Error('still there');
        return true;
      },
      30_000,
    );
  const withFinalizer = (restore: string) =>
    eventually(
      `Restore ${restore} has the finalizer`,
      async () => {
        const current = await restores.get(world.velero, restore);
        if (!current.metadata?.finalizers?.includes(finalizer)) throw new Error(`finalizers ${String(current.metadata?.finalizers)}`);
        return true;
      },
      30_000,
    );

  it("deletes the restore's files, then the Restore; another restore's files stay", async () => {
    const to = world.target();
    await world.restore({ backupName: 'b-app', namespaceMapping: { [world.app]: to } }, 'r-del');
    await world.restore({ backupName: 'b-app', namespaceMapping: { [world.app]: to }, existingResourcePolicy: 'none' }, 'r-del-keep');
    await withFinalizer('r-del');
    // The volume document volume-info sealed while the restore finalized (no restore- prefix).
    const key = restoreFileKeys(world.prefix, 'r-del').volumeInfo;
    expect(key).toBe(`${world.prefix}/restores/r-del/r-del-volumeinfo.json.gz`);
    expect(JSON.parse(gunzipSync((await world.store.getObject(key)) ?? new Uint8Array()).toString())).toEqual(expect.any(Array));
    expect((await files('r-del')).sort()).toEqual(
      [key, ...Object.values(restoreFileKeys(world.prefix, 'r-del')).filter((file) => file !== key)].sort(),
    );
    const kept = await files('r-del-keep');
    expect(kept.length).toBeGreaterThanOrEqual(4);

    await restores.delete(world.velero, 'r-del');
    await gone('r-del');
    expect(await files('r-del')).toEqual([]);
    expect(await files('r-del-keep')).toEqual(kept);
  });

  it('releases a Restore whose location is unavailable, leaving its files', async () => {
    const to = world.target();
    await world.restore({ backupName: 'b-app', namespaceMapping: { [world.app]: to } }, 'r-unavailable');
    await withFinalizer('r-unavailable');
    const before = await files('r-unavailable');
    expect(before.length).toBeGreaterThanOrEqual(4);
    await locations.patch(world.velero, world.bsl, { status: { phase: 'Unavailable' } });
    try {
      await restores.delete(world.velero, 'r-unavailable');
      await gone('r-unavailable');
      expect(await files('r-unavailable')).toEqual(before);
    } finally {
      await locations.patch(world.velero, world.bsl, { status: { phase: 'Available' } });
    }
  });

  it('releases a Restore that failed validation (no backup, no files)', async () => {
    const failed = await world.restore({ backupName: 'no-such-backup' }, 'r-invalid');
    expect(failed.status?.phase).toBe('FailedValidation');
    await withFinalizer('r-invalid');
    await restores.delete(world.velero, 'r-invalid');
    await gone('r-invalid');
  });
});
