import { join } from 'node:path';
import { freePort } from '../free-port';
import { httpOk, type ManagedProcess } from '../managed-process';
import type { NatsCredentials } from '@ferry/nats';
import { startSupervisedProcess, type SupervisionOptions } from '../supervised-process';
import { writeNatsAuthorization } from './nats-auth';

/** A running nats-server with JetStream and authorization. */
export interface NatsServer {
  /** Restarted when it crashes, as Kubernetes restarts a container; `pid` is the current one's. */
  readonly process: ManagedProcess;
  readonly url: string;
  readonly monitorUrl: string;
}

/** Options of {@link startNats}. */
export interface NatsServerOptions {
  /** Config file with the `authorization` block (see `writeNatsAuthorization`): only its users may connect. */
  readonly configFile: string;
  /** Supervision hooks (restart delay, pid recording). */
  readonly supervision?: SupervisionOptions;
}

/**
 * Starts nats-server with JetStream storing under `stateDir/nats` and the authorization of
 * `options.configFile`, on loopback ports that stay the same across restarts: a crashed server
 * is started again with its stored streams, and clients reconnect to the same URL.
 */
export async function startNats(binary: string, stateDir: string, options: NatsServerOptions): Promise<NatsServer> {
  const [port, monitorPort] = [await freePort(), await freePort()];
  const monitorUrl = `http://127.0.0.1:${monitorPort}`;
  const process = await startSupervisedProcess(
    {
      name: 'nats-server',
      command: binary,
      // The config holds passwords: it is a file (0600), never argv.
      args: [
        '-c',
        options.configFile,
        '-a',
        '127.0.0.1',
        '-p',
        String(port),
        '-m',
        String(monitorPort),
        '-js',
        '-sd',
        join(stateDir, 'nats'),
      ],
      logFile: join(stateDir, 'nats.log'),
      isReady: () => httpOk(`${monitorUrl}/healthz?js-enabled-only=true`),
      readyTimeoutMs: 20_000,
    },
    options.supervision,
  );
  return { process, url: `nats://127.0.0.1:${port}`, monitorUrl };
}

/** A running nats-server with Ferry's authorization, and the test identity's credentials. */
export interface SecuredNatsServer extends NatsServer {
  readonly testCredentials: NatsCredentials;
}

/**
 * Writes the credentials of every identity (Ferry's namespace and the test pool, movers on
 * `nodes`) and starts nats-server with that authorization (see {@link startNats}).
 */
export async function startSecuredNats(
  binary: string,
  stateDir: string,
  nodes: readonly string[],
  supervision?: SupervisionOptions,
): Promise<SecuredNatsServer> {
  const authorization = await writeNatsAuthorization(stateDir, nodes);
  const server = await startNats(binary, stateDir, { configFile: authorization.configFile, ...(supervision ? { supervision } : {}) });
  return { ...server, testCredentials: authorization.testCredentials };
}
