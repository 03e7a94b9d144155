import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { DevEnvError, DevEnvErrorCode } from './errors';

/** Absolute paths of the environment's binaries, all from the versioned cache. */
export interface Binaries {
  readonly etcd: string;
  readonly kubeApiServer: string;
  readonly natsServer: string;
  readonly minio: string;
  readonly restic: string;
  readonly kopia: string;
  readonly jaeger: string;
  /** The real velero CLI (VELERO_VERSION), for conformance tests. */
  readonly velero: string;
  /** Velero's AWS object-store plugin (VELERO_PLUGIN_FOR_AWS_VERSION), for the Velero server of interoperability tests. */
  readonly veleroPluginForAws: string;
}

const installScript = resolve(__dirname, '../scripts/install-binaries.sh');

/**
 * Builds any missing binary into the cache (see scripts/install-binaries.sh; minutes on a fresh
 * machine, its progress goes to this process's stderr) and returns their paths. A warm cache makes
 * this a few hundred milliseconds.
 */
export async function ensureBinaries(): Promise<Binaries> {
  const binDir = await new Promise<string>((resolvePath, reject) => {
    const child = spawn('bash', [installScript], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const lastLine = stdout.trim().split('\n').pop();
      if (code === 0 && lastLine) resolvePath(lastLine);
      else
        reject(
          new DevEnvError(
            DevEnvErrorCode.BinariesUnavailable,
            `${installScript} failed with exit code ${code}; see its output above`,
            true,
          ),
        );
    });
  });
  return {
    etcd: join(binDir, 'etcd'),
    kubeApiServer: join(binDir, 'kube-apiserver'),
    natsServer: join(binDir, 'nats-server'),
    minio: join(binDir, 'minio'),
    restic: join(binDir, 'restic'),
    kopia: join(binDir, 'kopia'),
    jaeger: join(binDir, 'jaeger'),
    velero: join(binDir, 'velero'),
    veleroPluginForAws: join(binDir, 'velero-plugin-for-aws'),
  };
}
