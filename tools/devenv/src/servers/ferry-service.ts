import { join, resolve } from 'node:path';
import { freePort } from '../free-port';
import { httpOk, startProcess, type ManagedProcess } from '../managed-process';

/** A Ferry service (one of `apps/*`) running from source against the environment. */
export interface FerryServiceProcess {
  readonly process: ManagedProcess;
  readonly name: string;
  /** Base URL of its HTTP API. */
  readonly url: string;
}

/** Where the environment's services find NATS and the API server, and which namespace is Ferry's. */
export interface FerryServiceTarget {
  readonly natsUrl: string;
  readonly kubeconfigPath: string;
  readonly namespace: string;
}

const repositoryRoot = resolve(__dirname, '../../../..');

/** One instance of a service: its app, an instance name (`mover-node-1`), its own variables. */
export interface FerryServiceInstance {
  /** The app under `apps/`. */
  readonly app: string;
  /** Process and log name; default the app's. */
  readonly name?: string;
  /** Variables of this instance (e.g. `FERRY_NODE_NAME` of a mover). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Starts `apps/<app>/src/main.ts` with Node and tsx (TypeScript and the tsconfig path aliases, no
 * build step) on a free loopback port, configured through its environment like in a cluster, and
 * resolves once its `/readyz` answers 200. Its log goes to `<stateDir>/<name>.log`.
 */
export async function startFerryService(instance: FerryServiceInstance, stateDir: string, target: FerryServiceTarget): Promise<FerryServiceProcess> {
  const name = instance.name ?? instance.app;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const process = await startProcess({
    name: `ferry-${name}`,
    command: globalThis.process.execPath,
    args: ['--import', 'tsx', join(repositoryRoot, 'apps', instance.app, 'src', 'main.ts')],
    env: {
      NATS_URL: target.natsUrl,
      KUBECONFIG: target.kubeconfigPath,
      FERRY_NAMESPACE: target.namespace,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      // No collector runs here; spans are still created and propagated.
      OTEL_TRACES_EXPORTER: 'none',
      ...instance.env,
    },
    cwd: repositoryRoot,
    logFile: join(stateDir, `${name}.log`),
    isReady: () => httpOk(`${url}/readyz`),
    readyTimeoutMs: 60_000,
  });
  return { process, name, url };
}
