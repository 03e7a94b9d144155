// Why a volume is (or is not) snapshotted or fs-backed up: one discriminated union covering every
// rule of Velero's volume helper, and a renderer to one human line (for a CLI table).
import type { VolumeConditions } from '@ferry/api';
import type { VolumePolicyErrorCode } from './errors';
import type { LegacyFsBackupReason } from './legacy-fs-backup-rule';
import type { PolicyOrigin, VolumeAction } from './resource-policies';

/** `namespace/name` of a namespaced object. */
export interface ObjectRef {
  readonly namespace: string;
  readonly name: string;
}

/** Volume kinds (and the `default-token*` name rule) fs-backup never takes. */
export const NeverFsBackupKind = {
  HostPath: 'hostPath',
  Secret: 'secret',
  ConfigMap: 'configMap',
  Projected: 'projected',
  DownwardApi: 'downwardAPI',
  DefaultToken: 'default-token',
} as const;
/** One of {@link NeverFsBackupKind}. */
export type NeverFsBackupKind = (typeof NeverFsBackupKind)[keyof typeof NeverFsBackupKind];

/** A volume policy decided. */
export interface PolicyMatchReason {
  readonly kind: 'policy-match';
  /** Index in the (possibly combined) policy list. */
  readonly position: number;
  readonly origin: PolicyOrigin;
  /** Index in its own document's `volumePolicies`. */
  readonly index: number;
  readonly conditions: VolumeConditions;
  readonly action: VolumeAction;
}

/** The PVC has no usable PV: no `spec.volumeName`, not `Bound`, or the PV was not found. */
export interface PvcNotBoundReason {
  readonly kind: 'pvc-not-bound';
  readonly claim: ObjectRef;
  readonly problem: 'no-volume-name' | 'not-bound' | 'pv-not-found';
  readonly phase: string;
  readonly volumeName: string;
}

/** A pod volume names a PVC that does not exist. */
export interface PvcNotFoundReason {
  readonly kind: 'pvc-not-found';
  readonly claim: ObjectRef;
  readonly volume: string;
}

/** Every rule that can decide a snapshot or fs-backup question. */
export type DecisionReason =
  | PolicyMatchReason
  | { readonly kind: 'never-fs-backup-volume-kind'; readonly volumeKind: NeverFsBackupKind }
  | { readonly kind: 'pvcs-excluded-by-resource-filter' }
  | LegacyFsBackupReason
  | {
      /** The PV's claim is mounted by a pod whose legacy annotations select it for fs-backup. */
      readonly kind: 'pv-taken-by-fs-backup';
      readonly claim: ObjectRef;
      readonly pod: ObjectRef;
      readonly volume: string;
      readonly rule: LegacyFsBackupReason;
    }
  | { readonly kind: 'snapshot-volumes-setting'; readonly snapshotVolumes: boolean | undefined }
  | PvcNotBoundReason
  | PvcNotFoundReason;

/**
 * A decision. `error` is Velero's `(false, err)`: the item gets an error in the backup result
 * and nothing is done for the volume.
 */
export type VolumeDecision =
  | { readonly outcome: 'perform'; readonly reason: DecisionReason }
  | { readonly outcome: 'skip'; readonly reason: DecisionReason }
  | {
      readonly outcome: 'error';
      readonly reason: PvcNotBoundReason | PvcNotFoundReason;
      readonly code: VolumePolicyErrorCode;
      /** Velero's error text. */
      readonly message: string;
    };

/** Renders a reason as one line, e.g. `volumePolicies[1] (backup) {storageClass: [gp2]} → snapshot`. */
export function renderReason(reason: DecisionReason): string {
  switch (reason.kind) {
    case 'policy-match':
      return `volumePolicies[${reason.index}] (${reason.origin}) ${renderConditions(reason.conditions)} → ${renderAction(reason.action)}`;
    case 'never-fs-backup-volume-kind':
      return reason.volumeKind === NeverFsBackupKind.DefaultToken
        ? 'service-account token volume (name starts with "default-token"): never fs-backed up'
        : `${reason.volumeKind} volume: never fs-backed up`;
    case 'pvcs-excluded-by-resource-filter':
      return "PVC volume: the backup's resource filter excludes persistentvolumeclaims";
    case 'legacy-opt-in':
      return reason.listed
        ? `opted in by pod annotation ${reason.annotation}`
        : `not in pod annotation ${reason.annotation} (defaultVolumesToFsBackup is false)`;
    case 'legacy-opt-out':
      return reason.listed
        ? `opted out by pod annotation ${reason.annotation}`
        : `defaultVolumesToFsBackup is true and not in pod annotation ${reason.annotation}`;
    case 'pv-taken-by-fs-backup':
      return `already fs-backed up through pod ${reason.pod.namespace}/${reason.pod.name} volume ${reason.volume} (${renderReason(reason.rule)})`;
    case 'snapshot-volumes-setting':
      return reason.snapshotVolumes === undefined
        ? 'no volume policy matched; snapshotVolumes unset (defaults to true)'
        : `no volume policy matched; snapshotVolumes is ${String(reason.snapshotVolumes)}`;
    case 'pvc-not-bound':
      return pvcNotBoundMessage(reason);
    case 'pvc-not-found':
      return pvcNotFoundMessage(reason);
  }
}

/** Renders a decision as one line: `snapshot: <reason>`, `skip: <reason>` or `error: <message>`. */
export function renderDecision(decision: VolumeDecision): string {
  return decision.outcome === 'error' ? `error: ${decision.message}` : `${decision.outcome}: ${renderReason(decision.reason)}`;
}

/** Velero's error text for a PVC without a bound PV. */
export function pvcNotBoundMessage(reason: PvcNotBoundReason): string {
  const claim = `${reason.claim.namespace}/${reason.claim.name}`;
  switch (reason.problem) {
    case 'no-volume-name':
      return `PVC ${claim} has no volume backing this claim`;
    case 'not-bound':
      return `PVC ${claim} is in phase ${reason.phase} and is not bound to a volume`;
    case 'pv-not-found':
      return `failed to get PV ${reason.volumeName} for PVC ${claim}: persistentvolumes "${reason.volumeName}" not found`;
  }
}

/** Velero's error text for a pod volume whose PVC is missing. */
export function pvcNotFoundMessage(reason: PvcNotFoundReason): string {
  return (
    `failed to get PVC ${reason.claim.name} for Volume ${reason.claim.namespace}/${reason.volume}: ` +
    `persistentvolumeclaims "${reason.claim.name}" not found`
  );
}

/** Renders conditions as written, compactly: `{storageClass: [gp2], capacity: "0,10Gi"}`; `{}` matches all. */
export function renderConditions(conditions: VolumeConditions): string {
  const parts = Object.entries(conditions)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${renderValue(value)}`);
  return `{${parts.join(', ')}}`;
}

function renderAction(action: VolumeAction): string {
  const parameters = Object.entries(action.parameters).map(([key, value]) => `${key}=${renderValue(value)}`);
  return parameters.length > 0 ? `${action.type} (${parameters.join(', ')})` : action.type;
}

function renderValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(renderValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${renderValue(v)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string') return /^[\w./-]+$/.test(value) ? value : JSON.stringify(value);
  return String(value);
}
