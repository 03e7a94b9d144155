// Test builders: small Kubernetes objects and policy sets with only the fields a test cares about.
// Not exported from the lib's entry; specs import them directly.
import { stringify } from 'yaml';
import type { BackupVolumeSettings } from '../backup-volume-settings';
import type { ResourcePolicies } from '../resource-policies';
import type { PersistentVolumeClaimInput, PersistentVolumeInput, PodInput, PodVolumeInput } from '../volume-inputs';
import { parseResourcePolicies } from '../volume-policy-parser';

type PvSpec = NonNullable<PersistentVolumeInput['spec']>;
type PvcSpec = NonNullable<PersistentVolumeClaimInput['spec']>;

/** A PV; `capacity` is `spec.capacity.storage`. Default: 10Gi CSI volume of class `gp3`. */
export function aPv(name: string, options: Partial<PvSpec> & { storage?: string } = {}): PersistentVolumeInput {
  const { storage = '10Gi', ...spec } = options;
  return {
    metadata: { name },
    spec: {
      capacity: { storage },
      storageClassName: 'gp3',
      csi: { driver: 'ebs.csi.aws.com', volumeAttributes: { type: 'gp3' } },
      ...spec,
    },
  };
}

/** A PV with exactly the given spec (no defaults). */
export function aBarePv(name: string, spec: PvSpec = {}): PersistentVolumeInput {
  return { metadata: { name }, spec };
}

/** A PV bound to claim `namespace/claim`. */
export function aBoundPv(name: string, namespace: string, claim: string, spec: Partial<PvSpec> = {}): PersistentVolumeInput {
  return aPv(name, { claimRef: { namespace, name: claim }, ...spec });
}

/** A PVC, bound to `pv-<name>` by default. */
export function aPvc(
  namespace: string,
  name: string,
  options: Partial<PvcSpec> & { labels?: Record<string, string>; phase?: string } = {},
): PersistentVolumeClaimInput {
  const { labels, phase = 'Bound', ...spec } = options;
  return {
    metadata: { namespace, name, ...(labels ? { labels } : {}) },
    spec: { volumeName: `pv-${name}`, accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem', ...spec },
    status: { phase },
  };
}

/** A pod with volumes and annotations. */
export function aPod(namespace: string, name: string, volumes: PodVolumeInput[], annotations?: Record<string, string>): PodInput {
  return { metadata: { namespace, name, ...(annotations ? { annotations } : {}) }, spec: { volumes } };
}

/** A pod volume mounting a PVC. */
export const pvcVolume = (name: string, claimName: string): PodVolumeInput => ({ name, persistentVolumeClaim: { claimName } });
/** A pod volume of any presence-only source kind (emptyDir, hostPath, secret...). */
export const sourceVolume = (name: string, kind: string): PodVolumeInput => ({ name, [kind]: {} }) as PodVolumeInput;
/** An inline NFS pod volume. */
export const nfsVolume = (name: string, server: string, path: string): PodVolumeInput => ({ name, nfs: { server, path } });
/** An inline CSI pod volume. */
export const csiVolume = (name: string, driver: string, volumeAttributes?: Record<string, string>): PodVolumeInput => ({
  name,
  csi: { driver, ...(volumeAttributes ? { volumeAttributes } : {}) },
});

/** One policy as it would be written in YAML. */
export interface PolicySpec {
  readonly conditions?: Record<string, unknown>;
  readonly action: string;
  readonly parameters?: Record<string, unknown>;
}

/** A policy spec: `when({storageClass: ['gp2']}, 'skip')`. */
export function when(conditions: Record<string, unknown>, action: string, parameters?: Record<string, unknown>): PolicySpec {
  return { conditions, action, ...(parameters ? { parameters } : {}) };
}

/** The YAML document of the given policies. */
export function policyYaml(...policies: PolicySpec[]): string {
  return stringify({
    version: 'v1',
    volumePolicies: policies.map((p) => ({
      conditions: p.conditions ?? {},
      action: { type: p.action, ...(p.parameters ? { parameters: p.parameters } : {}) },
    })),
  });
}

/** Parsed policies (through the real parser); throws if the test wrote an invalid policy. */
export function policies(...specs: PolicySpec[]): ResourcePolicies {
  const result = parseResourcePolicies(policyYaml(...specs));
  if (!result.ok) throw new Error(`test policy invalid: ${JSON.stringify(result.issues)}`);
  return result.policies;
}

/** Parsed global policies (origin `global`). */
export function globalPolicies(...specs: PolicySpec[]): ResourcePolicies {
  const result = parseResourcePolicies(policyYaml(...specs), { origin: 'global' });
  if (!result.ok) throw new Error(`test policy invalid: ${JSON.stringify(result.issues)}`);
  return result.policies;
}

/** Backup settings; defaults are Velero's (nothing set). */
export function aBackup(settings: BackupVolumeSettings = {}): BackupVolumeSettings {
  return settings;
}
