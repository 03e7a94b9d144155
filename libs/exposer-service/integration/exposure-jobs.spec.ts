import { adminHeaders, createTestNamespace, eventually, startFerryService, testApiAccess } from '@ferry/devenv/testing';
import { startExposerService, type ExposerService, type OperationRef } from '../src/index';
import { startJobHarness, type JobHarness } from './exposure-job-harness';
import { createDataUpload, createSnapshotFixture, exposerTestContext, type ExposerTestContext } from './snapshot-exposure-support';

const image = 'velero/velero:v1.17.0';
/** Fetch options of the environment's admin: the exposer's API needs a token. */
const asAdmin = async (): Promise<RequestInit> => ({ headers: await adminHeaders() });

describe('exposure jobs - over JetStream, against the API server and node simulator', () => {
  // VolumeSnapshotContents are cluster-scoped and named after the DataUpload: unique per spec run.
  const duName = `du-${Date.now().toString(36)}`;
  let ctx: ExposerTestContext;
  let harness: JobHarness;
  let service: ExposerService | undefined;
  let appNamespace: string;
  let ferryNamespace: string;
  let operation: OperationRef;

  const listPods = async () => (await ctx.client.core.listNamespacedPod({ namespace: ferryNamespace })).items;
  const listPvcs = async () => (await ctx.client.core.listNamespacedPersistentVolumeClaim({ namespace: ferryNamespace })).items;
  const startService = async (configMap?: string) => {
    service = await startExposerService({
      kube: ctx.client,
      nats: harness.nats,
      contracts: harness.contracts,
      logger: harness.logger,
      config: { namespace: ferryNamespace, httpHost: '127.0.0.1', httpPort: 0 },
      settings: { prepareTimeoutMs: 120_000, podImage: image, ...(configMap ? { nodeAgentConfigMap: configMap } : {}) },
      pollIntervalMs: 100,
      apiAccess: testApiAccess(ctx.client),
    });
    return service;
  };

  beforeAll(() => {
    ctx = exposerTestContext();
  });

  beforeEach(async () => {
    harness = await startJobHarness(ctx.info);
    appNamespace = await createTestNamespace(ctx.client, 'jobs-app');
    ferryNamespace = await createTestNamespace(ctx.client, 'jobs-ferry');
    const fixture = await createSnapshotFixture(ctx, appNamespace);
    await createDataUpload(ctx, ferryNamespace, duName, fixture);
    operation = { kind: 'DataUpload', namespace: ferryNamespace, name: duName };
  });

  afterEach(async () => {
    await service?.stop();
    service = undefined;
    await harness.close();
    await ctx.client.core.deleteNamespace({ name: appNamespace });
    await ctx.client.core.deleteNamespace({ name: ferryNamespace });
  });

  it('expose job - a ready snapshot gives an exposed result with node and pod; a redelivery repeats it; cleanup cleans', async () => {
    const { httpUrl } = await startService();
    const report = {
      target: { kind: 'backup' as const, namespace: ferryNamespace, name: 'nightly', uid: 'b-uid-jobs' },
      volumeKey: `claim:${appNamespace}/data`,
      claim: { namespace: appNamespace, name: 'data' },
    };
    const acceptedAt = new Date();
    await harness.expose(operation, { report, acceptedAt });
    const result = await harness.nextResult(operation);
    expect(result).toMatchObject({ v: 1, outcome: 'exposed', direction: 'backup', operation });
    const [pod] = await listPods();
    expect(result.exposed).toMatchObject({ node: pod?.spec?.nodeName, podName: duName, podUid: pod?.metadata?.uid, pvcName: duName });
    // What the exposer learnt is recorded for volume-info, under its own subject, before the result.
    const [record, ...more] = await harness.records(report.target);
    expect(more).toEqual([]);
    expect(record?.subject).toBe(
      harness.contracts.subjects.volumeInfoRecord.build({ kind: 'backup', uid: 'b-uid-jobs', source: 'exposer' }),
    );
    expect(record?.data).toMatchObject({
      target: report.target,
      volumeKey: report.volumeKey,
      claim: report.claim,
      source: 'exposer',
      facts: {
        nodeName: pod?.spec?.nodeName,
        exposure: {
          node: pod?.spec?.nodeName,
          pod: duName,
          claim: duName,
          storageClass: result.exposed?.storageClass,
          readOnly: false,
          acceptedAt: acceptedAt.toISOString(),
        },
      },
    });
    expect(result.exposed?.storageClass).toEqual(expect.any(String));

    await harness.expose(operation);
    expect(await harness.nextResult(operation, 1)).toMatchObject({ outcome: 'exposed', exposed: result.exposed });
    expect((await listPods()).length).toBe(1);
    expect((await listPvcs()).length).toBe(1);
    expect(await (await fetch(`${httpUrl}/v1/exposures`, await asAdmin())).json()).toEqual({ exposures: [] });
    expect(await (await fetch(`${httpUrl}/v1/config`, await asAdmin())).json()).toMatchObject({
      source: { configMap: null },
      effective: null,
    });

    await harness.cleanUp(operation);
    expect(await harness.nextResult(operation, 2)).toMatchObject({ outcome: 'cleaned' });
    expect(await listPods()).toEqual([]);
    expect(await listPvcs()).toEqual([]);
  });

  it('prepare timeout - a mapping to a missing class times out with the class named and nothing left behind', async () => {
    await ctx.client.core.createNamespacedConfigMap({
      namespace: ferryNamespace,
      body: {
        metadata: { name: 'node-agent' },
        data: { 'config.json': JSON.stringify({ backupPVC: { standard: { storageClass: 'fast-ro' } } }) },
      },
    });
    const { httpUrl } = await startService('node-agent');
    const config = (await (await fetch(`${httpUrl}/v1/config`, await asAdmin())).json()) as {
      source: { configMap: string; appliedAt: string | null };
    };
    expect(config.source).toMatchObject({ configMap: `${ferryNamespace}/node-agent` });
    expect(config.source.appliedAt).not.toBeNull();

    await harness.expose(operation, { prepareTimeoutMs: 4000 });
    const inFlight = await eventually(async () => {
      const body = (await (await fetch(`${httpUrl}/v1/exposures`, await asAdmin())).json()) as {
        exposures: { state: string; deadline: string }[];
      };
      return body.exposures[0];
    }, 3000);
    expect(inFlight.state).toMatch(/exposing|waiting/);
    const result = await harness.nextResult(operation, 0, 30_000);
    expect(result.outcome).toBe('timed-out');
    expect(result.cause).toContain("storage class 'fast-ro' not found");
    expect(result.cause).toContain('backupPVC');
    expect(result.diagnosis?.findings.length).toBeGreaterThan(0);
    expect(await listPods()).toEqual([]);
    expect(await listPvcs()).toEqual([]);
    expect(await ctx.snapshots.list(ferryNamespace)).toEqual([]);
    expect(await ctx.contents.find(undefined, duName)).toBeUndefined();
  });

  it('diagnose request - a stuck exposure is diagnosed with the missing class named; an unknown operation gets every object not found', async () => {
    await ctx.client.core.createNamespacedConfigMap({
      namespace: ferryNamespace,
      body: {
        metadata: { name: 'node-agent' },
        data: { 'config.json': JSON.stringify({ backupPVC: { standard: { storageClass: 'missing-class' } } }) },
      },
    });
    await startService('node-agent');
    await harness.expose(operation, { prepareTimeoutMs: 20_000 });
    const reply = await eventually(async () => {
      const found = await harness.diagnose(operation);
      return found.diagnosis.cause?.includes("storage class 'missing-class' not found") ? found : undefined;
    }, 15_000);
    expect(reply).toMatchObject({ v: 1, operation });
    expect(reply.diagnosis.cause).toContain('backupPVC');
    expect(reply.diagnosis.findings).toContainEqual(
      expect.objectContaining({ object: 'PersistentVolumeClaim', name: duName, state: 'Pending' }),
    );
    expect(harness.results).toEqual([]); // still preparing: the diagnosis neither ends nor cleans up the job

    // The contract: diagnose never fails for missing objects, it reports them as findings.
    const unknown: OperationRef = { kind: 'DataUpload', namespace: ferryNamespace, name: 'no-such-upload' };
    const unknownReply = await harness.diagnose(unknown);
    expect(unknownReply.operation).toEqual(unknown);
    expect(unknownReply.diagnosis.findings.length).toBeGreaterThan(0);
    expect(unknownReply.diagnosis.findings.every((finding) => finding.state === 'not found')).toBe(true);
    expect(unknownReply.diagnosis.cause).toBe('backup pod not found');
    const unknownRestore: OperationRef = { kind: 'DataDownload', namespace: ferryNamespace, name: 'no-such-download' };
    expect((await harness.diagnose(unknownRestore)).diagnosis.cause).toBe('restore pod not found');

    // The timed-out job cleans up, so nothing cluster-scoped outlives the run.
    expect(await harness.nextResult(operation, 0, 40_000)).toMatchObject({ outcome: 'timed-out' });
    expect(await listPvcs()).toEqual([]);
    expect(await ctx.contents.find(undefined, duName)).toBeUndefined();
  });

  it('kill and restart - an exposer SIGKILLed after creating the backupPVC is redelivered the job; one PVC, one pod', async () => {
    // The real app, configured like a deployment: the test's NATS namespace, a short redelivery wait.
    const target = {
      natsUrl: ctx.info.natsUrl,
      kubeconfigPath: ctx.info.kubeconfigPath,
      namespace: ferryNamespace,
      natsNamespace: harness.contracts.namespace,
    };
    const startApp = () =>
      startFerryService(
        { app: 'exposer', name: `${ferryNamespace}-exposer`, env: { FERRY_EXPOSER_JOB_ACK_WAIT: '3s', FERRY_EXPOSER_POD_IMAGE: image } },
        ctx.info.stateDir,
        target,
      );
    const first = await startApp();
    try {
      await harness.expose(operation);
      await eventually(async () => (await listPvcs()).length > 0, 30_000);
    } finally {
      await first.process.kill('SIGKILL');
    }
    expect(harness.results).toEqual([]);

    const second = await startApp();
    try {
      const result = await harness.nextResult(operation, 0, 60_000);
      expect(result.outcome).toBe('exposed');
      expect((await listPvcs()).map((p) => p.metadata?.name)).toEqual([duName]);
      expect((await listPods()).map((p) => p.metadata?.name)).toEqual([duName]);
      expect(result.exposed?.podUid).toBe((await listPods())[0]?.metadata?.uid);
    } finally {
      await second.process.stop();
    }
  });
});
