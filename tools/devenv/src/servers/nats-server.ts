import { join } from 'node:path';
import { freePort } from '../free-port';
import { httpOk, startProcess, type ManagedProcess } from '../managed-process';

/** A running nats-server with JetStream. */
export interface NatsServer {
  readonly process: ManagedProcess;
  readonly url: string;
  readonly monitorUrl: string;
}

/** Starts nats-server with JetStream storing under `stateDir/nats`. */
export async function startNats(binary: string, stateDir: string): Promise<NatsServer> {
  const [port, monitorPort] = [await freePort(), await freePort()];
  const monitorUrl = `http://127.0.0.1:${monitorPort}`;
  const process = await startProcess({
    name: 'nats-server',
    command: binary,
    args: ['-a', '127.0.0.1', '-p', String(port), '-m', String(monitorPort), '-js', '-sd', join(stateDir, 'nats')],
    logFile: join(stateDir, 'nats.log'),
    isReady: () => httpOk(`${monitorUrl}/healthz?js-enabled-only=true`),
    readyTimeoutMs: 20_000,
  });
  return { process, url: `nats://127.0.0.1:${port}`, monitorUrl };
}
