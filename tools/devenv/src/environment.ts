import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApiRequester, createIfAbsent, loadKubeConfig } from '@ferry/kube';
import { ensureBinaries } from './binaries';
import { installCrds, readCrds } from './crd-installer';
import { installDataMoverClasses, readDataMoverClasses } from './data-mover-classes';
import type { EnvironmentInfo } from './environment-info';
import type { ManagedProcess } from './managed-process';
import { startNodeSimulator, type NodeSimulator } from './node-simulator/node-simulator';
import { RunRegistry, stateRoot } from './run-registry';
import { startEtcd } from './servers/etcd-server';
import { startJaeger } from './servers/jaeger-server';
import { startKubeApiServer } from './servers/kube-apiserver';
import { startMinio } from './servers/minio-server';
import { ferryServiceInstances, startFerryService, type FerryServiceProcess } from './servers/ferry-service';
import { simulatedNodeName } from './node-simulator/node-registrar';
import { startSecuredNats } from './servers/nats-server';

/** The namespace Ferry's resources (Backups, its ConfigMaps) live in, as Velero's `velero`. */
const ferryNamespace = 'velero';
/** Simulated nodes (each runs a mover, with its own NATS identity). */
const nodeCount = 2;

/** A running environment. `stop` stops every server and removes the state folder. */
export interface Environment {
  readonly info: EnvironmentInfo;
  readonly infoPath: string;
  /** The pid of the running server `name` (`etcd`, `kube-apiserver`, `nats-server`, …); undefined when none runs. */
  serverPid(name: string): number | undefined;
  stop(): Promise<void>;
}

/** Options of `startEnvironment`. */
export interface EnvironmentOptions {
  /** Keep the state folder (logs, data) after stop. */
  readonly keepState?: boolean;
  /**
   * Start the node simulator (default true). Benchmarks that only read the API server turn it
   * off, so thousands of seeded pods and claims are not scheduled and bound meanwhile.
   */
  readonly nodeSimulator?: boolean;
  /**
   * Ferry services (`apps/<name>`) to run from source against the environment once it is ready,
   * e.g. `['policy']`; `mover` starts one per simulated node, as its DaemonSet would. None by
   * default (tests start what they test in-process).
   */
  readonly services?: readonly string[];
  /** Extra environment of a service, by app name (e.g. the exposer's FERRY_NODE_AGENT_CONFIGMAP). */
  readonly serviceEnv?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Progress lines ("etcd ready in 812 ms"). */
  readonly onProgress?: (line: string) => void;
}

/**
 * Builds missing binaries, then starts etcd, kube-apiserver (with Ferry's and the snapshot CRDs),
 * nats-server with JetStream and authorization (every client a user, see `startSecuredNats`;
 * restarted when it crashes), MinIO (bucket `ferry`) and Jaeger (in-memory traces) on loopback ports, in a fresh state folder,
 * and the node simulator (nodes, storage classes, kubelets, CSI driver) against the API server.
 * If any step fails, whatever already started is stopped before the error is thrown.
 */
export async function startEnvironment(options: EnvironmentOptions = {}): Promise<Environment> {
  const progress = options.onProgress ?? (() => undefined);
  const binaries = await ensureBinaries();
  const stateDir = join(stateRoot, `run-${Date.now()}-${randomBytes(3).toString('hex')}`);
  const registry = await RunRegistry.create(stateDir);
  const started: ManagedProcess[] = [];
  let simulator: NodeSimulator | undefined;
  const track = async <T extends { process: ManagedProcess }>(name: string, starting: Promise<T>): Promise<T> => {
    const begin = Date.now();
    const server = await starting;
    started.push(server.process);
    await registry.add(server.process);
    progress(`${name} ready in ${Date.now() - begin} ms`);
    return server;
  };
  const stop = async () => {
    try {
      // The simulator goes first: it unmounts the volumes under the state folder removed below.
      await simulator?.stop();
    } finally {
      for (const process of started.reverse()) await process.stop();
      await registry.close();
      if (!options.keepState) await rm(stateDir, { recursive: true, force: true });
    }
  };

  try {
    const natsNodes = Array.from({ length: nodeCount }, (_unused, i) => simulatedNodeName(i));
    const natsSupervision = {
      onRestart: async (restarted: ManagedProcess) => {
        await registry.add(restarted);
        progress('nats-server exited and was restarted');
      },
    };
    const [kube, nats, minio, jaeger] = await Promise.all([
      track('etcd', startEtcd(binaries.etcd, stateDir)).then(({ clientUrl }) =>
        track('kube-apiserver', startKubeApiServer(binaries.kubeApiServer, stateDir, clientUrl)),
      ),
      track('nats-server', startSecuredNats(binaries.natsServer, stateDir, natsNodes, natsSupervision)),
      track('minio', startMinio(binaries.minio, stateDir, 'ferry')),
      track('jaeger', startJaeger(binaries.jaeger, stateDir)),
    ]);
    const crds = await readCrds();
    const requester = createApiRequester(loadKubeConfig({ kind: 'file', kubeconfigPath: kube.kubeconfigPath }));
    await installCrds(requester, crds);
    progress(`${crds.length} CRDs established`);
    // Ferry's namespace exists before its services start, as deploy/base creates it: the controller's
    // Lease lives there.
    await createIfAbsent(
      `namespace ${ferryNamespace}`,
      () => requester.request({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: ferryNamespace } } }),
      () => requester.request({ method: 'GET', path: `/api/v1/namespaces/${ferryNamespace}` }),
    );
    const dataMoverClasses = await readDataMoverClasses();
    await installDataMoverClasses(requester, dataMoverClasses);
    progress(`${dataMoverClasses.length} built-in DataMoverClasses installed`);
    if (options.nodeSimulator ?? true) {
      const simulatorBegin = Date.now();
      simulator = await startNodeSimulator({ kubeconfigPath: kube.kubeconfigPath, stateDir, nodeCount });
      progress(
        `node simulator ready in ${Date.now() - simulatorBegin} ms (${simulator.nodes.length} nodes, volumes as ${simulator.mountMechanism})`,
      );
    }

    const target = { natsUrl: nats.url, kubeconfigPath: kube.kubeconfigPath, namespace: ferryNamespace, otlpUrl: jaeger.jaeger.otlpUrl };
    const nodes = simulator?.nodes ?? [];
    const services: FerryServiceProcess[] = [];
    for (const instance of (options.services ?? []).flatMap((app) =>
      ferryServiceInstances(app, { nodes, binaries, workRoot: stateDir }, options.serviceEnv?.[app]),
    )) {
      // Movers started after the controller get their NATS identity from it, as in a cluster.
      const issuer = services.find((service) => service.name === 'controller')?.url;
      const instanceTarget = issuer ? { ...target, moverNatsIdentityIssuer: issuer } : target;
      services.push(await track(`ferry-${instance.name ?? instance.app}`, startFerryService(instance, stateDir, instanceTarget)));
    }

    const info: EnvironmentInfo = {
      stateDir,
      kubeconfigPath: kube.kubeconfigPath,
      kubeApiServerUrl: kube.url,
      natsUrl: nats.url,
      natsTestCredentials: nats.testCredentials,
      s3: minio.s3,
      jaeger: jaeger.jaeger,
      binaries,
      nodes,
      ferryNamespace,
      services: services.map(({ name, url }) => ({ name, url })),
    };
    const infoPath = join(stateDir, 'environment.json');
    await writeFile(infoPath, JSON.stringify(info, null, 2), { mode: 0o600 });
    return { info, infoPath, serverPid: (name) => started.find((server) => server.name === name)?.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
