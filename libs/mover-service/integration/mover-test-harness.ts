// Harness of the mover integration tests: an isolated contract namespace on the environment's NATS,
// a reader of move results and progress signals, a Ferry namespace holding a BSL on the
// environment's MinIO with its credential and repository-password Secrets, volumes laid out under
// a simulated node's kubelet root, and the mover service started in-process or as the real app.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FerryContracts, type MessageInput, type MessageOf } from '@ferry/contracts';
import { createMinioStorageLocation, setRepositoryPassword } from '@ferry/devenv';
import {
  type EnvironmentInfo,
  eventually,
  loadEnvironmentInfo,
  connectTestContracts,
  createTestNamespace,
  deleteTestNamespace,
  simulatedNodeRoot,
  testApiAccess,
} from '@ferry/devenv/testing';
import { createKubeClient, type KubeClient } from '@ferry/kube';
import type { Logger } from '@ferry/logger';
import {
  consume,
  ensureConsumer,
  publishToStream,
  streamRoute,
  subscribe,
  type ConsumerHandle,
  type NatsClient,
  type SubscriptionHandle,
} from '@ferry/nats';
import { startMoverService, type MoverService, type MoverServiceSettings } from '../src/index';

type Messages = FerryContracts['messages'];
/** A move result as read back. */
export type MoveResultEvent = MessageOf<Messages['moveResult']>;
/** A progress signal as received. */
export type MoveProgressSignal = MessageOf<Messages['moveProgress']>;
/** A move job as the test sends it. */
export type MoveJobInput = MessageInput<Messages['moveJob']>;

/** The repository password the fixtures store (Velero's default). */
export const repositoryPassword = 'static-passw0rd';

/** Everything one test file needs; `close` removes what it created. */
export interface MoverHarness {
  readonly info: EnvironmentInfo;
  readonly kube: KubeClient;
  readonly contracts: FerryContracts;
  readonly nats: NatsClient;
  readonly logger: Logger;
  /** The Ferry namespace holding the BSLs, Secrets and the node-agent ConfigMap. */
  readonly namespace: string;
  /** Bucket prefix of the `default` BSL (unique per harness). */
  readonly prefix: string;
  readonly results: MoveResultEvent[];
  readonly progress: MoveProgressSignal[];
  /** Creates BSL `name` on MinIO (or `s3Url`), with its own credential Secret. */
  createStorageLocation(name: string, options?: { s3Url?: string; prefix?: string }): Promise<void>;
  /** Replaces the repository password Secret. */
  setRepositoryPassword(password: string): Promise<void>;
  /** A fresh CSI-style volume folder on `node`: `<root>/pods/<uid>/volumes/kubernetes.io~csi/<pv>/mount`. */
  volume(node: string): Promise<{ podUid: string; volumeDir: string; path: string }>;
  /** A backup job of `volume` into BSL `default`, volume namespace `app`. */
  backupJob(node: string, volume: { podUid: string; volumeDir: string }, overrides?: Partial<MoveJobInput>): MoveJobInput;
  /** A restore job of `snapshotId` into `volume`. */
  restoreJob(volume: { podUid: string; volumeDir: string }, snapshotId: string, overrides?: Partial<MoveJobInput>): MoveJobInput;
  send(node: string, job: MoveJobInput): Promise<void>;
  cancel(job: MoveJobInput): Promise<void>;
  /** The first result of `jobId` within `timeoutMs`. */
  result(jobId: string, timeoutMs?: number): Promise<MoveResultEvent>;
  /** Settings of a mover on `node` with a private work folder (made once per node). */
  settings(node: string, extra?: Partial<MoverServiceSettings>): Promise<MoverServiceSettings>;
  startMover(node: string, extra?: Partial<MoverServiceSettings>): Promise<MoverService>;
  close(): Promise<void>;
}

/** Connects, creates the namespace, the `default` BSL on MinIO and the Secrets, and starts reading results and progress. */
export async function startMoverHarness(label: string): Promise<MoverHarness> {
  const info = loadEnvironmentInfo();
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  const topology = await connectTestContracts(`mover-it-${label}`, info);
  const { contracts, nats, logger } = topology;
  const namespace = await createTestNamespace(kube, `mover-${label}`);
  const prefix = `mover-it/${namespace}`;
  const created: string[] = [];
  const workDirs = new Map<string, string>();
  const services: MoverService[] = [];

  const results: MoveResultEvent[] = [];
  const progress: MoveProgressSignal[] = [];
  const reader = contracts.consumers.controllerEvents();
  await ensureConsumer(nats, reader);
  const resultsHandle: ConsumerHandle = await consume(nats, {
    consumer: reader,
    routes: [streamRoute(contracts.messages.moveResult, async ({ data }) => void results.push(data))],
  });
  const progressHandle: SubscriptionHandle = subscribe(nats, {
    contract: contracts.messages.moveProgress,
    handler: ({ data }) => void progress.push(data),
  });

  const harness: MoverHarness = {
    info,
    kube,
    contracts,
    nats,
    logger,
    namespace,
    prefix,
    results,
    progress,
    async createStorageLocation(name, options = {}) {
      await createMinioStorageLocation(kube, info.s3, {
        namespace,
        name,
        prefix: options.prefix ?? prefix,
        ...(options.s3Url ? { s3Url: options.s3Url } : {}),
      });
    },
    setRepositoryPassword: (password) => setRepositoryPassword(kube, namespace, `${password}\n`),
    async volume(node) {
      const root = simulatedNodeRoot(info, node);
      const podUid = randomUUID();
      const volumeDir = `pvc-${randomUUID()}`;
      const path = join(root, 'pods', podUid, 'volumes', 'kubernetes.io~csi', volumeDir, 'mount');
      await mkdir(path, { recursive: true });
      created.push(join(root, 'pods', podUid));
      return { podUid, volumeDir, path };
    },
    backupJob(_node, volume, overrides = {}) {
      const jobId = `j-${randomBytes(6).toString('hex')}`;
      return {
        v: 1,
        jobId,
        operation: { kind: 'DataUpload', namespace, name: jobId },
        uploader: 'kopia',
        volume,
        repository: { backupStorageLocation: 'default', volumeNamespace: 'app' },
        requestedAt: new Date().toISOString(),
        direction: 'backup',
        sourceName: `app/${volume.volumeDir}`,
        tags: {},
        ...overrides,
      } as MoveJobInput;
    },
    restoreJob(volume, snapshotId, overrides = {}) {
      const jobId = `j-${randomBytes(6).toString('hex')}`;
      return {
        v: 1,
        jobId,
        operation: { kind: 'DataDownload', namespace, name: jobId },
        uploader: 'kopia',
        volume,
        repository: { backupStorageLocation: 'default', volumeNamespace: 'app' },
        requestedAt: new Date().toISOString(),
        direction: 'restore',
        snapshotId,
        ...overrides,
      } as MoveJobInput;
    },
    async send(node, job) {
      await publishToStream(nats, contracts.messages.moveJob, { node }, job);
    },
    async cancel(job) {
      await publishToStream(
        nats,
        contracts.messages.moveCancel,
        { job: job.jobId },
        { v: 1, jobId: job.jobId, operation: job.operation, at: new Date().toISOString() },
      );
    },
    result(jobId, timeoutMs = 120_000) {
      return eventually(`the result of ${jobId}`, () => results.find((r) => r.jobId === jobId), timeoutMs);
    },
    async settings(node, extra = {}) {
      const root = simulatedNodeRoot(info, node);
      let workDir = workDirs.get(node);
      if (!workDir) {
        workDir = await mkdtemp(join(tmpdir(), `ferry-mover-it-${node}-`));
        workDirs.set(node, workDir);
      }
      return { nodeName: node, kubeletRoot: root, workDir, resticBinary: info.binaries.restic, kopiaBinary: info.binaries.kopia, ...extra };
    },
    async startMover(node, extra = {}) {
      const service = await startMoverService({
        kube,
        nats,
        contracts,
        logger,
        config: { namespace, httpHost: '127.0.0.1', httpPort: 0 },
        settings: await harness.settings(node, extra),
        consumerTuning: { ackWaitMs: 5_000 },
        apiAccess: testApiAccess(kube),
      });
      services.push(service);
      return service;
    },
    async close() {
      await Promise.allSettled(services.map((service) => service.stop()));
      await resultsHandle.stop();
      await progressHandle.stop();
      await topology.dispose();
      for (const path of [...created, ...workDirs.values()]) await rm(path, { recursive: true, force: true });
      await deleteTestNamespace(kube, namespace);
    },
  };
  await harness.createStorageLocation('default');
  await harness.setRepositoryPassword(repositoryPassword);
  return harness;
}
