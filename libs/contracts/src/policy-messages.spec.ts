import { ferryContracts } from './ferry-contracts';
import { backupVolumePlanSchema, policyPlanRequestSchema } from './policy-messages';

describe('policy messages - request', () => {
  it('takes a backup reference or an inline backup', () => {
    expect(policyPlanRequestSchema.parse({ backup: { namespace: 'velero', name: 'b' } })).toEqual({
      backup: { namespace: 'velero', name: 'b' },
    });
    const inline = policyPlanRequestSchema.parse({ backup: { metadata: { name: 'b' }, spec: { includedNamespaces: ['app'] } } });
    expect(inline.backup).toMatchObject({ metadata: { name: 'b' }, spec: { includedNamespaces: ['app'] } });
  });

  it.each([
    [{}],
    [{ backup: { namespace: 'velero' } }],
    [{ backup: { namespace: 'velero', name: 'b', extra: 1 } }],
    [{ backup: { spec: {} } }],
  ])('rejects %j', (request) => {
    expect(policyPlanRequestSchema.safeParse(request).success).toBe(false);
  });

  it('is registered as a versioned rpc answered by the policy queue group', () => {
    const contract = ferryContracts.messages.policyEvaluate;
    expect(contract).toMatchObject({ name: 'policy.evaluate', version: 1, delivery: 'request', queueGroup: 'policy-evaluate' });
    expect(contract.subject.pattern).toBe('ferry.rpc.policy.v1.evaluate');
  });
});

describe('policy messages - reply', () => {
  const plan = {
    backup: { namespace: 'velero', name: 'b' },
    namespaces: ['app'],
    policySources: [{ origin: 'backup', configMap: { namespace: 'velero', name: 'p' }, key: 'policies.yaml', volumePolicies: 1 }],
    settings: {
      defaultVolumesToFsBackup: false,
      defaultVolumesToFsBackupSource: 'server-default',
      pvcsExcludedByResourceFilter: false,
      datamover: '',
    },
    entries: [
      {
        target: { kind: 'pvc', claim: { namespace: 'app', name: 'data' }, volumeName: 'pv-1' },
        approach: 'snapshot',
        outcome: 'perform',
        action: 'snapshot',
        reason: {
          kind: 'policy-match',
          position: 0,
          origin: 'backup',
          index: 0,
          conditions: { storageClass: ['gp3'] },
          action: { type: 'snapshot', parameters: {} },
        },
        reasonText: 'perform: volumePolicies[0] (backup) {storageClass: [gp3]} → snapshot',
        dataMover: { dataMover: '', source: 'backup-spec' },
      },
      {
        target: { kind: 'pod-volume', pod: { namespace: 'app', name: 'web' }, volume: 'cache' },
        approach: 'fs-backup',
        outcome: 'skip',
        reason: { kind: 'legacy-opt-in', annotation: 'backup.velero.io/backup-volumes', listed: false },
        reasonText: 'skip: not in pod annotation backup.velero.io/backup-volumes (defaultVolumesToFsBackup is false)',
      },
      {
        target: { kind: 'pvc', claim: { namespace: 'app', name: 'pending' }, volumeName: '' },
        approach: 'snapshot',
        outcome: 'error',
        reason: {
          kind: 'pvc-not-bound',
          claim: { namespace: 'app', name: 'pending' },
          problem: 'no-volume-name',
          phase: 'Pending',
          volumeName: '',
        },
        reasonText: 'error: PVC app/pending has no volume backing this claim',
        error: { code: 'VOLUME_POLICY_PVC_NOT_BOUND', message: 'PVC app/pending has no volume backing this claim' },
      },
    ],
    summary: { perform: 1, skip: 1, error: 1 },
    stats: {
      apiRequests: 6,
      requestsByResource: { backups: 1 },
      listScope: 'namespace',
      objects: { namespaces: 1, pods: 1, persistentVolumeClaims: 2, persistentVolumes: 1 },
      work: { decisions: 3, policyEvaluations: 2, claimMountChecks: 0, indexEntries: 3 },
      inventoryMs: 12.5,
      planMs: 0.4,
    },
  };

  it('accepts a plan and keeps every field', () => {
    expect(backupVolumePlanSchema.parse(plan)).toEqual(plan);
  });

  it('rejects an unknown reason kind and an unknown outcome', () => {
    const badReason = { ...plan, entries: [{ ...plan.entries[1], reason: { kind: 'gut-feeling' } }] };
    const badOutcome = { ...plan, entries: [{ ...plan.entries[1], outcome: 'maybe' }] };
    expect(backupVolumePlanSchema.safeParse(badReason).success).toBe(false);
    expect(backupVolumePlanSchema.safeParse(badOutcome).success).toBe(false);
  });
});
