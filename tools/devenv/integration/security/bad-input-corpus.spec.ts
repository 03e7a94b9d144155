// Bad input never crashes (issue 15 §5): every case of `bad-input-corpus.yaml` — custom resources,
// ConfigMaps, HTTP bodies and NATS messages — is sent to Ferry's spawned apps while a backup with
// a data-moved and an fs-backup volume runs. Each must get its error where its author sees it (a
// status, an Event, an HTTP problem, an error reply, a terminated message with a log line, or the
// publisher's own failure); afterwards every service still serves, and the running backup
// completes. The run prints the table of results (kept in docs/bad-input-corpus.md).
import { restoreDefinition, type Restore } from '@ferry/api';
import { eventually } from '../../src/testing/eventually';
import { adminHeaders } from '../../src/testing/service-api-access';
import { startApplicationHarness, type ApplicationHarness } from '../../src/testing/application-harness';
import { createCustomResourceClient } from '@ferry/kube';
import { createLogger } from '@ferry/logger';
import { connectNats, type NatsClient } from '@ferry/nats';
import { loadBadInputCorpus, type BadInputCase } from './bad-input-case';
import { runBadInputCase, type CaseResult, type CorpusWorld } from './bad-input-runner';

const terminal = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'];
const policyDocument = `version: v1
volumePolicies:
- conditions: {pvcLabels: {protect: fs}}
  action: {type: fs-backup}
- conditions: {pvcLabels: {protect: move}}
  action: {type: snapshot, parameters: {snapshotClass: ferry-snapclass}}
`;

/** Runs `cases` with at most `width` at a time, in order of start. */
async function runAll(world: CorpusWorld, cases: readonly BadInputCase[], width: number): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < cases.length) {
      const c = cases[next++]!;
      results.push(await runBadInputCase(world, c));
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 160);

/** The results as a Markdown table, in corpus order. */
function resultTable(cases: readonly BadInputCase[], results: readonly CaseResult[]): string {
  const byId = new Map(results.map((result) => [result.id, result]));
  const rows = cases.map((c) => {
    const r = byId.get(c.id);
    return `| ${c.id} | ${c.area} | ${cell(c.what)} | ${c.expect.place} | ${r?.ok ? 'ok' : 'FAILED'} | ${cell(r?.seen ?? 'not run')} |`;
  });
  return ['| case | area | bad input | where the author sees it | result | what they see |', '|---|---|---|---|---|---|', ...rows].join(
    '\n',
  );
}

describe('bad-input corpus - each bad input gets a clear error where its author sees it; nothing crashes, nothing is lost', () => {
  const cases = loadBadInputCorpus();
  let h: ApplicationHarness;
  let nats: NatsClient;
  let world: CorpusWorld;
  let results: CaseResult[] = [];

  beforeAll(async () => {
    h = await startApplicationHarness('corpus', ['policy', 'exposer', 'mover'], {
      FERRY_NODE_AGENT_CONFIGMAP: 'node-agent-config',
    });
    nats = await connectNats({
      name: 'bad-input-corpus',
      servers: h.info.natsUrl,
      credentials: h.info.natsTestCredentials,
      logger: createLogger({ name: 'corpus', level: 'warn' }),
    });
    world = { h, nats, node: h.info.nodes[0]!.name };
    await h.kube.core.createNamespacedConfigMap({ namespace: h.appNamespace, body: { metadata: { name: 'settings' }, data: { a: 'b' } } });
    await eventually('BSL default Available', async () => (await h.locations.get(h.namespace, 'default')).status?.phase === 'Available');
    await h.createBackup('ok', { includedNamespaces: [h.appNamespace], includedResources: ['configmaps'] });
    const ok = await h.backupIn('ok', terminal);
    expect([ok.status?.phase, ok.status?.validationErrors]).toEqual(['Completed', undefined]);
    await createCustomResourceClient<Restore>(h.kube, restoreDefinition).create({
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: { name: 'r-ok', namespace: h.namespace },
      spec: { backupName: 'ok' },
    });
    // The work in flight while the corpus runs: a data-moved claim and an fs-backup volume.
    await h.filledClaim('moved', { protect: 'move' });
    await h.filledClaim('files', { protect: 'fs' });
    await h.appPod('app', 'files');
    await h.kube.core.createNamespacedConfigMap({
      namespace: h.namespace,
      body: { metadata: { name: 'volume-policy' }, data: { 'policy.yaml': policyDocument } },
    });
    await h.createBackup('in-flight', {
      includedNamespaces: [h.appNamespace],
      snapshotMoveData: true,
      resourcePolicy: { kind: 'configmap', name: 'volume-policy' },
    });
    const kinds = (kind: string) => cases.filter((c) => c.input.kind === kind);
    results = [
      ...(await runAll(world, kinds('object'), 8)),
      ...(await runAll(world, kinds('config-map'), 1)),
      ...(await runAll(world, kinds('http'), 4)),
      ...(await runAll(world, [...kinds('nats-publish'), ...kinds('nats-request')], 1)),
    ];
    process.stdout.write(
      `\nbad-input corpus: ${results.filter((r) => r.ok).length} of ${cases.length} as expected\n\n${resultTable(cases, results)}\n\n`,
    );
  }, 1_200_000);

  afterAll(async () => {
    await nats?.close();
    await h?.close();
  }, 120_000);

  it('holds at least 60 cases over custom resources, ConfigMaps, HTTP bodies and NATS messages', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map((c) => c.input.kind))).toEqual(new Set(['object', 'config-map', 'http', 'nats-publish', 'nats-request']));
    for (const area of [
      'Backup',
      'Restore',
      'Schedule',
      'BackupStorageLocation',
      'DataUpload',
      'VolumeSnapshotBackup',
      'VolumeSnapshotRestore',
      'DataMoverClass',
    ]) {
      expect(cases.map((c) => c.area)).toContain(area);
    }
  });

  it('every case gets its error where its author sees it, with the expected words', () => {
    expect(results.filter((r) => !r.ok).map((r) => `${r.id}: ${r.seen}`)).toEqual([]);
  });

  it('every service still answers /healthz and a good request afterwards', async () => {
    for (const { name, url } of h.serviceUrls()) {
      expect([name, (await fetch(`${url}/healthz`)).status]).toEqual([name, 200]);
    }
    const url = (app: string) => h.serviceUrls().find(({ name }) => name.startsWith(`${h.namespace}-${app}`))!.url;
    const auth = await adminHeaders();
    const validate = await fetch(`${url('policy')}/v1/policies/validate`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ document: policyDocument }),
    });
    expect(await validate.json()).toMatchObject({ valid: true });
    expect((await fetch(`${url('volume-info')}/v1/backups/${h.namespace}/ok/volumes`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${url('controller')}/v1/restores/${h.namespace}/r-ok/progress`, { headers: auth })).status).toBe(200);
  });

  it('the backup in flight during the corpus completes, and a new one after it too', async () => {
    const inFlight = await h.backupIn('in-flight', terminal, 600_000);
    expect([inFlight.status?.phase, inFlight.status?.errors ?? 0]).toEqual(['Completed', 0]);
    await h.createBackup('after', { includedNamespaces: [h.appNamespace], includedResources: ['configmaps'] });
    expect((await h.backupIn('after', terminal)).status?.phase).toBe('Completed');
    await eventually('Restore r-ok completed', async () => {
      const restore = await createCustomResourceClient<Restore>(h.kube, restoreDefinition).get(h.namespace, 'r-ok');
      return restore.status?.phase === 'Completed';
    });
  }, 700_000);
});
