import { join, resolve } from 'node:path';
import type { Binaries } from '../binaries';
import type { SimulatedNodeInfo } from '../environment-info';
import { freePort } from '../free-port';
import { httpOk, startProcess, type ManagedProcess } from '../managed-process';
import { FerryService } from '@ferry/contracts';
import { moverNatsCredentialsPath } from '@ferry/controller-service';
import { appNatsIdentity, ferryNatsNamespace, moverNatsCredentialsDir, natsCredentialsFile } from './nats-auth';
import { writeServiceKubeconfig } from './service-identity';

/** A Ferry service (one of `apps/*`) running from source against the environment. */
export interface FerryServiceProcess {
  readonly process: ManagedProcess;
  readonly name: string;
  /** Base URL of its HTTP API. */
  readonly url: string;
}

/** Where the services find NATS and the API server, which namespace is Ferry's, and its NATS namespace. */
export interface FerryServiceTarget {
  readonly natsUrl: string;
  /**
   * The admin's kubeconfig: it applies each service's ServiceAccount and RBAC from deploy/base;
   * the service itself gets a kubeconfig with its own account's token (never the admin's).
   */
  readonly kubeconfigPath: string;
  readonly namespace: string;
  /** `FERRY_NATS_NAMESPACE` (tests isolate themselves with their own); default Ferry's `ferry`. */
  readonly natsNamespace?: string;
  /** OTLP/HTTP endpoint the services export spans to (the environment's Jaeger); none: spans are not exported. */
  readonly otlpUrl?: string;
  /**
   * Base URL of the controller that issues movers their NATS identity: a mover then asks it with a
   * token bound to a pod on its node, as in a cluster (deploy/base). None: a mover reads its node's
   * credentials file.
   */
  readonly moverNatsIdentityIssuer?: string;
}

/**
 * The OpenTelemetry variables of a service instance: export to `otlpUrl` in short batches (a trace
 * is queryable within a second) with the instance name as `service.instance.id`, or no export. Pure.
 */
export function telemetryEnv(instanceName: string, otlpUrl: string | undefined): Record<string, string> {
  if (!otlpUrl) return { OTEL_TRACES_EXPORTER: 'none' };
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl,
    OTEL_BSP_SCHEDULE_DELAY: '500',
    OTEL_RESOURCE_ATTRIBUTES: `service.instance.id=${instanceName}`,
  };
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
  /**
   * When the start counts as done: `ready` (default) once `/readyz` answers 200, `alive` once
   * `/healthz` does — for a replica that stands by (leader election) and is never ready.
   */
  readonly readiness?: 'ready' | 'alive';
}

/** What per-node services need to know about the environment. */
export interface FerryServiceHosts {
  readonly nodes: readonly SimulatedNodeInfo[];
  readonly binaries: Pick<Binaries, 'restic' | 'kopia'>;
  /** Parent of each mover's work folder (`<workRoot>/mover-<node>`). */
  readonly workRoot: string;
}

/**
 * The instances of `app` as a cluster runs them: one, or for `mover` one per node (its DaemonSet)
 * reading that node's kubelet folder and running the environment's restic and kopia. `env` is
 * added to every instance. Pure.
 */
export function ferryServiceInstances(
  app: string,
  hosts: FerryServiceHosts,
  env: Readonly<Record<string, string>> = {},
): FerryServiceInstance[] {
  if (app !== 'mover') return [{ app, env }];
  return hosts.nodes.map((node) => ({
    app,
    name: `mover-${node.name}`,
    env: {
      FERRY_NODE_NAME: node.name,
      FERRY_KUBELET_ROOT: node.root,
      FERRY_MOVER_WORK_DIR: join(hosts.workRoot, `mover-${node.name}`),
      FERRY_RESTIC_BINARY: hosts.binaries.restic,
      FERRY_KOPIA_BINARY: hosts.binaries.kopia,
      ...env,
    },
  }));
}

/**
 * The NATS identity of an instance, for its contract namespace (Ferry's or one of the test pool):
 * `NATS_CREDENTIALS_FILE`, its own identity's file in the environment's state folder, or for a
 * mover with an issuer `NATS_CREDENTIALS_URL`; a controller also gets the folder of the movers'
 * identities it issues (`FERRY_MOVER_NATS_CREDENTIALS_DIR`). Pure.
 */
function natsCredentialsEnv(instance: FerryServiceInstance, stateDir: string, target: FerryServiceTarget): Record<string, string> {
  const identity = appNatsIdentity(instance.app, instance.env ?? {});
  if (identity === undefined) return {};
  const natsNamespace = target.natsNamespace ?? ferryNatsNamespace;
  if (identity.service === FerryService.Mover && target.moverNatsIdentityIssuer) {
    return { NATS_CREDENTIALS_URL: `${target.moverNatsIdentityIssuer}${moverNatsCredentialsPath}` };
  }
  return {
    NATS_CREDENTIALS_FILE: natsCredentialsFile(stateDir, natsNamespace, identity),
    ...(identity.service === FerryService.Controller
      ? { FERRY_MOVER_NATS_CREDENTIALS_DIR: moverNatsCredentialsDir(stateDir, natsNamespace) }
      : {}),
  };
}

/**
 * Starts `apps/<app>/src/main.ts` with Node and tsx (TypeScript and the tsconfig path aliases, no
 * build step) on a free loopback port, configured through its environment like in a cluster, as
 * its own ServiceAccount `ferry-<app>` in `target.namespace` (deploy/base's RBAC, a TokenRequest
 * token in `<logDir>/<name>.kubeconfig`: a grant the code needs but the manifests lack fails) and
 * its own NATS identity (`logDir` is the environment's state folder, where its NATS credentials
 * file is read from; a mover with `target.moverNatsIdentityIssuer` asks the controller with a token
 * bound to a pod on its node instead), and resolves once its `/readyz` (or, for `readiness: 'alive'`, `/healthz`)
 * answers 200. Its log goes to `<logDir>/<name>.log`. The caller stops
 * (or kills) the returned process.
 */
export async function startFerryService(
  instance: FerryServiceInstance,
  logDir: string,
  target: FerryServiceTarget,
): Promise<FerryServiceProcess> {
  const name = instance.name ?? instance.app;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const kubeconfigPath = join(logDir, `${name}.kubeconfig`);
  const natsEnv = natsCredentialsEnv(instance, logDir, target);
  // An issued identity is asked for with a token bound to a pod on the mover's node, as a DaemonSet pod's is.
  const boundNode = natsEnv['NATS_CREDENTIALS_URL'] ? instance.env?.['FERRY_NODE_NAME'] : undefined;
  await writeServiceKubeconfig(target.kubeconfigPath, instance.app, target.namespace, kubeconfigPath, boundNode);
  const process = await startProcess({
    name: `ferry-${name}`,
    command: globalThis.process.execPath,
    args: ['--import', 'tsx', join(repositoryRoot, 'apps', instance.app, 'src', 'main.ts')],
    env: {
      NATS_URL: target.natsUrl,
      KUBECONFIG: kubeconfigPath,
      FERRY_NAMESPACE: target.namespace,
      ...(target.natsNamespace ? { FERRY_NATS_NAMESPACE: target.natsNamespace } : {}),
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      ...telemetryEnv(name, target.otlpUrl),
      ...natsEnv,
      ...instance.env,
    },
    cwd: repositoryRoot,
    logFile: join(logDir, `${name}.log`),
    isReady: () => httpOk(`${url}/${instance.readiness === 'alive' ? 'healthz' : 'readyz'}`),
    readyTimeoutMs: 60_000,
  });
  return { process, name, url };
}
