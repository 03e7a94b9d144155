// One application namespace with every kind of volume a plan must tell apart, the policy
// ConfigMaps (valid, invalid, two keys) and Backups pointing at them, created for real.
import { aBackup, aConfigMap, aPod, aPv, aPvc } from '../src/testing';
import type { PolicyTestHarness } from './policy-test-harness';

/** nfs → fs-backup; PVCs labelled tier=logs → skip; class `standard` → snapshot. */
export const scenarioPolicies = `version: v1
volumePolicies:
  - conditions:
      nfs: {}
    action:
      type: fs-backup
  - conditions:
      pvcLabels:
        tier: logs
    action:
      type: skip
  - conditions:
      storageClass: [standard]
    action:
      type: snapshot
`;

/** Capacity bounds the wrong way round (line 4, column 17) and an unknown condition (line 5, column 7). */
export const invalidPolicies = `version: v1
volumePolicies:
  - conditions:
      capacity: "10Gi,1Gi"
      colour: blue
    action:
      type: snapshot
`;

/** Names of what {@link createVolumeScenario} made. */
export interface VolumeScenario {
  readonly app: string;
  readonly nfsPv: string;
  /** Backups in the harness's Ferry namespace, by what their policy reference holds. */
  readonly backups: {
    readonly planned: string;
    readonly missingConfigMap: string;
    readonly invalidPolicies: string;
    readonly twoKeys: string;
    readonly otherKind: string;
    readonly noPolicies: string;
  };
}

/**
 * Namespace `pol-app-*`: PVC `db` (class standard), PVC `logs` (standard, label tier=logs), PVC
 * `share` pre-bound to a static NFS PV, PVC `pending` (unknown class, stays Pending); pod `web`
 * mounts db and an emptyDir `cache` opted in by annotation, pod `worker` mounts logs, pod `reader`
 * mounts share. Waits until every claim but `pending` is Bound.
 */
export async function createVolumeScenario(harness: PolicyTestHarness): Promise<VolumeScenario> {
  const app = await harness.createNamespace('pol-app');
  const ferry = harness.ferryNamespace;
  const nfsPv = `pol-nfs-${app}`;
  await harness.create(
    aPvc(app, 'db'),
    aPvc(app, 'logs', { labels: { tier: 'logs' } }),
    aPv(nfsPv, { claim: { namespace: app, name: 'share' }, nfs: { server: 'nfs.example.com', path: '/exports/share' } }),
    aPvc(app, 'share', { volumeName: nfsPv, storageClass: '' }),
    aPvc(app, 'pending', { storageClass: 'no-such-class' }),
    aPod(app, 'web', [{ name: 'db', claimName: 'db' }, { name: 'cache' }], { annotations: { 'backup.velero.io/backup-volumes': 'cache' } }),
    aPod(app, 'worker', [{ name: 'logs', claimName: 'logs' }]),
    aPod(app, 'reader', [{ name: 'share', claimName: 'share' }]),
    aConfigMap(ferry, `policies-${app}`, { 'policies.yaml': scenarioPolicies }),
    aConfigMap(ferry, `invalid-${app}`, { 'policies.yaml': invalidPolicies }),
    aConfigMap(ferry, `two-keys-${app}`, { a: scenarioPolicies, b: scenarioPolicies }),
  );
  const backups = {
    planned: `planned-${app}`,
    missingConfigMap: `missing-cm-${app}`,
    invalidPolicies: `invalid-${app}`,
    twoKeys: `two-keys-${app}`,
    otherKind: `other-kind-${app}`,
    noPolicies: `no-policies-${app}`,
  };
  const withPolicy = (name: string, kind: string, configMap: string) =>
    aBackup(ferry, name, { includedNamespaces: [app], resourcePolicy: { kind, name: configMap } });
  await harness.create(
    withPolicy(backups.planned, 'ConfigMap', `policies-${app}`),
    withPolicy(backups.missingConfigMap, 'configmap', `absent-${app}`),
    withPolicy(backups.invalidPolicies, 'ConfigMap', `invalid-${app}`),
    withPolicy(backups.twoKeys, 'CONFIGMAP', `two-keys-${app}`),
    withPolicy(backups.otherKind, 'Secret', `policies-${app}`),
    aBackup(ferry, backups.noPolicies, { includedNamespaces: [app] }),
  );
  await harness.waitForBound(app, ['pending']);
  return { app, nfsPv, backups };
}

/** Decisions of a plan as `target → outcome (action): reason kind`, for compact assertions. */
export function decisionTable(
  entries: readonly {
    target: { kind: string; claim?: { name: string }; name?: string; pod?: { name: string }; volume?: string };
    outcome: string;
    action?: string;
    reason: { kind: string };
  }[],
): Record<string, string> {
  return Object.fromEntries(
    entries.map((e) => {
      const t = e.target;
      const key = t.kind === 'pvc' ? `pvc ${t.claim?.name}` : t.kind === 'pv' ? `pv of ${t.claim?.name}` : `pod ${t.pod?.name}/${t.volume}`;
      return [key, `${e.outcome}${e.action ? ` (${e.action})` : ''}: ${e.reason.kind}`];
    }),
  );
}
