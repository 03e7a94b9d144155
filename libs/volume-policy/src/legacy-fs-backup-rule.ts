// Velero's legacy (pre-policy) fs-backup selection by pod annotations: opt-in through
// `backup.velero.io/backup-volumes`, or — with the Backup's `defaultVolumesToFsBackup` — opt-out
// through `backup.velero.io/backup-volumes-excludes`. Values are split on "," and not trimmed.
import { VeleroAnnotation } from '@ferry/api';
import type { PodInput } from './volume-inputs';

/** The legacy rule that selected (or did not select) a volume. */
export type LegacyFsBackupReason =
  | {
      /** `defaultVolumesToFsBackup` is false: only volumes listed in the opt-in annotation. */
      readonly kind: 'legacy-opt-in';
      readonly annotation: typeof VeleroAnnotation.BackupVolumes;
      readonly listed: boolean;
    }
  | {
      /** `defaultVolumesToFsBackup` is true: every volume not listed in the opt-out annotation. */
      readonly kind: 'legacy-opt-out';
      readonly annotation: typeof VeleroAnnotation.BackupVolumesExcludes;
      readonly listed: boolean;
    };

/** Outcome of {@link legacyFsBackupRule}. */
export interface LegacyFsBackupResult {
  readonly selected: boolean;
  readonly reason: LegacyFsBackupReason;
}

/** Volume names in the pod's opt-in annotation (none when missing or empty). */
export function volumesToBackup(pod: PodInput): readonly string[] {
  const value = pod.metadata?.annotations?.[VeleroAnnotation.BackupVolumes];
  return value ? value.split(',') : [];
}

/**
 * Volume names in the pod's opt-out annotation. Like Velero, a pod with annotations but without
 * this one yields `[""]` (harmless: volume names are never empty).
 */
export function volumesToExclude(pod: PodInput): readonly string[] {
  const annotations = pod.metadata?.annotations;
  if (!annotations) return [];
  return (annotations[VeleroAnnotation.BackupVolumesExcludes] ?? '').split(',');
}

/**
 * Velero's `shouldPerformFSBackupLegacy`: whether the legacy annotations select `volumeName` of
 * `pod`. Pure. Note it applies no volume-kind filter (Velero uses it as is when deciding whether
 * a PV was already taken by fs-backup).
 */
export function legacyFsBackupRule(volumeName: string, pod: PodInput, defaultVolumesToFsBackup: boolean): LegacyFsBackupResult {
  if (!defaultVolumesToFsBackup) {
    const listed = volumesToBackup(pod).includes(volumeName);
    return { selected: listed, reason: { kind: 'legacy-opt-in', annotation: VeleroAnnotation.BackupVolumes, listed } };
  }
  const listed = volumesToExclude(pod).includes(volumeName);
  return { selected: !listed, reason: { kind: 'legacy-opt-out', annotation: VeleroAnnotation.BackupVolumesExcludes, listed } };
}
