import { evaluatePolicyDocument, validatePolicyDocument } from './policy-dry-run';

const document = `version: v1
volumePolicies:
  - conditions:
      nfs: {}
    action:
      type: fs-backup
  - conditions:
      capacity: "0,10Gi"
      storageClass: [gp3]
    action:
      type: snapshot
      parameters:
        dataMover: velero
`;

describe('policy dry run - validate', () => {
  it('accepts a valid document and counts its policies', () => {
    expect(validatePolicyDocument(document)).toEqual({ valid: true, volumePolicies: 2, issues: [] });
  });

  it('reports every issue with path, line and column', () => {
    const result = validatePolicyDocument(
      'version: v1\nvolumePolicies:\n  - conditions:\n      colour: red\n    action:\n      type: delete\n',
    );
    expect(result.valid).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({ path: 'volumePolicies[0].conditions.colour', line: 4, column: 7 }),
      expect.objectContaining({
        path: 'volumePolicies[0].action.type',
        line: 6,
        column: 13,
        message: expect.stringMatching(/invalid action type delete/),
      }),
    ]);
  });

  it("reports Velero's filter policy rules (POST /v1/policies/validate)", () => {
    const result = validatePolicyDocument(
      'version: v1\nclusterScopedFilterPolicy:\n  resourceFilters:\n  - kinds: ["*"]\nnamespacedFilterPolicies:\n- namespaces: [app]\n  resourceFilters:\n  - kinds: [Pod]\n    names: ["[web"]\n',
    );
    expect(result).toEqual({
      valid: false,
      volumePolicies: 0,
      issues: [
        expect.objectContaining({
          code: 'INVALID_FILTER_POLICY',
          path: 'clusterScopedFilterPolicy.resourceFilters[0].kinds',
          line: 4,
          column: 12,
          message: expect.stringMatching(/^kinds must be specified \(catch-all is not supported\)/),
        }),
        expect.objectContaining({
          path: 'namespacedFilterPolicies[0].resourceFilters[0].names[0]',
          line: 9,
          column: 13,
          message: 'invalid glob pattern "[web": unexpected end of input',
        }),
      ],
    });
  });
});

describe('policy dry run - evaluate', () => {
  it('reports the first matching policy, its action and reason per volume', () => {
    const outcome = evaluatePolicyDocument(document, [
      { name: 'nfs', pv: { spec: { nfs: { server: 's', path: '/p' }, capacity: { storage: '1Ti' } } } },
      { name: 'small-gp3', pv: { spec: { storageClassName: 'gp3', capacity: { storage: '5Gi' }, csi: { driver: 'ebs' } } } },
      { name: 'big-gp3', pv: { spec: { storageClassName: 'gp3', capacity: { storage: '50Gi' } } } },
      { name: 'empty-dir', podVolume: { name: 'cache', emptyDir: {} } },
      { pvc: { status: { phase: 'Pending' } } },
    ]);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.volumes.map((v) => [v.name, v.matchedAs, v.action ?? 'none'])).toEqual([
      ['nfs', 'pv', 'fs-backup'],
      ['small-gp3', 'pv', 'snapshot'],
      ['big-gp3', 'pv', 'none'],
      ['empty-dir', 'pod-volume', 'none'],
      [undefined, 'pvc', 'none'],
    ]);
    expect(outcome.volumes[1]).toMatchObject({
      attributes: { capacity: '5368709120', storageClass: 'gp3', volumeType: 'csi' },
      policy: { position: 1, index: 1, action: { type: 'snapshot', parameters: { dataMover: 'velero' } } },
      reason: 'volumePolicies[1] (backup) {capacity: "0,10Gi", storageClass: [gp3]} → snapshot (dataMover=velero)',
    });
    expect(outcome.volumes[2]?.reason).toMatch(/^no volume policy matched/);
  });

  it('returns the issues of an invalid document', () => {
    expect(evaluatePolicyDocument('version: v9', [{ pvc: {} }])).toEqual({
      ok: false,
      issues: [expect.objectContaining({ path: 'version' })],
    });
  });
});
