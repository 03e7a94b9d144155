// A real Velero server (the `velero server` of the cached velero binary, with the AWS object-store
// plugin) in its own namespace of the environment, for the interoperability tests: it writes
// backups into the same bucket Ferry reads and restores the backups Ferry writes. It runs its
// controllers only (no node-agent, so no pod volume or data movement work), as the devenv's other
// servers run: a process on loopback, its output in a log file of the state folder.
import { mkdir, symlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { KubeClient } from '@ferry/kube';
import type { Binaries } from '../binaries';
import { freePort } from '../free-port';
import { httpOk, startProcess, type ManagedProcess } from '../managed-process';
import { ignoreExisting } from '../storage-location';

/** Where and how one Velero server runs. */
export interface VeleroServerOptions {
  readonly binaries: Binaries;
  readonly kubeconfigPath: string;
  readonly stateDir: string;
  /** Velero's namespace (its `--namespace`): it must exist; the server reads its CRs there only. */
  readonly namespace: string;
  /** Velero's `--backup-sync-period` and `--store-validation-frequency` (tests: a few seconds). */
  readonly syncPeriod: string;
}

/**
 * Starts `velero server` for `options.namespace` with the AWS plugin; ready once it serves its
 * metrics. Velero looks up its own Deployment `velero` (restores read the server's image from it),
 * so a Deployment of that name is created in the namespace first; nothing runs it.
 */
export async function startVeleroServer(kube: KubeClient, options: VeleroServerOptions): Promise<ManagedProcess> {
  const { binaries, namespace, stateDir } = options;
  await ignoreExisting(
    kube.apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'velero', labels: { component: 'velero' } },
        spec: {
          replicas: 0,
          selector: { matchLabels: { component: 'velero' } },
          template: {
            metadata: { labels: { component: 'velero' } },
            spec: { containers: [{ name: 'velero', image: 'velero/velero:v1.18.3' }] },
          },
        },
      },
    }),
  );
  const pluginDir = join(stateDir, `velero-${namespace}-plugins`);
  await mkdir(pluginDir, { recursive: true });
  await symlink(binaries.veleroPluginForAws, join(pluginDir, basename(binaries.veleroPluginForAws))).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  });
  const metrics = `127.0.0.1:${await freePort()}`;
  return startProcess({
    name: `velero-server-${namespace}`,
    command: binaries.velero,
    args: [
      'server',
      `--kubeconfig=${options.kubeconfigPath}`,
      `--namespace=${namespace}`,
      `--plugin-dir=${pluginDir}`,
      `--metrics-address=${metrics}`,
      `--profiler-address=127.0.0.1:${await freePort()}`,
      `--backup-sync-period=${options.syncPeriod}`,
      `--store-validation-frequency=${options.syncPeriod}`,
      '--uploader-type=kopia',
    ],
    env: { VELERO_NAMESPACE: namespace, HOME: stateDir },
    logFile: join(stateDir, `velero-server-${namespace}.log`),
    isReady: () => httpOk(`http://${metrics}/metrics`),
    readyTimeoutMs: 60_000,
  });
}
