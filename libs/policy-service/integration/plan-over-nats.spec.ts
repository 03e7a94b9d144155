import { RemoteError, request } from '@ferry/nats';
import { PolicyServiceErrorCode } from '../src/index';
import { startPolicyHarness, type PolicyTestHarness } from './policy-test-harness';
import { createVolumeScenario, decisionTable, type VolumeScenario } from './volume-scenario';

/** The controller's path: `policy.evaluate` over NATS against the real API server. */
describe('policy service - plan over NATS', () => {
  let harness: PolicyTestHarness;
  let scenario: VolumeScenario;

  beforeAll(async () => {
    harness = await startPolicyHarness();
    scenario = await createVolumeScenario(harness);
  });
  afterAll(() => harness.dispose());

  const ask = (backup: Parameters<typeof request<PolicyTestHarness['contracts']['messages']['policyEvaluate']>>[3]['backup']) =>
    request(harness.nats, harness.contracts.messages.policyEvaluate, {}, { backup }, { timeoutMs: 30_000 });

  it('answers every volume decision of a backup with its reason', async () => {
    const plan = await ask({ namespace: harness.ferryNamespace, name: scenario.backups.planned });

    expect(decisionTable(plan.entries)).toEqual({
      'pvc db': 'perform (snapshot): policy-match',
      'pvc logs': 'skip (skip): policy-match',
      'pvc share': 'skip (fs-backup): policy-match',
      'pvc pending': 'error: pvc-not-bound',
      'pv of db': 'perform (snapshot): policy-match',
      // The native-snapshot path matches the PV without its PVC, so pvcLabels cannot match (as Velero).
      'pv of logs': 'perform (snapshot): policy-match',
      'pv of share': 'skip (fs-backup): policy-match',
      'pod web/db': 'skip (snapshot): policy-match',
      'pod web/cache': 'perform: legacy-opt-in',
      'pod worker/logs': 'skip (skip): policy-match',
      'pod reader/share': 'perform (fs-backup): policy-match',
    });
    expect(plan.namespaces).toEqual([scenario.app]);
    expect(plan.policySources).toEqual([
      {
        origin: 'backup',
        configMap: { namespace: harness.ferryNamespace, name: `policies-${scenario.app}` },
        key: 'policies.yaml',
        volumePolicies: 3,
      },
    ]);
    const share = plan.entries.find((e) => e.target.kind === 'pod-volume' && e.target.volume === 'share');
    expect(share?.reason).toEqual({
      kind: 'policy-match',
      position: 0,
      origin: 'backup',
      index: 0,
      conditions: { nfs: {} },
      action: { type: 'fs-backup', parameters: {} },
    });
    expect(share?.reasonText).toBe('perform: volumePolicies[0] (backup) {nfs: {}} → fs-backup');
    const pending = plan.entries.find((e) => e.target.kind === 'pvc' && e.target.claim.name === 'pending');
    expect(pending?.error).toEqual({
      code: 'VOLUME_POLICY_PVC_NOT_BOUND',
      message: `PVC ${scenario.app}/pending has no volume backing this claim`,
    });
    expect(plan.stats).toMatchObject({ apiRequests: 6, listScope: 'namespace', objects: { pods: 3, persistentVolumeClaims: 4 } });
  });

  it('plans an inline backup without reading it from the cluster', async () => {
    const plan = await ask({ metadata: { name: 'inline' }, spec: { includedNamespaces: [scenario.app], snapshotVolumes: false } });
    expect(plan.backup).toEqual({ namespace: harness.ferryNamespace, name: 'inline' });
    expect(plan.stats.requestsByResource['backups']).toBeUndefined();
    expect(decisionTable(plan.entries)).toMatchObject({
      'pvc db': 'skip: snapshot-volumes-setting',
      'pod web/cache': 'perform: legacy-opt-in',
      'pod reader/share': 'skip: legacy-opt-in',
    });
  });

  it('replies with a stable error code and the Velero-style message when the policy ConfigMap is missing', async () => {
    const failure = await ask({ namespace: harness.ferryNamespace, name: scenario.backups.missingConfigMap }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RemoteError);
    expect(failure).toMatchObject({ remoteCode: PolicyServiceErrorCode.InvalidResourcePolicies, retryable: false });
    expect((failure as Error).message).toContain(
      `fail to get ResourcePolicies ${harness.ferryNamespace}/absent-${scenario.app} ConfigMap: configmaps "absent-${scenario.app}" not found`,
    );
  });

  it('replies not found for a backup that does not exist', async () => {
    const failure = await ask({ namespace: harness.ferryNamespace, name: 'no-such-backup' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ remoteCode: PolicyServiceErrorCode.BackupNotFound, retryable: false });
  });
});
