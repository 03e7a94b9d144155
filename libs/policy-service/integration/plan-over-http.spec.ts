import { PolicyHttpPath } from '../src/index';
import { aConfigMap } from '../src/testing';
import { postJson, startPolicyHarness, type PolicyTestHarness } from './policy-test-harness';
import { createVolumeScenario, decisionTable, scenarioPolicies, type VolumeScenario } from './volume-scenario';

/** The HTTP API against the real API server: plans, Velero-style policy errors, 4xx naming fields. */
describe('policy service - HTTP API', () => {
  let harness: PolicyTestHarness;
  let scenario: VolumeScenario;
  let url: string;

  beforeAll(async () => {
    harness = await startPolicyHarness();
    scenario = await createVolumeScenario(harness);
    url = harness.service.httpUrl;
  });
  afterAll(() => harness.dispose());

  const plan = (body: unknown) => postJson(url, PolicyHttpPath.Plan, body);

  it('plans a backup of the cluster by reference', async () => {
    const { status, body } = await plan({ namespace: harness.ferryNamespace, name: scenario.backups.planned });
    expect(status).toBe(200);
    expect(decisionTable(body['entries'] as Parameters<typeof decisionTable>[0])).toMatchObject({
      'pvc db': 'perform (snapshot): policy-match',
      'pvc logs': 'skip (skip): policy-match',
      'pod reader/share': 'perform (fs-backup): policy-match',
      'pod web/cache': 'perform: legacy-opt-in',
    });
    expect(body['summary']).toEqual({ perform: 5, skip: 5, error: 1 });
  });

  it('ignores a resourcePolicy that is not a ConfigMap', async () => {
    const { status, body } = await plan({ namespace: harness.ferryNamespace, name: scenario.backups.otherKind });
    expect(status).toBe(200);
    expect(body['policySources']).toEqual([]);
    expect(decisionTable(body['entries'] as Parameters<typeof decisionTable>[0])['pvc db']).toBe('perform: snapshot-volumes-setting');
  });

  it('answers 404 for a backup that does not exist', async () => {
    const { status, body } = await plan({ namespace: harness.ferryNamespace, name: 'no-such-backup' });
    expect(status).toBe(404);
    expect(body['error']).toBe(`backup ${harness.ferryNamespace}/no-such-backup not found`);
  });

  it("answers 422 with Velero's message when the policy ConfigMap is missing", async () => {
    const { status, body } = await plan({ namespace: harness.ferryNamespace, name: scenario.backups.missingConfigMap });
    expect(status).toBe(422);
    expect(body['error']).toBe(
      `fail to get ResourcePolicies ${harness.ferryNamespace}/absent-${scenario.app} ConfigMap: configmaps "absent-${scenario.app}" not found`,
    );
  });

  it('answers 422 for a ConfigMap with two data keys', async () => {
    const { status, body } = await plan({ namespace: harness.ferryNamespace, name: scenario.backups.twoKeys });
    const ref = `${harness.ferryNamespace}/two-keys-${scenario.app}`;
    expect(status).toBe(422);
    expect(body['error']).toMatch(
      new RegExp(`^fail to read the ResourcePolicies from ConfigMap ${ref}: illegal resource policies ${ref} configmap`),
    );
  });

  it('answers 422 with path, line and column for an invalid policy document', async () => {
    const { status, body } = await plan({ namespace: harness.ferryNamespace, name: scenario.backups.invalidPolicies });
    expect(status).toBe(422);
    expect(body['error']).toMatch(
      /^fail to read the ResourcePolicies from ConfigMap .*: data\["policies.yaml"\] volumePolicies\[0\]\.conditions\.capacity \(line 4, column 17\)/,
    );
    expect(body['details']).toEqual([
      expect.objectContaining({
        path: 'volumePolicies[0].conditions.capacity',
        line: 4,
        column: 17,
        message: expect.stringContaining('capacity'),
      }),
      expect.objectContaining({ path: 'volumePolicies[0].conditions.colour', line: 5, column: 7, code: 'UNKNOWN_FIELD' }),
    ]);
  });

  it('plans an inline backup', async () => {
    const { status, body } = await plan({
      backup: { metadata: { name: 'adhoc' }, spec: { includedNamespaces: [scenario.app], defaultVolumesToFsBackup: true } },
    });
    expect(status).toBe(200);
    expect(decisionTable(body['entries'] as Parameters<typeof decisionTable>[0])).toMatchObject({
      'pod web/db': 'perform: legacy-opt-out',
      'pvc db': 'skip: pv-taken-by-fs-backup',
    });
  });

  it("appends the cluster-wide policies after the backup's own", async () => {
    const globalName = `global-${scenario.app}`;
    await harness.create(
      aConfigMap(harness.ferryNamespace, globalName, { g: 'version: v1\nvolumePolicies:\n  - conditions: {}\n    action: {type: skip}\n' }),
    );
    const { service } = await harness.startService({ globalPoliciesConfigMap: globalName });
    const { status, body } = await postJson(service.httpUrl, PolicyHttpPath.Plan, {
      namespace: harness.ferryNamespace,
      name: scenario.backups.planned,
    });
    expect(status).toBe(200);
    const table = decisionTable(body['entries'] as Parameters<typeof decisionTable>[0]);
    expect(table['pvc db']).toBe('perform (snapshot): policy-match');
    expect(table['pod web/cache']).toBe('skip (skip): policy-match');
    expect((body['policySources'] as { origin: string }[]).map((s) => s.origin)).toEqual(['backup', 'global']);
  });

  it('validates a document: 200 with issues either way', async () => {
    const valid = await postJson(url, PolicyHttpPath.Validate, { document: scenarioPolicies });
    expect(valid).toEqual({ status: 200, body: { valid: true, volumePolicies: 3, issues: [] } });
    const invalid = await postJson(url, PolicyHttpPath.Validate, {
      document: 'version: v1\nvolumePolicies:\n  - action:\n      type: archive\n',
    });
    expect(invalid.status).toBe(200);
    expect(invalid.body).toMatchObject({
      valid: false,
      issues: [
        { path: 'volumePolicies[0].action.type', line: 4, column: 13, message: expect.stringMatching(/invalid action type archive/) },
      ],
    });
  });

  it('evaluates a document against inline volumes without the cluster', async () => {
    const { status, body } = await postJson(url, PolicyHttpPath.Evaluate, {
      document: scenarioPolicies,
      volumes: [
        { name: 'nfs', pv: { spec: { nfs: { server: 's', path: '/p' } } } },
        { name: 'labelled', pvc: { metadata: { labels: { tier: 'logs' } } } },
        { name: 'other', podVolume: { name: 'tmp', emptyDir: {} } },
      ],
    });
    expect(status).toBe(200);
    expect((body['volumes'] as { name: string; action?: string; reason: string }[]).map((v) => [v.name, v.action ?? 'none'])).toEqual([
      ['nfs', 'fs-backup'],
      ['labelled', 'skip'],
      ['other', 'none'],
    ]);
  });

  it.each<[string, string, unknown, string]>([
    ['plan without a name', PolicyHttpPath.Plan, { namespace: 'velero' }, 'name'],
    [
      'plan with a bad inline field',
      PolicyHttpPath.Plan,
      { backup: { metadata: { name: 'b' }, spec: { includedNamespaces: 'app' } } },
      'backup.spec.includedNamespaces',
    ],
    ['validate without a document', PolicyHttpPath.Validate, { doc: 'x' }, 'document'],
    [
      'evaluate with a bad capacity map',
      PolicyHttpPath.Evaluate,
      { document: 'version: v1', volumes: [{ pv: { spec: { capacity: 'big' } } }] },
      'volumes[0].pv.spec.capacity',
    ],
  ])('answers 400 naming the field: %s', async (_name, path, requestBody, field) => {
    const { status, body } = await postJson(url, path, requestBody);
    expect(status).toBe(400);
    expect(body['error']).toMatch(/^invalid request body: /);
    expect((body['details'] as { path: string }[]).map((d) => d.path)).toContain(field);
  });

  it('answers 422 with issues when a dry-run document is invalid', async () => {
    const { status, body } = await postJson(url, PolicyHttpPath.Evaluate, { document: 'version: v3\n', volumes: [{ pvc: {} }] });
    expect(status).toBe(422);
    expect(body['details']).toEqual([expect.objectContaining({ path: 'version', line: 1, column: 10 })]);
  });

  it('serves health and readiness', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ready' });
  });
});
