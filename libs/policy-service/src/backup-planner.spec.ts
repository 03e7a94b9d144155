import { planBackup, type PlanBackupOptions } from './backup-planner';
import { BackupNotFoundError, InvalidGlobalPoliciesError, InvalidResourcePoliciesError } from './errors';
import type { BackupPlan } from './plan-message';
import { aBackup, aConfigMap, aNamespace, aPod, aPv, aPvc, fakeApiServer, type FakeApiServer, policyDocument } from './testing';

const options: PlanBackupOptions = { serviceNamespace: 'velero' };
const policies = policyDocument(
  { conditions: { nfs: {} }, action: { type: 'fs-backup' } },
  { conditions: { storageClass: ['standard'] }, action: { type: 'snapshot' } },
);

/** Namespace `app` (the backup's) and `other`; PVCs bound to a CSI and an NFS PV, one pending. */
function cluster(): FakeApiServer {
  return fakeApiServer()
    .add('namespaces', aNamespace('app'), aNamespace('other'), aNamespace('velero'))
    .add(
      'persistentvolumes',
      aPv('pv-data', { claim: { namespace: 'app', name: 'data' }, storageClass: 'standard' }),
      aPv('pv-logs', { claim: { namespace: 'app', name: 'logs' }, nfs: { server: 'nfs.local', path: '/logs' } }),
      aPv('pv-other', { claim: { namespace: 'other', name: 'x' }, storageClass: 'standard' }),
    )
    .add(
      'persistentvolumeclaims',
      aPvc('app', 'data', { volumeName: 'pv-data' }),
      aPvc('app', 'logs', { volumeName: 'pv-logs', storageClass: '' }),
      aPvc('app', 'pending'),
      aPvc('other', 'x', { volumeName: 'pv-other' }),
    )
    .add(
      'pods',
      aPod('app', 'web', [{ name: 'data', claimName: 'data' }, { name: 'cache' }], {
        annotations: { 'backup.velero.io/backup-volumes': 'cache' },
      }),
      aPod('app', 'db', [{ name: 'logs', claimName: 'logs' }]),
      aPod('other', 'y', [{ name: 'x', claimName: 'x' }]),
    )
    .add('configmaps', aConfigMap('velero', 'pol', { 'policies.yaml': policies }));
}

const backupSpec = { includedNamespaces: ['app'], resourcePolicy: { kind: 'ConfigMap', name: 'pol' } };

function decisions(plan: BackupPlan): Record<string, string> {
  return Object.fromEntries(
    plan.entries.map((e) => {
      const t = e.target;
      const key = t.kind === 'pvc' ? `pvc ${t.claim.name}` : t.kind === 'pv' ? `pv ${t.name}` : `pod ${t.pod.name}/${t.volume}`;
      return [key, `${e.outcome}${e.action ? ` (${e.action})` : ''}: ${e.reason.kind}`];
    }),
  );
}

describe('backup planner - decisions', () => {
  it('plans every volume of the backup with its policy or legacy reason', async () => {
    const api = cluster().add('backups', aBackup('velero', 'b1', backupSpec));
    const plan = await planBackup(api, { namespace: 'velero', name: 'b1' }, options);

    expect(decisions(plan)).toEqual({
      'pvc data': 'perform (snapshot): policy-match',
      'pvc logs': 'skip (fs-backup): policy-match',
      'pvc pending': 'error: pvc-not-bound',
      'pv pv-data': 'perform (snapshot): policy-match',
      'pv pv-logs': 'skip (fs-backup): policy-match',
      'pod web/data': 'skip (snapshot): policy-match',
      'pod web/cache': 'perform: legacy-opt-in',
      'pod db/logs': 'perform (fs-backup): policy-match',
    });
    expect(plan.namespaces).toEqual(['app']);
    expect(plan.policySources).toEqual([
      { origin: 'backup', configMap: { namespace: 'velero', name: 'pol' }, key: 'policies.yaml', volumePolicies: 2 },
    ]);
    expect(plan.summary).toEqual({ perform: 4, skip: 3, error: 1 });
    const pending = plan.entries.find((e) => e.target.kind === 'pvc' && e.target.claim.name === 'pending');
    expect(pending?.error).toEqual({ code: 'VOLUME_POLICY_PVC_NOT_BOUND', message: 'PVC app/pending has no volume backing this claim' });
    const data = plan.entries.find((e) => e.target.kind === 'pvc' && e.target.claim.name === 'data');
    expect(data?.reasonText).toBe('perform: volumePolicies[1] (backup) {storageClass: [standard]} → snapshot');
    expect(data?.dataMover).toEqual({ dataMover: '', source: 'backup-spec' });
  });

  it('reads a constant number of requests: backup, configmap, namespaces, PVs, PVCs, pods', async () => {
    const api = cluster().add('backups', aBackup('velero', 'b1', backupSpec));
    const plan = await planBackup(api, { namespace: 'velero', name: 'b1' }, options);
    expect(plan.stats.apiRequests).toBe(6);
    expect(plan.stats.requestsByResource).toEqual({
      backups: 1,
      configmaps: 1,
      namespaces: 1,
      persistentvolumes: 1,
      persistentvolumeclaims: 1,
      pods: 1,
    });
    expect(plan.stats.listScope).toBe('namespace');
    expect(api.requests).toHaveLength(6);
  });

  it('makes as many requests for 30 volumes as for 3', async () => {
    const requestsFor = async (volumes: number): Promise<number> => {
      const api = fakeApiServer()
        .add('namespaces', aNamespace('big'))
        .add('backups', aBackup('velero', 'b', { includedNamespaces: ['*'] }));
      for (let i = 0; i < volumes; i++) {
        api.add('persistentvolumes', aPv(`pv-${i}`, { claim: { namespace: 'big', name: `c-${i}` }, storageClass: 'standard' }));
        api.add('persistentvolumeclaims', aPvc('big', `c-${i}`, { volumeName: `pv-${i}` }));
        api.add('pods', aPod('big', `p-${i}`, [{ name: 'v', claimName: `c-${i}` }]));
      }
      const plan = await planBackup(api, { namespace: 'velero', name: 'b' }, options);
      expect(plan.entries).toHaveLength(volumes * 3);
      expect(plan.stats.listScope).toBe('cluster');
      return plan.stats.apiRequests;
    };
    expect(await requestsFor(3)).toBe(5);
    expect(await requestsFor(30)).toBe(5);
  });

  it('pages through lists with limit and continue', async () => {
    const api = cluster().add('backups', aBackup('velero', 'b1', backupSpec));
    const plan = await planBackup(api, { namespace: 'velero', name: 'b1' }, { ...options, listPageSize: 2 });
    expect(plan.stats.requestsByResource).toMatchObject({ namespaces: 2, persistentvolumes: 2, persistentvolumeclaims: 2, pods: 1 });
    expect(api.requests).toContain('GET /api/v1/namespaces/app/persistentvolumeclaims?limit=2&continue=2');
    expect(plan.entries).toHaveLength(8);
  });

  it('takes an inline backup, defaulting its namespace to the service namespace', async () => {
    const api = cluster();
    const plan = await planBackup(api, { backup: { metadata: { name: 'inline' }, spec: backupSpec } }, options);
    expect(plan.backup).toEqual({ namespace: 'velero', name: 'inline' });
    expect(plan.stats.requestsByResource['backups']).toBeUndefined();
    expect(plan.entries).toHaveLength(8);
  });

  it('applies the server default for defaultVolumesToFsBackup only when the backup leaves it unset', async () => {
    const spec = { includedNamespaces: ['app'] };
    const serverDefault = await planBackup(
      cluster(),
      { backup: { metadata: { name: 'b' }, spec } },
      { ...options, defaultVolumesToFsBackup: true },
    );
    expect(serverDefault.settings).toMatchObject({ defaultVolumesToFsBackup: true, defaultVolumesToFsBackupSource: 'server-default' });
    expect(decisions(serverDefault)['pod db/logs']).toBe('perform: legacy-opt-out');
    expect(decisions(serverDefault)['pvc logs']).toBe('skip: pv-taken-by-fs-backup');

    const own = await planBackup(
      cluster(),
      { backup: { metadata: { name: 'b' }, spec: { ...spec, defaultVolumesToFsBackup: false } } },
      { ...options, defaultVolumesToFsBackup: true },
    );
    expect(own.settings).toMatchObject({ defaultVolumesToFsBackup: false, defaultVolumesToFsBackupSource: 'backup' });
    expect(decisions(own)['pod db/logs']).toBe('skip: legacy-opt-in');
  });

  it('skips fs-backup of PVC volumes when the resource filter excludes PVCs', async () => {
    const plan = await planBackup(
      cluster(),
      { backup: { metadata: { name: 'b' }, spec: { ...backupSpec, excludedResources: ['pvc'] } } },
      options,
    );
    expect(plan.settings.pvcsExcludedByResourceFilter).toBe(true);
    expect(decisions(plan)['pod db/logs']).toBe('skip: pvcs-excluded-by-resource-filter');
  });

  it('plans only the pods and PVCs the label selector takes, plus claims of taken pods', async () => {
    const api = cluster().add('pods', aPod('app', 'labelled', [{ name: 'v', claimName: 'pending' }], { labels: { backup: 'yes' } }));
    const plan = await planBackup(
      api,
      { backup: { metadata: { name: 'b' }, spec: { includedNamespaces: ['app'], labelSelector: { matchLabels: { backup: 'yes' } } } } },
      options,
    );
    expect(Object.keys(decisions(plan))).toEqual(['pvc pending', 'pod labelled/v']);
  });

  it('ignores a resourcePolicy of another kind', async () => {
    const plan = await planBackup(
      cluster(),
      { backup: { metadata: { name: 'b' }, spec: { includedNamespaces: ['app'], resourcePolicy: { kind: 'Secret', name: 'pol' } } } },
      options,
    );
    expect(plan.policySources).toEqual([]);
    expect(decisions(plan)['pvc data']).toBe('perform: snapshot-volumes-setting');
  });
});

describe('backup planner - policy sources and failures', () => {
  const inline = (spec: Record<string, unknown>) => ({ backup: { metadata: { namespace: 'velero', name: 'b' }, spec } });

  it('rejects a missing backup', async () => {
    await expect(planBackup(cluster(), { namespace: 'velero', name: 'nope' }, options)).rejects.toThrow(BackupNotFoundError);
  });

  it("rejects a missing configmap with Velero's message", async () => {
    const failure = planBackup(cluster(), inline({ resourcePolicy: { kind: 'configmap', name: 'missing' } }), options);
    await expect(failure).rejects.toThrow(InvalidResourcePoliciesError);
    await expect(failure).rejects.toThrow('fail to get ResourcePolicies velero/missing ConfigMap: configmaps "missing" not found');
  });

  it('rejects a configmap without exactly one data key', async () => {
    const api = cluster().add('configmaps', aConfigMap('velero', 'two', { a: policies, b: policies }));
    await expect(planBackup(api, inline({ resourcePolicy: { kind: 'ConfigMap', name: 'two' } }), options)).rejects.toThrow(
      /^fail to read the ResourcePolicies from ConfigMap velero\/two: illegal resource policies velero\/two configmap/,
    );
  });

  it('rejects an invalid document with path, line and column', async () => {
    const document = 'version: v1\nvolumePolicies:\n  - conditions:\n      capacity: "5Gi"\n    action:\n      type: skip\n';
    const api = cluster().add('configmaps', aConfigMap('velero', 'bad', { p: document }));
    const failure = await planBackup(api, inline({ resourcePolicy: { kind: 'ConfigMap', name: 'bad' } }), options).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InvalidResourcePoliciesError);
    const error = failure as InvalidResourcePoliciesError;
    expect(error.message).toMatch(
      /^fail to read the ResourcePolicies from ConfigMap velero\/bad: data\["p"\] volumePolicies\[0\]\.conditions\.capacity \(line 4, column 17\): .*wrong format of Capacity/,
    );
    expect(error.issues[0]).toMatchObject({ path: 'volumePolicies[0].conditions.capacity', line: 4, column: 17 });
  });

  it('uses the validate prefix for semantic problems', async () => {
    const api = cluster().add('configmaps', aConfigMap('velero', 'v2', { p: 'version: v2\n' }));
    await expect(planBackup(api, inline({ resourcePolicy: { kind: 'ConfigMap', name: 'v2' } }), options)).rejects.toThrow(
      /^fail to validate ResourcePolicies in ConfigMap velero\/v2: data\["p"\] version \(line 1, column 10\): incompatible version number v2/,
    );
  });

  it("appends the global policies after the backup's own", async () => {
    const global = policyDocument({ conditions: {}, action: { type: 'skip' } });
    const api = cluster().add('configmaps', aConfigMap('velero', 'global', { g: global }));
    const plan = await planBackup(api, inline({ includedNamespaces: ['app'], resourcePolicy: { kind: 'ConfigMap', name: 'pol' } }), {
      ...options,
      globalPoliciesConfigMap: 'global',
    });
    expect(plan.policySources.map((s) => `${s.origin}:${s.configMap.name}`)).toEqual(['backup:pol', 'global:global']);
    const web = plan.entries.find((e) => e.target.kind === 'pod-volume' && e.target.volume === 'cache');
    expect(web?.reason).toMatchObject({ kind: 'policy-match', origin: 'global', position: 2, index: 0 });
    expect(plan.stats.requestsByResource['configmaps']).toBe(2);
  });

  it("reports a broken global configmap as the operator's problem", async () => {
    await expect(planBackup(cluster(), inline({}), { ...options, globalPoliciesConfigMap: 'absent' })).rejects.toThrow(
      InvalidGlobalPoliciesError,
    );
    await expect(planBackup(cluster(), inline({}), { ...options, globalPoliciesConfigMap: 'absent' })).rejects.toThrow(
      'fail to get global backup volume policies ConfigMap velero/absent: configmaps "absent" not found',
    );
  });

  it('rejects an includeExcludePolicy combined with the old resource filters', async () => {
    const document = 'version: v1\nincludeExcludePolicy:\n  includedNamespaceScopedResources: [pods]\n';
    const api = cluster().add('configmaps', aConfigMap('velero', 'ie', { p: document }));
    await expect(
      planBackup(api, inline({ includedResources: ['pods'], resourcePolicy: { kind: 'ConfigMap', name: 'ie' } }), options),
    ).rejects.toThrow(
      /^fail to validate ResourcePolicies in ConfigMap velero\/ie: include-resources, exclude-resources and include-cluster-resources are old filter parameters/,
    );
  });

  it("rejects a bad filter section with Velero's validate prefix and the issue's position", async () => {
    const document = 'version: v1\nnamespacedFilterPolicies:\n- namespaces: []\n  resourceFilters: [{kinds: [Pod]}]\n';
    const api = cluster().add('configmaps', aConfigMap('velero', 'nf', { p: document }));
    const failure = await planBackup(api, inline({ resourcePolicy: { kind: 'ConfigMap', name: 'nf' } }), options).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InvalidResourcePoliciesError);
    expect((failure as Error).message).toMatch(
      /^fail to validate ResourcePolicies in ConfigMap velero\/nf: data\["p"\] namespacedFilterPolicies\[0\]\.namespaces \(line 3, column 15\): at least one namespace must be specified/,
    );
  });

  it('rejects filter policies combined with the old resource filters', async () => {
    const document = 'version: v1\nclusterScopedFilterPolicy:\n  resourceFilters: [{kinds: [ClusterRole]}]\n';
    const api = cluster().add('configmaps', aConfigMap('velero', 'cs', { p: document }));
    await expect(
      planBackup(api, inline({ includeClusterResources: true, resourcePolicy: { kind: 'ConfigMap', name: 'cs' } }), options),
    ).rejects.toThrow(/They cannot be used with namespace-scoped or fine-grained global filter policies\.$/);
  });
});
