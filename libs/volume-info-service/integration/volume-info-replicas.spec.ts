// Two volume-info replicas against the real NATS, MinIO and API server (world: volume-info-harness.ts,
// the replicas on a NATS topology of their own so the harness's service takes no part): each replica
// follows every record itself, so both show the same history of a run not sealed yet; either one
// seals it, a replica started later reads the records back and seals the same bytes.
import { gunzipSync } from 'node:zlib';
import { adminHeaders, connectTestContracts, eventually, testApiAccess, type TestContracts } from '@ferry/devenv/testing';
import { createVolumeReporter, type VolumeReportTarget } from '@ferry/volume-info-client';
import { keyedBackupInputs } from '@ferry/volume-history';
import type { VolumeInfoInput } from '@ferry/backup';
import { startVolumeInfoService, type VolumeInfoService } from '../src';
import { aBackupObject, appNamespace } from './volume-info-fixtures';
import { startVolumeInfoHarness, type VolumeInfoHarness } from './volume-info-harness';

const claim = { namespace: appNamespace, name: 'orders' };
const input: VolumeInfoInput = {
  kind: 'data-movement',
  claim,
  volume: { name: 'pv-orders', reclaimPolicy: 'Delete', labels: null },
  operationId: 'du-twin.orders',
  dataUpload: { driver: 'hostpath.csi.k8s.io', phase: 'Completed', snapshotId: 'k-twin', totalBytes: 4096, incrementalBytes: 1024 },
};

interface HistoryEntry {
  backup: { name: string };
  source: string;
  volume: { snapshotHandle?: string; bytes?: number; nodeName?: string };
}

describe('volume-info service - two replicas', () => {
  let harness: VolumeInfoHarness;
  let twins: TestContracts;
  let target: VolumeReportTarget;
  const running: VolumeInfoService[] = [];

  const startReplica = async (): Promise<VolumeInfoService> => {
    const replica = await startVolumeInfoService({
      kube: harness.kube,
      nats: twins.nats,
      contracts: twins.contracts,
      logger: twins.logger,
      config: { namespace: harness.namespace, httpHost: '127.0.0.1', httpPort: 0 },
      recordPollIntervalMs: 100,
      apiAccess: testApiAccess(harness.kube),
    });
    running.push(replica);
    return replica;
  };
  const stopReplica = async (replica: VolumeInfoService) => {
    running.splice(running.indexOf(replica), 1);
    await replica.stop();
  };
  /** The `twin` entry of the claim's history as `replica` answers it over HTTP. */
  const twinEntry = async (replica: VolumeInfoService): Promise<HistoryEntry | undefined> => {
    const response = await fetch(`${replica.httpUrl}/v1/claims/${claim.namespace}/${claim.name}/history`, {
      headers: await adminHeaders(harness.info),
    });
    if (response.status !== 200) return undefined;
    return ((await response.json()) as { backups: HistoryEntry[] }).backups.find((e) => e.backup.name === 'twin');
  };
  const reporter = (source: 'controller' | 'mover') => createVolumeReporter({ nats: twins.nats, contracts: twins.contracts, source });
  const documentText = async (key: string) => gunzipSync((await harness.readObject(key)) ?? new Uint8Array()).toString();

  beforeAll(async () => {
    harness = await startVolumeInfoHarness('volreplica');
    twins = await connectTestContracts('volreplica-twins', harness.info);
    const created = await harness.backups.create(aBackupObject(harness.namespace, 'twin', 'Finalizing', { start: '2026-12-06T13:00:00Z' }));
    target = { kind: 'backup', namespace: harness.namespace, name: 'twin', uid: created.metadata.uid ?? '' };
  });

  afterAll(async () => {
    for (const replica of [...running]) await replica.stop();
    await twins?.dispose();
    await harness?.stop();
  });

  it('each replica folds every record of a running backup: both show the same history', async () => {
    const [a, b] = [await startReplica(), await startReplica()];
    await reporter('controller').record(target, keyedBackupInputs([input]));
    await reporter('mover').record(target, [
      { volumeKey: 'claim:shop/orders', claim, facts: { snapshotHandle: 'k-twin', bytes: 4096, nodeName: 'node-b' } },
    ]);
    for (const replica of [a, b]) {
      const entry = await eventually('the twin records in a replica', async () => {
        const seen = await twinEntry(replica);
        return seen?.volume.nodeName === 'node-b' ? seen : undefined;
      });
      expect(entry).toMatchObject({ source: 'records', volume: { snapshotHandle: 'k-twin', bytes: 4096, nodeName: 'node-b' } });
    }
  });

  it('either replica seals: one alone, then a replica started after the records, the same bytes', async () => {
    const [a, b] = running as [VolumeInfoService, VolumeInfoService];
    const seal = () => reporter('controller').seal(target, keyedBackupInputs([input]));
    await stopReplica(b);
    const first = await seal();
    expect(first).toMatchObject({ target, volumes: 1, key: `${harness.namespace}/store/backups/twin/twin-volumeinfo.json.gz` });
    const written = await documentText(first.key);

    const c = await startReplica();
    expect(await twinEntry(c)).toMatchObject({ source: 'records', volume: { nodeName: 'node-b' } });
    await stopReplica(a);
    const second = await seal();
    expect(second.key).toBe(first.key);
    expect(await documentText(second.key)).toBe(written);
    expect(await twinEntry(c)).toMatchObject({ source: 'document', volume: { snapshotHandle: 'k-twin', bytes: 4096 } });
  });
});
