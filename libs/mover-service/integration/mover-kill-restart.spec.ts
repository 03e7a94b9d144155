import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeTree } from '@ferry/devenv';
import { buildDataTree, eventually, type FerryServiceProcess, startFerryService } from '@ferry/devenv/testing';
import { createKopiaUploader } from '@ferry/uploader';
import { createRepositoryAccessResolver, findToolProcesses } from '../src/index';
import { startMoverHarness, type MoverHarness } from './mover-test-harness';

describe('mover process - SIGKILL mid-backup, and fs-backup of a workload pod volume', () => {
  let h: MoverHarness;
  const apps: FerryServiceProcess[] = [];
  beforeAll(async () => {
    h = await startMoverHarness('kill');
  });
  afterAll(async () => {
    for (const app of apps) await app.process.kill('SIGKILL');
    await h.close();
  });

  it('SIGKILL of apps/mover mid-backup: after a restart the job completes, the restore is identical, no tool process is left', async () => {
    const node = h.info.nodes[0]?.name ?? 'node-missing';
    const settings = await h.settings(node);
    // The real app, configured as the benchmark and the DaemonSet configure it.
    const services = {
      natsUrl: h.info.natsUrl,
      kubeconfigPath: h.info.kubeconfigPath,
      namespace: h.namespace,
      natsNamespace: h.contracts.namespace,
    };
    const startChild = () =>
      startFerryService(
        {
          app: 'mover',
          name: `${h.namespace}-mover`,
          env: {
            FERRY_NODE_NAME: node,
            FERRY_KUBELET_ROOT: settings.kubeletRoot,
            FERRY_MOVER_WORK_DIR: settings.workDir,
            FERRY_MOVER_JOB_ACK_WAIT: '3s',
            FERRY_RESTIC_BINARY: settings.resticBinary,
            FERRY_KOPIA_BINARY: settings.kopiaBinary,
          },
        },
        h.info.stateDir,
        services,
      ).then((app) => (apps.push(app), app));
    const source = await h.volume(node);
    await buildDataTree(source.path, { largeFileBytes: 400 * 1024 * 1024, smallFiles: 200, smallFileBytes: 512 });
    const job = h.backupJob(node, source, { uploader: 'restic' });

    const first = await startChild();
    await h.send(node, job);
    await eventually('bytes moving', () => h.progress.some((p) => p.jobId === job.jobId && p.bytesDone > 0), 60_000);
    // Restic writes its progress to the mover's pipe once a second and dies of the broken pipe at the
    // next write after its parent is gone. Stopped first, it stays behind for certain: the orphan the
    // next mover must stop.
    const orphans = (await findToolProcesses(settings.workDir)).map((tool) => tool.pid);
    expect(orphans.length).toBeGreaterThan(0);
    for (const pid of orphans) process.kill(pid, 'SIGSTOP');
    await first.process.kill('SIGKILL');
    expect(h.results).toEqual([]);
    expect((await findToolProcesses(settings.workDir)).map((tool) => tool.pid)).toEqual(orphans);

    const second = await startChild();
    // Gone once the new mover is ready (its own tools for the redelivered job may already run).
    const alive = (await findToolProcesses(settings.workDir)).map((tool) => tool.pid);
    expect(alive.filter((pid) => orphans.includes(pid))).toEqual([]);
    const result = await h.result(job.jobId, 180_000);
    expect(result).toMatchObject({ outcome: 'completed', summary: { path: source.path } });

    const target = await h.volume(node);
    const restore = h.restoreJob(target, result.summary?.snapshotId ?? '', { uploader: 'restic' });
    await h.send(node, restore);
    expect((await h.result(restore.jobId, 180_000)).outcome).toBe('completed');
    expect(await describeTree(target.path)).toEqual(await describeTree(source.path));
    expect(await findToolProcesses(settings.workDir)).toEqual([]);
    await second.process.stop();
  });

  it('PodVolumeBackup / PodVolumeRestore jobs on a workload pod volume of the node simulator', async () => {
    const mover = await h.startMover(h.info.nodes[1]?.name ?? 'node-missing');
    const { core } = h.kube;
    const ns = h.namespace;
    await core.createNamespacedPersistentVolumeClaim({
      namespace: ns,
      body: {
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } },
      },
    });
    const node = h.info.nodes[1]?.name ?? '';
    const createPod = (name: string) =>
      core.createNamespacedPod({
        namespace: ns,
        body: {
          metadata: { name },
          spec: {
            nodeSelector: { 'kubernetes.io/hostname': node },
            containers: [{ name: 'app', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
            volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
          },
        },
      });
    await createPod('workload');
    const pod = await eventually('the workload pod running', async () => {
      const found = await core.readNamespacedPod({ name: 'workload', namespace: ns });
      return found.status?.phase === 'Running' ? found : undefined;
    });
    const pvName = (await core.readNamespacedPersistentVolumeClaim({ name: 'data', namespace: ns })).spec?.volumeName ?? '';
    const root = h.info.nodes[1]?.root ?? '';
    const mount = join(root, 'pods', pod.metadata?.uid ?? '', 'volumes', 'kubernetes.io~csi', pvName, 'mount');
    await writeFile(join(mount, 'orders.db'), randomBytes(3 * 1024 * 1024));
    const volume = { podUid: pod.metadata?.uid ?? '', volumeDir: pvName };
    const pvb = h.backupJob(node, volume, {
      operation: { kind: 'PodVolumeBackup', namespace: ns, name: 'pvb-1' },
      sourceName: `${ns}/workload/data`,
      uploader: 'kopia',
    });
    await h.send(node, pvb);
    const backedUp = await h.result(pvb.jobId);
    expect(backedUp).toMatchObject({
      outcome: 'completed',
      operation: { kind: 'PodVolumeBackup' },
      summary: { path: mount, emptyVolume: false },
    });
    const access = await createRepositoryAccessResolver({ kube: h.kube, namespace: ns, workDir: (await h.settings(node)).workDir }).resolve(
      'kopia',
      { backupStorageLocation: 'default', volumeNamespace: 'app' },
    );
    const listed = await createKopiaUploader({ binary: h.info.binaries.kopia }).listSnapshots(access, `${ns}/workload/data`);
    expect(listed.at(-1)?.tags).toMatchObject({ 'snapshot-requester': 'snapshot-pod-volume', 'snapshot-uploader': 'kopia' });

    const target = await h.volume(node);
    const pvr = h.restoreJob(target, backedUp.summary?.snapshotId ?? '', {
      operation: { kind: 'PodVolumeRestore', namespace: ns, name: 'pvr-1' },
      uploader: 'kopia',
    });
    await h.send(node, pvr);
    expect((await h.result(pvr.jobId)).outcome).toBe('completed');
    expect(await describeTree(target.path)).toEqual(await describeTree(mount));
    await core.deleteNamespacedPod({ name: 'workload', namespace: ns });
    await mover.stop();
  });
});
