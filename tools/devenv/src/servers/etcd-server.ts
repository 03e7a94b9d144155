import { join } from 'node:path';
import { freePort } from '../free-port';
import { httpOk, startProcess, type ManagedProcess } from '../managed-process';

/** A running etcd and the client URL the API server uses. */
export interface EtcdServer {
  readonly process: ManagedProcess;
  readonly clientUrl: string;
}

/** Starts a single-member etcd on loopback with its data under `stateDir/etcd`. */
export async function startEtcd(binary: string, stateDir: string): Promise<EtcdServer> {
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const clientUrl = `http://127.0.0.1:${clientPort}`;
  const peerUrl = `http://127.0.0.1:${peerPort}`;
  const process = await startProcess({
    name: 'etcd',
    command: binary,
    args: [
      `--data-dir=${join(stateDir, 'etcd')}`,
      `--listen-client-urls=${clientUrl}`,
      `--advertise-client-urls=${clientUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=default=${peerUrl}`,
      // A throwaway test store: durability is not worth the fsync latency.
      '--unsafe-no-fsync',
      '--log-level=warn',
    ],
    logFile: join(stateDir, 'etcd.log'),
    isReady: () => httpOk(`${clientUrl}/health`),
    readyTimeoutMs: 30_000,
  });
  return { process, clientUrl };
}
