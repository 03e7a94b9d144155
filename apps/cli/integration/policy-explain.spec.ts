import { setTimeout as sleep } from 'node:timers/promises';
import type { V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { loadEnvironmentInfo } from '@ferry/devenv/testing';
import { ExitCode, runCli, veleroResources, type CliIo } from '@ferry/ferry-cli';
import { createKubeClient } from '@ferry/kube';
import { planBackup } from '@ferry/policy-service';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (text: string) => void (io.stdout += text), err: (text: string) => void (io.stderr += text) };
  return io;
}

/**
 * `ferry policy explain` against the real API server: volumes, pods, a policy ConfigMap and a
 * Backup are created for real, and the printed table says per volume what happens and why.
 */
describe('ferry policy explain - against the cluster', () => {
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: loadEnvironmentInfo().kubeconfigPath });
  const suffix = Date.now().toString(36);
  const app = `cli-app-${suffix}`;
  const ferry = `cli-ferry-${suffix}`;
  const dependencies = {
    connect: () => veleroResources(kube),
    now: () => Date.now(),
    defaultNamespace: ferry,
    planBackup: (backup: { namespace: string; name: string }) => planBackup(kube, backup, { serviceNamespace: ferry }),
  };

  async function claim(name: string, storageClassName: string): Promise<void> {
    const body: V1PersistentVolumeClaim = {
      metadata: { name },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName, resources: { requests: { storage: '1Gi' } } },
    };
    await kube.core.createNamespacedPersistentVolumeClaim({ namespace: app, body });
  }

  beforeAll(async () => {
    for (const name of [app, ferry]) await kube.core.createNamespace({ body: { metadata: { name } } });
    await claim('db', 'standard');
    await claim('logs', 'standard');
    await kube.core.createNamespacedPod({
      namespace: app,
      body: {
        metadata: { name: 'web', annotations: { 'backup.velero.io/backup-volumes': 'cache' } },
        spec: {
          containers: [{ name: 'web', image: 'nginx' }],
          volumes: [
            { name: 'db', persistentVolumeClaim: { claimName: 'db' } },
            { name: 'logs', persistentVolumeClaim: { claimName: 'logs' } },
            { name: 'cache', emptyDir: {} },
          ],
        },
      },
    });
    await kube.core.createNamespacedConfigMap({
      namespace: ferry,
      body: {
        metadata: { name: 'policies' },
        data: { 'policies.yaml': 'version: v1\nvolumePolicies:\n- conditions: {storageClass: [standard]}\n  action: {type: snapshot}\n' },
      },
    });
    await kube.customObjects.createNamespacedCustomObject({
      group: 'velero.io',
      version: 'v1',
      namespace: ferry,
      plural: 'backups',
      body: {
        apiVersion: 'velero.io/v1',
        kind: 'Backup',
        metadata: { name: 'nightly' },
        spec: { includedNamespaces: [app], resourcePolicy: { kind: 'ConfigMap', name: 'policies' } },
      },
    });
    for (;;) {
      const claims = await kube.core.listNamespacedPersistentVolumeClaim({ namespace: app });
      if (claims.items.every((item) => item.status?.phase === 'Bound')) break;
      await sleep(100);
    }
  });

  it('prints each volume with its approach, action and the policy that decided', async () => {
    const io = capture();
    expect(await runCli(['policy', 'explain', '--backup', 'nightly'], io, dependencies)).toBe(ExitCode.Ok);

    expect(io.stdout).toMatch(new RegExp(`Volume policies: ${ferry}/policies \\(backup\\)`));
    expect(io.stdout).toMatch(new RegExp(`^pvc ${app}/db\\s+snapshot\\s+snapshot\\s+perform: volumePolicies\\[0\\]`, 'm'));
    expect(io.stdout).toMatch(new RegExp(`^pvc ${app}/logs\\s+snapshot\\s+snapshot\\s+perform`, 'm'));
    // The opted-in emptyDir is fs-backed up by the legacy annotation: no policy matched it.
    expect(io.stdout).toMatch(
      new RegExp(`^pod ${app}/web volume cache\\s+fs-backup\\s+-\\s+perform: .*backup.velero.io/backup-volumes`, 'm'),
    );
    // The PVC volumes of the pod are snapshotted by the policy, so not fs-backed up.
    expect(io.stdout).toMatch(new RegExp(`^pod ${app}/web volume db\\s+fs-backup\\s+snapshot\\s+skip`, 'm'));
  });

  it('prints the plan as JSON with -o json', async () => {
    const io = capture();
    expect(await runCli(['policy', 'explain', '--backup', 'nightly', '-o', 'json'], io, dependencies)).toBe(ExitCode.Ok);
    const plan = JSON.parse(io.stdout) as { summary: { perform: number; skip: number; error: number }; stats: { apiRequests: number } };
    // perform: 2 PVCs and their 2 PVs snapshotted, the cache fs-backed up; skip: fs-backup of the 2 PVC volumes.
    expect(plan.summary).toEqual({ perform: 5, skip: 2, error: 0 });
    expect(plan.stats.apiRequests).toBeLessThanOrEqual(8);
  });

  it('fails with exit 1 naming a Backup that does not exist', async () => {
    const io = capture();
    expect(await runCli(['policy', 'explain', '--backup', 'missing'], io, dependencies)).toBe(ExitCode.Failure);
    expect(io.stderr).toMatch(new RegExp(`cannot plan backup ${ferry}/missing: .*not found`));
  });
});
