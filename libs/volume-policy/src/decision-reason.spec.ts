import { renderConditions, renderDecision, renderReason, type DecisionReason } from './decision-reason';

const claim = { namespace: 'app', name: 'data' };

describe('decision reasons - one line each', () => {
  it.each<[DecisionReason, string]>([
    [
      {
        kind: 'policy-match',
        position: 3,
        origin: 'global',
        index: 1,
        conditions: { capacity: '0,10Gi', csi: { driver: 'd' } },
        action: { type: 'skip', parameters: {} },
      },
      'volumePolicies[1] (global) {capacity: "0,10Gi", csi: {driver: d}} → skip',
    ],
    [
      {
        kind: 'policy-match',
        position: 0,
        origin: 'backup',
        index: 0,
        conditions: {},
        action: { type: 'custom', parameters: { mover: 'x y', level: 3 } },
      },
      'volumePolicies[0] (backup) {} → custom (mover="x y", level=3)',
    ],
    [{ kind: 'never-fs-backup-volume-kind', volumeKind: 'hostPath' }, 'hostPath volume: never fs-backed up'],
    [
      { kind: 'never-fs-backup-volume-kind', volumeKind: 'default-token' },
      'service-account token volume (name starts with "default-token"): never fs-backed up',
    ],
    [{ kind: 'pvcs-excluded-by-resource-filter' }, "PVC volume: the backup's resource filter excludes persistentvolumeclaims"],
    [
      { kind: 'legacy-opt-in', annotation: 'backup.velero.io/backup-volumes', listed: true },
      'opted in by pod annotation backup.velero.io/backup-volumes',
    ],
    [
      { kind: 'legacy-opt-in', annotation: 'backup.velero.io/backup-volumes', listed: false },
      'not in pod annotation backup.velero.io/backup-volumes (defaultVolumesToFsBackup is false)',
    ],
    [
      { kind: 'legacy-opt-out', annotation: 'backup.velero.io/backup-volumes-excludes', listed: true },
      'opted out by pod annotation backup.velero.io/backup-volumes-excludes',
    ],
    [
      { kind: 'legacy-opt-out', annotation: 'backup.velero.io/backup-volumes-excludes', listed: false },
      'defaultVolumesToFsBackup is true and not in pod annotation backup.velero.io/backup-volumes-excludes',
    ],
    [
      {
        kind: 'pv-taken-by-fs-backup',
        claim,
        pod: { namespace: 'app', name: 'web' },
        volume: 'v',
        rule: { kind: 'legacy-opt-out', annotation: 'backup.velero.io/backup-volumes-excludes', listed: false },
      },
      'already fs-backed up through pod app/web volume v (defaultVolumesToFsBackup is true and not in pod annotation backup.velero.io/backup-volumes-excludes)',
    ],
    [
      { kind: 'snapshot-volumes-setting', snapshotVolumes: undefined },
      'no volume policy matched; snapshotVolumes unset (defaults to true)',
    ],
    [{ kind: 'snapshot-volumes-setting', snapshotVolumes: false }, 'no volume policy matched; snapshotVolumes is false'],
    [
      { kind: 'pvc-not-bound', claim, problem: 'no-volume-name', phase: 'Pending', volumeName: '' },
      'PVC app/data has no volume backing this claim',
    ],
    [
      { kind: 'pvc-not-bound', claim, problem: 'not-bound', phase: 'Lost', volumeName: 'pv-1' },
      'PVC app/data is in phase Lost and is not bound to a volume',
    ],
    [
      { kind: 'pvc-not-bound', claim, problem: 'pv-not-found', phase: 'Bound', volumeName: 'pv-1' },
      'failed to get PV pv-1 for PVC app/data: persistentvolumes "pv-1" not found',
    ],
    [{ kind: 'pvc-not-found', claim, volume: 'v' }, 'failed to get PVC data for Volume app/v: persistentvolumeclaims "data" not found'],
  ])('%j', (reason, line) => {
    expect(renderReason(reason)).toBe(line);
    expect(line).not.toContain('\n');
  });

  it('renders decisions with their outcome', () => {
    expect(renderDecision({ outcome: 'skip', reason: { kind: 'pvcs-excluded-by-resource-filter' } })).toBe(
      "skip: PVC volume: the backup's resource filter excludes persistentvolumeclaims",
    );
    expect(
      renderDecision({
        outcome: 'error',
        code: 'VOLUME_POLICY_PVC_NOT_FOUND',
        message: 'boom',
        reason: { kind: 'pvc-not-found', claim, volume: 'v' },
      }),
    ).toBe('error: boom');
  });

  it('renders conditions as written, lists and maps inline', () => {
    expect(renderConditions({ storageClass: ['gp2', 'gp3'], pvcLabels: { app: 'db' }, pvcAccessModes: ['ReadWriteOnce'] })).toBe(
      '{storageClass: [gp2, gp3], pvcLabels: {app: db}, pvcAccessModes: [ReadWriteOnce]}',
    );
  });
});
