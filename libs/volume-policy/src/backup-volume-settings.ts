// The Backup settings the volume decisions read, and how to take them from a Backup spec.
import type { BackupSpec } from '@ferry/api';
import type { PolicyMatchReason } from './decision-reason';
import type { PolicyMatch } from './resource-policies';

/** Backup settings read by the snapshot and fs-backup decisions. */
export interface BackupVolumeSettings {
  /** `spec.snapshotVolumes`; unset (undefined or null) behaves as true. */
  readonly snapshotVolumes?: boolean | null;
  /** `spec.defaultVolumesToFsBackup`; only `true` switches to opt-out. */
  readonly defaultVolumesToFsBackup?: boolean | null;
  /**
   * Whether the Backup's resource filters exclude `persistentvolumeclaims` (Velero's
   * `!ResourceIncludesExcludes.ShouldInclude("persistentvolumeclaims")`). Resolving resource names
   * needs API discovery, so the caller computes it; default false.
   */
  readonly pvcsExcludedByResourceFilter?: boolean;
  /** `spec.datamover` ([newest] default for DataUploads when no policy names one). */
  readonly datamover?: string | null;
}

/**
 * Takes the settings from a Backup spec. `pvcsExcludedByResourceFilter` must come from the
 * caller's resource-filter evaluation. Pure.
 */
export function backupVolumeSettingsOf(spec: BackupSpec, pvcsExcludedByResourceFilter: boolean): BackupVolumeSettings {
  return {
    snapshotVolumes: spec.snapshotVolumes ?? undefined,
    defaultVolumesToFsBackup: spec.defaultVolumesToFsBackup ?? undefined,
    pvcsExcludedByResourceFilter,
    datamover: spec.datamover ?? undefined,
  };
}

/** The reason recorded when a volume policy decides. */
export function policyMatchReason(match: PolicyMatch): PolicyMatchReason {
  const { policy } = match;
  return {
    kind: 'policy-match',
    position: match.position,
    origin: policy.origin,
    index: policy.index,
    conditions: policy.conditions,
    action: policy.action,
  };
}
