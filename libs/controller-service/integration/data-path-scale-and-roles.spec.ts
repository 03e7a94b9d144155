import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  dataMoverClassDefinition,
  VeleroObjectName,
  type DataMoverClass,
  type DataUpload,
  type PodVolumeBackup,
  type PodVolumeRestore,
} from '@ferry/api';
import { adminHeaders, buildDataTree, createTestNamespace, eventually, podWithClaim, runPod } from '@ferry/devenv/testing';
import { createCustomResourceClient } from '@ferry/kube';
import { startDataPathHarness, type DataPathHarness } from './data-path-harness';
import { createDataUpload, createFilledClaim, leftovers, readClaim, snapshotClaim, waitForPhase } from './volume-fixtures';

jest.setTimeout(600_000);

describe('data path at scale - 20 volumes over 2 nodes, loadConcurrency 2', () => {
  let h: DataPathHarness;
  beforeAll(async () => {
    h = await startDataPathHarness('scale', { nodeAgentConfig: { loadConcurrency: { globalConfig: 2 } } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('per-node limit held, all complete, no leftover claim, pod, snapshot or secret', async () => {
    const app = await createTestNamespace(h.kube, 'app-scale');
    const volumes = Array.from({ length: 20 }, (_, i) => `vol-${i}`);
    const sources = await Promise.all(
      volumes.map(async (claim) => {
        await createFilledClaim(h, app, claim, (dir) => writeFile(join(dir, 'data.bin'), randomBytes(8 * 1024 * 1024)));
        return { claim, snapshot: await snapshotClaim(h, app, claim) };
      }),
    );
    // All 20 start on a repository that does not exist yet: the movers of both nodes agree on its creator.
    const secretsBefore = (await h.kube.core.listNamespacedSecret({ namespace: h.namespace })).items.map((s) => s.metadata?.name);

    const maxPerNode = new Map<string, number>();
    const nodesUsed = new Set<string>();
    let watching = true;
    const headers = await adminHeaders();
    const watcher = (async () => {
      while (watching) {
        for (const [node, mover] of h.movers) {
          const body = (await fetch(`${mover.url}/v1/jobs`, { headers })
            .then((r) => r.json())
            .catch(() => ({ jobs: [] }))) as { jobs: unknown[] };
          maxPerNode.set(node, Math.max(maxPerNode.get(node) ?? 0, body.jobs.length));
          if (body.jobs.length > 0) nodesUsed.add(node);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const uploads = await Promise.all(sources.map((s) => createDataUpload(h, { namespace: app, claim: s.claim, snapshot: s.snapshot })));
    const names = uploads.map((u) => u.metadata?.name ?? '');
    const done = await Promise.all(
      names.map((name) => waitForPhase<DataUpload>(h.dataUploads, h.namespace, name, ['Completed'], 400_000)),
    ).finally(() => {
      watching = false;
    });
    await watcher;

    expect(done.every((du) => du.status?.snapshotID && du.status.progress?.totalBytes === 8 * 1024 * 1024)).toBe(true);
    expect(Math.max(...maxPerNode.values())).toBeLessThanOrEqual(2);
    expect([...maxPerNode.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
    expect(new Set(done.map((du) => du.status?.node)).size).toBe(2);
    await eventually('no intermediate objects', async () => (await leftovers(h, names)).length === 0 || undefined, 60_000);
    const secretsAfter = (await h.kube.core.listNamespacedSecret({ namespace: h.namespace })).items.map((s) => s.metadata?.name);
    // The repository password Secret comes with the first repository (as Velero's); nothing else stays.
    expect(secretsAfter.sort()).toEqual([...new Set([...secretsBefore, VeleroObjectName.RepositoryCredentialsSecret])].sort());
  });
});

describe('fs-backup and roles', () => {
  let h: DataPathHarness;
  let dm: DataPathHarness;
  beforeAll(async () => {
    h = await startDataPathHarness('fsb');
    dm = await startDataPathHarness('role', { role: 'data-mover', movers: 'none' });
  });
  afterAll(async () => {
    await h?.close();
    await dm?.close();
  });

  it('PodVolumeBackup of a workload pod volume, then PodVolumeRestore into a new pod - identical data', async () => {
    const app = await createTestNamespace(h.kube, 'app-fsb');
    const source = await createFilledClaim(h, app, 'data', (dir) =>
      buildDataTree(dir, { largeFileBytes: 4 * 1024 * 1024, smallFiles: 100, smallFileBytes: 300 }),
    );
    const workload = await runPod(h.kube, podWithClaim(app, 'workload', 'data'));
    const pvb = await h.podVolumeBackups.create({
      apiVersion: 'velero.io/v1',
      kind: 'PodVolumeBackup',
      metadata: { name: `pvb-${randomBytes(3).toString('hex')}`, namespace: h.namespace },
      spec: {
        node: workload.spec?.nodeName ?? '',
        pod: { kind: 'Pod', namespace: app, name: 'workload', uid: workload.metadata?.uid ?? '' },
        volume: 'data',
        backupStorageLocation: 'default',
        repoIdentifier: '',
        uploaderType: 'kopia',
        tags: { backup: 'b1' },
      },
    });
    const backedUp = await waitForPhase<PodVolumeBackup>(h.podVolumeBackups, h.namespace, pvb.metadata?.name ?? '', ['Completed'], 180_000);
    expect(backedUp.status?.snapshotID).toBeTruthy();
    expect(backedUp.status?.progress?.totalBytes).toBeGreaterThan(4 * 1024 * 1024);

    const target = await createTestNamespace(h.kube, 'restore-fsb');
    await h.kube.core.createNamespacedPersistentVolumeClaim({
      namespace: target,
      body: {
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } },
      },
    });
    await runPod(h.kube, podWithClaim(target, 'restored', 'data'));
    const pvr = await h.podVolumeRestores.create({
      apiVersion: 'velero.io/v1',
      kind: 'PodVolumeRestore',
      metadata: { name: `pvr-${randomBytes(3).toString('hex')}`, namespace: h.namespace },
      spec: {
        pod: { kind: 'Pod', namespace: target, name: 'restored' },
        volume: 'data',
        backupStorageLocation: 'default',
        repoIdentifier: '',
        uploaderType: 'kopia',
        snapshotID: backedUp.status?.snapshotID ?? '',
        sourceNamespace: app,
      },
    });
    const restored = await waitForPhase<PodVolumeRestore>(
      h.podVolumeRestores,
      h.namespace,
      pvr.metadata?.name ?? '',
      ['Completed'],
      180_000,
    );
    expect(h.info.nodes.map((n) => n.name)).toContain(restored.status?.node);
    expect(await readClaim(h, target, 'data')).toEqual(source);
  });

  it('role data-mover - a DataUpload with an empty datamover is left untouched; one naming a Ferry class is taken', async () => {
    const untouched = await createDataUpload(dm, { namespace: 'somewhere', claim: 'p', snapshot: 's' });
    const classes = createCustomResourceClient<DataMoverClass>(dm.kube, dataMoverClassDefinition);
    const className = `ferry-it-${randomBytes(3).toString('hex')}`;
    await classes.create({
      apiVersion: 'datamover.oadp.openshift.io/v1alpha1',
      kind: 'DataMoverClass',
      metadata: { name: className },
      spec: { mover: 'ferry', datamover: className },
    });
    try {
      // Taken even if the class reaches the controller's cache after the upload: the resync retries.
      const ours = await createDataUpload(dm, { namespace: 'somewhere', claim: 'p', snapshot: 's' }, { datamover: className });
      const taken = await waitForPhase<DataUpload>(
        dm.dataUploads,
        dm.namespace,
        ours.metadata?.name ?? '',
        ['Accepted', 'Prepared', 'InProgress', 'Failed'],
        30_000,
      );
      expect(taken.status?.acceptedByNode).toBe('ferry-controller-it');
      await new Promise((resolve) => setTimeout(resolve, 3_000)); // several resyncs (1 s)
      const left = await dm.dataUploads.get(dm.namespace, untouched.metadata?.name ?? '');
      expect(left.status).toBeUndefined();
      expect(left.metadata?.finalizers).toBeUndefined();
      expect(left.metadata?.resourceVersion).toBe(untouched.metadata?.resourceVersion);
    } finally {
      await classes.delete(undefined, className, { ignoreNotFound: true });
    }
  });
});
