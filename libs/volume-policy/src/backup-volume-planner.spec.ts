import { planBackupVolumes, type BackupVolumePlanInput, type VolumePlanEntry } from './backup-volume-planner';
import { renderDecision } from './decision-reason';
import { aBackup, aBoundPv, aPod, aPvc, policies, pvcVolume, sourceVolume, when } from './testing';
import type { PersistentVolumeClaimInput, PersistentVolumeInput, PodInput } from './volume-inputs';

const describeEntry = (e: VolumePlanEntry): string => {
  const t = e.target;
  const name =
    t.kind === 'pvc' ? `pvc ${t.claim.namespace}/${t.claim.name}` : t.kind === 'pv' ? `pv ${t.name}` : `pod ${t.pod.name}/${t.volume}`;
  return `${name} ${e.approach} ${renderDecision(e.decision)}`;
};

describe('backup volume planner - one namespace', () => {
  const input: BackupVolumePlanInput = {
    backup: aBackup({ datamover: 'velero' }),
    policies: policies(
      when({ storageClass: ['fast'] }, 'snapshot', { dataMover: 'velero-block' }),
      when({ volumeTypes: ['emptyDir'] }, 'skip'),
    ),
    pods: [
      aPod('app', 'db', [pvcVolume('data', 'db-data'), sourceVolume('tmp', 'emptyDir'), sourceVolume('cfg', 'configMap')]),
      aPod('app', 'web', [pvcVolume('logs', 'logs'), pvcVolume('new', 'pending')], { 'backup.velero.io/backup-volumes': 'logs' }),
    ],
    persistentVolumeClaims: [aPvc('app', 'db-data'), aPvc('app', 'logs'), aPvc('app', 'pending', { phase: 'Pending', volumeName: '' })],
    persistentVolumes: [aBoundPv('pv-db-data', 'app', 'db-data', { storageClassName: 'fast' }), aBoundPv('pv-logs', 'app', 'logs')],
  };

  it('decides every PVC, PV and pod volume with its reason', () => {
    expect(planBackupVolumes(input).entries.map(describeEntry)).toEqual([
      'pvc app/db-data snapshot perform: volumePolicies[0] (backup) {storageClass: [fast]} → snapshot (dataMover=velero-block)',
      'pvc app/logs snapshot skip: already fs-backed up through pod app/web volume logs (opted in by pod annotation backup.velero.io/backup-volumes)',
      'pvc app/pending snapshot error: PVC app/pending has no volume backing this claim',
      'pv pv-db-data snapshot perform: volumePolicies[0] (backup) {storageClass: [fast]} → snapshot (dataMover=velero-block)',
      'pv pv-logs snapshot skip: already fs-backed up through pod app/web volume logs (opted in by pod annotation backup.velero.io/backup-volumes)',
      'pod db/data fs-backup skip: volumePolicies[0] (backup) {storageClass: [fast]} → snapshot (dataMover=velero-block)',
      'pod db/tmp fs-backup skip: volumePolicies[1] (backup) {volumeTypes: [emptyDir]} → skip',
      'pod db/cfg fs-backup skip: configMap volume: never fs-backed up',
      'pod web/logs fs-backup perform: opted in by pod annotation backup.velero.io/backup-volumes',
      'pod web/new fs-backup error: PVC app/pending has no volume backing this claim',
    ]);
  });

  it('records the policy action and the DataUpload data mover', () => {
    const [dbData, logs] = planBackupVolumes(input).entries;
    expect(dbData).toMatchObject({ policyAction: 'snapshot', dataMover: { dataMover: 'velero-block', source: 'volume-policy' } });
    expect(logs?.policyAction).toBeUndefined();
    const noPolicies = planBackupVolumes({ ...input, policies: undefined, pods: [] });
    expect(noPolicies.entries[0]?.dataMover).toEqual({ dataMover: 'velero', source: 'backup-spec' });
  });
});

/** A namespace-per-workload cluster: every pod mounts one claim and has an emptyDir; half opt in. */
function cluster(volumes: number): BackupVolumePlanInput {
  const pods: PodInput[] = [];
  const claims: PersistentVolumeClaimInput[] = [];
  const pvs: PersistentVolumeInput[] = [];
  for (let i = 0; i < volumes; i++) {
    const ns = `ns-${i % 50}`;
    claims.push(aPvc(ns, `claim-${i}`));
    pvs.push(aBoundPv(`pv-claim-${i}`, ns, `claim-${i}`));
    const annotations = i % 2 === 0 ? { 'backup.velero.io/backup-volumes': 'data' } : undefined;
    pods.push(aPod(ns, `pod-${i}`, [pvcVolume('data', `claim-${i}`), sourceVolume('tmp', 'emptyDir')], annotations));
  }
  return {
    backup: aBackup(),
    policies: policies(when({ storageClass: ['never'] }, 'skip'), when({ capacity: '1Ti,' }, 'skip')),
    pods,
    persistentVolumeClaims: claims,
    persistentVolumes: pvs,
  };
}

describe('backup volume planner - scale', () => {
  it('5,000 volumes: work grows linearly (counted, not timed)', () => {
    const small = planBackupVolumes(cluster(1000));
    const large = planBackupVolumes(cluster(5000));
    expect(large.entries).toHaveLength(5000 * 4);
    const total = (s: typeof small.stats) => s.decisions + s.policyEvaluations + s.claimMountChecks + s.indexEntries;
    expect(total(large.stats)).toBe(5 * total(small.stats));
    // Per volume: 4 decisions, ≤ 2 policies each, one mount check per PV/PVC, ~4 index entries.
    expect(large.stats.claimMountChecks).toBe(2 * 5000);
    expect(large.stats.policyEvaluations).toBeLessThanOrEqual(2 * large.stats.decisions);
    expect(total(large.stats)).toBeLessThanOrEqual(20 * 5000);
  });

  it('the large plan still decides correctly', () => {
    const plan = planBackupVolumes(cluster(5000));
    const pvcOutcomes = plan.entries.filter((e) => e.target.kind === 'pvc').map((e) => e.decision.outcome);
    expect(pvcOutcomes.filter((o) => o === 'skip')).toHaveLength(2500);
    expect(pvcOutcomes.filter((o) => o === 'perform')).toHaveLength(2500);
  });
});
