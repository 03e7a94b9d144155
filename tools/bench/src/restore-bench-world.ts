// The restore benchmark's world: an Available BSL over MinIO in Ferry's namespace, backups of the
// backup bench's namespaces written by Ferry's real collection (tarball, velero-backup.json and a
// Completed Backup, as a Backup run leaves them), a Restore run to its end and timed from outside,
// the floor (the same objects created with bounded parallel creates and nothing else), and the
// cleanup of restored objects between runs.
import { backupDefinition, restoreDefinition, type Backup, type Restore } from '@ferry/api';
import { createMinioStorageLocation, type EnvironmentInfo } from '@ferry/devenv';
import { createCustomResourceClient, createInformer, silentLogger, type ApiRequester, type KubeClient } from '@ferry/kube';
import type { ObjectStore } from '@ferry/object-store';
import { createResourceBackup } from '@ferry/resource-backup';
import { backupFileKeys } from '@ferry/storage-location';
import { inParallel } from './backup-bench-dataset';
import { createFlightMeter } from './restore-bench-process';

/** The kinds the backup bench seeds, by list path and create path (in the floor's order). */
const seededKinds = [
  { list: '/api/v1/configmaps', create: (ns: string) => `/api/v1/namespaces/${ns}/configmaps`, resource: 'configmaps' },
  { list: '/api/v1/secrets', create: (ns: string) => `/api/v1/namespaces/${ns}/secrets`, resource: 'secrets' },
  { list: '/api/v1/services', create: (ns: string) => `/api/v1/namespaces/${ns}/services`, resource: 'services' },
  { list: '/apis/apps/v1/deployments', create: (ns: string) => `/apis/apps/v1/namespaces/${ns}/deployments`, resource: 'deployments' },
] as const;

type Listed = { items: Record<string, unknown>[]; metadata?: { continue?: string } };
type Terminal = 'Completed' | 'PartiallyFailed' | 'Failed' | 'FailedValidation';
const terminalPhases: readonly string[] = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'];

/** Creates the BSL `default` over `prefix` in `namespace` and marks it Available (no BSL controller runs here). */
export async function createBenchLocation(kube: KubeClient, info: EnvironmentInfo, namespace: string, prefix: string): Promise<void> {
  await createMinioStorageLocation(kube, info.s3, { namespace, prefix, name: 'default' });
  await kube.requester.request({
    method: 'PATCH',
    path: `/apis/velero.io/v1/namespaces/${namespace}/backupstoragelocations/default`,
    body: { status: { phase: 'Available' } },
    contentType: 'application/merge-patch+json',
  });
}

/** Backs up `namespaces` with Ferry's collection into `store` as Backup `name`, and records it Completed. */
export async function writeBenchBackup(
  kube: KubeClient,
  store: ObjectStore,
  veleroNamespace: string,
  name: string,
  namespaces: readonly string[],
): Promise<void> {
  const backup: Backup = {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: { name, namespace: veleroNamespace, uid: `${name}-uid` },
    spec: { includedNamespaces: [...namespaces], storageLocation: 'default' },
  };
  const keys = backupFileKeys(store.prefix, name);
  await createResourceBackup({ kube, logger: silentLogger, workers: 8 })({ backup, store, tarballKey: keys.contents });
  const status: Backup['status'] = {
    phase: 'Completed',
    version: 1,
    formatVersion: '1.1.0',
    startTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
  await store.putObject(keys.metadata, JSON.stringify({ ...backup, status }));
  const backups = createCustomResourceClient<Backup>(kube, backupDefinition);
  await backups.create({ ...backup, metadata: { name, namespace: veleroNamespace, labels: { 'velero.io/storage-location': 'default' } } });
  await backups.patch(veleroNamespace, name, { status });
}

/** `source[i]` → `<prefix>-<i>`: the target namespaces of one run. */
export function mappingOf(sources: readonly string[], prefix: string): Record<string, string> {
  return Object.fromEntries(sources.map((source, index) => [source, `${prefix}-${String(index).padStart(2, '0')}`]));
}

/** One timed Restore: wall time from its creation until a terminal phase was seen, and its final status. */
export interface TimedRestore {
  readonly seconds: number;
  readonly phase: Terminal;
  readonly restore: Restore;
  /** Seconds from creation until each stage was first seen (watched; progress is patched once a second). */
  readonly stages: Readonly<Partial<Record<RestoreStage, number>>>;
}

/** What the poller notes: validated (InProgress), first item counted, every item restored, phase terminal. */
export type RestoreStage = 'inProgress' | 'firstItem' | 'itemsDone';

function stagesOf(restore: Restore): RestoreStage[] {
  const progress = restore.status?.progress;
  const stages: RestoreStage[] = restore.status?.phase ? ['inProgress'] : [];
  if ((progress?.itemsRestored ?? 0) > 0) stages.push('firstItem');
  if (progress && (progress.itemsRestored ?? 0) > 0 && progress.itemsRestored === progress.totalItems) stages.push('itemsDone');
  return stages;
}

/**
 * Creates Restore `name` of `backupName` into `mapping`'s namespaces and watches it until it ends.
 * A watch, not polls: polling every 25 ms cost this process 0.6-0.9 CPU seconds and the API server
 * ~40 GETs a second inside the restore's window (the floor's window has nothing of the kind), on a
 * machine whose two cores the restore keeps busy; the watch sees each change as it is written.
 */
export async function runBenchRestore(
  kube: KubeClient,
  veleroNamespace: string,
  name: string,
  backupName: string,
  mapping: Record<string, string>,
): Promise<TimedRestore> {
  const restores = createCustomResourceClient<Restore>(kube, restoreDefinition);
  const watched = createInformer<Restore>(kube, restoreDefinition, { namespace: veleroNamespace, fieldSelector: `metadata.name=${name}` });
  try {
    await watched.synced;
    const stages: Partial<Record<RestoreStage, number>> = {};
    const begin = process.hrtime.bigint();
    const ended = new Promise<TimedRestore>((resolve) => {
      const seen = (restore: Restore) => {
        const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
        for (const stage of stagesOf(restore)) stages[stage] ??= seconds;
        const phase = restore.status?.phase ?? '';
        if (terminalPhases.includes(phase)) resolve({ seconds, phase: phase as Terminal, restore, stages });
      };
      watched.on('add', seen);
      watched.on('update', seen);
    });
    await restores.create({
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: { name, namespace: veleroNamespace },
      spec: { backupName, namespaceMapping: mapping },
    });
    return await ended;
  } finally {
    await watched.stop();
  }
}

/** An object as the floor creates it: the listed object without server-set fields (done before the clock starts). */
function floorBody(item: Record<string, unknown>, namespace: string): Record<string, unknown> {
  const metadata = (item['metadata'] ?? {}) as Record<string, unknown>;
  const body: Record<string, unknown> = {
    ...item,
    metadata: { name: metadata['name'], namespace, labels: metadata['labels'], annotations: metadata['annotations'] },
  };
  delete body['status'];
  const spec = item['spec'] as Record<string, unknown> | undefined;
  if (spec) {
    const { clusterIP, clusterIPs, ...specRest } = spec;
    // A Service's addresses are allocated again, as the restore's service action does.
    body['spec'] = clusterIP === undefined && clusterIPs === undefined ? spec : specRest;
  }
  return body;
}

/** The floor's work list: every seeded object of `mapping`'s source namespaces, ready to POST. */
export async function floorWork(requester: ApiRequester, mapping: Record<string, string>): Promise<{ path: string; body: unknown }[]> {
  const work: { path: string; body: unknown }[] = [];
  for (const kind of seededKinds) {
    let token: string | undefined;
    do {
      const page = await requester.request<Listed>({ method: 'GET', path: kind.list, query: { limit: 500, continue: token } });
      for (const item of page.items) {
        const target = mapping[String((item['metadata'] as { namespace?: string }).namespace)];
        if (target) work.push({ path: kind.create(target), body: floorBody(item, target) });
      }
      token = page.metadata?.continue || undefined;
    } while (token);
  }
  return work;
}

/** Keeps this process's CPU busy for `microseconds` (a client's own work per request, without its allocations). */
function spendCpu(microseconds: number): void {
  const until = process.hrtime.bigint() + BigInt(Math.round(microseconds * 1000));
  while (process.hrtime.bigint() < until);
}

/**
 * The floor: the target namespaces, then every object of `work`, created `parallel` at a time,
 * each after `clientCpuUs` of this process's CPU (0: none; a diagnostic floor whose client is as
 * busy per item as the restore's); seconds, requests, the CPU seconds this process spent on them
 * (nothing else runs in it meanwhile) and the creates in flight on average.
 */
export async function runFloor(
  requester: ApiRequester,
  mapping: Record<string, string>,
  work: readonly { path: string; body: unknown }[],
  parallel: number,
  clientCpuUs: number,
): Promise<{ seconds: number; requests: number; cpuSeconds: number; inFlight: number }> {
  const flight = createFlightMeter();
  const creates = flight.wrap(requester);
  const namespaces = Object.values(mapping);
  const begin = process.hrtime.bigint();
  const cpuAtBegin = process.cpuUsage();
  await inParallel(namespaces.length, parallel, (i) =>
    creates.request({ method: 'POST', path: '/api/v1/namespaces', body: { metadata: { name: namespaces[i] } } }),
  );
  await inParallel(work.length, parallel, (i) => {
    const item = work[i] as { path: string; body: unknown };
    if (clientCpuUs > 0) spendCpu(clientCpuUs);
    return creates.request({ method: 'POST', path: item.path, body: item.body });
  });
  const cpu = process.cpuUsage(cpuAtBegin);
  return {
    seconds: Number(process.hrtime.bigint() - begin) / 1e9,
    requests: namespaces.length + work.length,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    inFlight: flight.averageInFlight(),
  };
}

/** Deletes the seeded kinds in the target namespaces (the namespaces stay: no namespace controller runs here). */
export async function clearTargets(requester: ApiRequester, mapping: Record<string, string>): Promise<void> {
  const namespaces = Object.values(mapping);
  await inParallel(namespaces.length, 8, async (i) => {
    for (const kind of seededKinds) {
      // Older API servers refuse deletecollection of Services: the one Service per namespace stays.
      await requester.request({ method: 'DELETE', path: kind.create(namespaces[i] ?? '') }).catch(() => undefined);
    }
  });
}
