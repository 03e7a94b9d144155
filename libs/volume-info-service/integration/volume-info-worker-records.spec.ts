// What only the exposer and the mover knew reaches volume-info's API, through Ferry's spawned apps
// (application harness: policy, exposer, movers, controller and volume-info as processes, each with
// its own NATS identity, so each publishes its records under its own subject or is refused): a moved
// volume's summary shows where and how it was exposed, a restored volume's summary the mover's bytes,
// node and transfer times — while the stored documents keep Velero's keys only.
import { gunzipSync } from 'node:zlib';
import { dataDownloadDefinition, dataUploadDefinition, VeleroLabel, type DataDownload, type DataUpload } from '@ferry/api';
import { adminHeaders, deleteTestNamespace, startApplicationHarness, type ApplicationHarness } from '@ferry/devenv/testing';
import { createCustomResourceClient } from '@ferry/kube';
import { backupFileKeys, restoreFileKeys } from '@ferry/storage-location';

const policy = `version: v1
volumePolicies:
- conditions: {pvcLabels: {protect: move}}
  action: {type: snapshot, parameters: {snapshotClass: ferry-snapclass}}
`;

/** Every key Velero writes in a BackupVolumeInfo / RestoreVolumeInfo entry (velero-facts §7). */
const backupEntryKeys = [
  'pvcName',
  'pvcNamespace',
  'pvName',
  'backupMethod',
  'snapshotDataMoved',
  'preserveLocalSnapshot',
  'skipped',
  'skippedReason',
  'startTimestamp',
  'completionTimestamp',
  'result',
  'csiSnapshotInfo',
  'snapshotDataMovementInfo',
  'nativeSnapshotInfo',
  'pvbInfo',
  'pvInfo',
];
const restoreEntryKeys = [
  'pvcName',
  'pvcNamespace',
  'pvName',
  'restoreMethod',
  'snapshotDataMoved',
  'csiSnapshotInfo',
  'snapshotDataMovementInfo',
  'nativeSnapshotInfo',
  'pvrInfo',
];

interface Summary {
  claim?: { namespace: string; name: string };
  nodeName?: string;
  bytes?: number;
  snapshotHandle?: string;
  result?: string;
  startTimestamp?: string;
  completionTimestamp?: string;
  exposure?: { node: string; pod: string; claim: string; readOnly: boolean; storageClass?: string; exposedAt: string; acceptedAt?: string };
}
interface VolumesAnswer {
  volumes: { info: Record<string, unknown>; summary: Summary }[];
}

describe('volume-info - the exposer’s and mover’s records reach the API', () => {
  let h: ApplicationHarness;

  const volumeInfoGet = async <T>(path: string): Promise<T> => {
    const service = h.serviceUrls().find((s) => s.name.endsWith('-volume-info'));
    const response = await fetch(`${service?.url ?? ''}${path}`, { headers: await adminHeaders(h.info) });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const storedEntries = async (key: string) =>
    JSON.parse(gunzipSync((await h.store.getObject(key)) ?? new Uint8Array()).toString()) as Record<string, unknown>[];

  beforeAll(async () => {
    h = await startApplicationHarness('vi-workers');
    await h.filledClaim('moved', { protect: 'move' });
    await h.kube.core.createNamespacedConfigMap({
      namespace: h.namespace,
      body: { metadata: { name: 'move-policy' }, data: { 'policy.yaml': policy } },
    });
  }, 400_000);

  afterAll(async () => {
    await h?.close();
  }, 120_000);

  it('a moved volume of a backup shows its exposure (pod, claim, mode, times) next to Velero’s entry', async () => {
    await h.createBackup('workers', {
      includedNamespaces: [h.appNamespace],
      snapshotMoveData: true,
      resourcePolicy: { kind: 'configmap', name: 'move-policy' },
    });
    expect((await h.backupIn('workers', ['Completed', 'PartiallyFailed', 'Failed'], 300_000)).status?.phase).toBe('Completed');
    const [upload] = await createCustomResourceClient<DataUpload>(h.kube, dataUploadDefinition).list(h.namespace, {
      labelSelector: `${VeleroLabel.BackupName}=workers`,
    });
    const node = upload?.status?.node ?? '<no node>';

    const answer = await volumeInfoGet<VolumesAnswer>(`/v1/backups/${h.namespace}/workers/volumes`);
    const moved = answer.volumes.find((v) => v.summary.claim?.name === 'moved');
    expect(moved?.summary).toMatchObject({
      nodeName: node,
      snapshotHandle: upload?.status?.snapshotID,
      exposure: { node, pod: upload?.metadata?.name, claim: upload?.metadata?.name, readOnly: expect.any(Boolean) as unknown },
    });
    const exposure = moved?.summary.exposure;
    expect(Date.parse(exposure?.exposedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(exposure?.acceptedAt ?? ''));
    expect(Object.keys(moved?.info ?? {}).every((key) => backupEntryKeys.includes(key))).toBe(true);

    const [stored] = (await storedEntries(backupFileKeys(h.prefix, 'workers').volumeInfo)).filter((e) => e['pvcName'] === 'moved');
    expect(stored).toEqual(moved?.info);
    const history = await volumeInfoGet<{ backups: { backup: { name: string }; volume: Summary }[] }>(
      `/v1/claims/${h.appNamespace}/moved/history`,
    );
    expect(history.backups.find((e) => e.backup.name === 'workers')?.volume.exposure).toEqual(exposure);
  }, 400_000);

  it('a restored volume shows the mover’s bytes, node and transfer times, which Velero’s entry has not', async () => {
    await deleteTestNamespace(h.kube, h.appNamespace);
    const restore = await h.restoreUntil('workers-back', { backupName: 'workers' }, ['Completed', 'PartiallyFailed', 'Failed'], 300_000);
    expect(restore.status?.phase).toBe('Completed');
    const [download] = await createCustomResourceClient<DataDownload>(h.kube, dataDownloadDefinition).list(h.namespace, {
      labelSelector: `${VeleroLabel.RestoreName}=workers-back`,
    });

    const answer = await volumeInfoGet<VolumesAnswer>(`/v1/restores/${h.namespace}/workers-back/volumes`);
    const moved = answer.volumes.find((v) => v.summary.claim?.name === 'moved' && v.info['snapshotDataMoved'] === true);
    expect(moved?.summary).toMatchObject({
      nodeName: download?.status?.node,
      bytes: download?.status?.progress?.totalBytes,
      result: 'succeeded',
      exposure: { node: download?.status?.node, pod: download?.metadata?.name, readOnly: false },
    });
    expect(Date.parse(moved?.summary.completionTimestamp ?? '')).toBeGreaterThanOrEqual(Date.parse(moved?.summary.startTimestamp ?? ''));
    expect(Object.keys(moved?.info ?? {}).every((key) => restoreEntryKeys.includes(key))).toBe(true);
    const stored = await storedEntries(restoreFileKeys(h.prefix, 'workers-back').volumeInfo);
    expect(stored.some((entry) => 'exposure' in entry || 'nodeName' in entry)).toBe(false);
  }, 400_000);
});
