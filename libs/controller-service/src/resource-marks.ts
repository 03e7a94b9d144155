// What the controller records on a data-path resource besides its status: Velero's finalizers and
// expose-on-going label, and Ferry's own annotations that let a restarted controller continue
// (where the volume is exposed, which move attempt is current, whether restored data is written).
// Pure readers; changes are written through the store as a `DataPathChange`.
import { VeleroLabel } from '@ferry/api';
import { normalizePhase, type DataPathPhase, type MoveVolumeLocation } from '@ferry/data-movement';
import { dataPathProfiles, type DataPathResource } from './data-path-resources';

/** Ferry's annotations on data-path resources. */
export const FerryAnnotation = {
  /** JSON `{node, podUid, volumeDir, claimName?}`: where the mover finds the volume (set at Prepared). */
  MoveVolume: 'ferry.dev/move-volume',
  /** The current move attempt (1-based; absent = 1). */
  MoveAttempt: 'ferry.dev/move-attempt',
  /** DataDownload: the mover wrote the data; the PV hand-over (complete-restore) is under way. */
  DataWritten: 'ferry.dev/data-written',
  /** When the resource entered Canceling (RFC 3339), for the forced cancel after 1 h. */
  CancelingSince: 'ferry.dev/canceling-since',
} as const;

/** Where the data moves: the node and the volume on it. */
export interface MoveTarget extends MoveVolumeLocation {
  readonly node: string;
  /** PodVolumeBackup: the claim behind the pod volume (names the snapshot source). */
  readonly claimName?: string;
}

/** Whether the resource carries its kind's data-path finalizer. */
export function hasFinalizer(resource: DataPathResource): boolean {
  return (resource.metadata?.finalizers ?? []).includes(dataPathProfiles[resource.kind].finalizer);
}

/** Whether `resource` carries Velero's expose-on-going label. */
export function isExposeOnGoing(resource: DataPathResource): boolean {
  return resource.metadata?.labels?.[VeleroLabel.ExposeOnGoing] === 'true';
}

/** The value of one of Ferry's annotations, if set. */
export function annotationOf(resource: DataPathResource, key: string): string | undefined {
  return resource.metadata?.annotations?.[key];
}

/** The phase of a resource (absent = New). */
export function phaseOf(resource: DataPathResource | undefined): DataPathPhase {
  return normalizePhase(resource?.status?.phase);
}

/** The recorded move target, or undefined when none (or unreadable). */
export function moveTargetOf(resource: DataPathResource): MoveTarget | undefined {
  const text = resource.metadata?.annotations?.[FerryAnnotation.MoveVolume];
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<MoveTarget>;
    if (typeof parsed.node !== 'string' || typeof parsed.podUid !== 'string' || typeof parsed.volumeDir !== 'string') return undefined;
    return {
      node: parsed.node,
      podUid: parsed.podUid,
      volumeDir: parsed.volumeDir,
      ...(parsed.claimName ? { claimName: parsed.claimName } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The current move attempt (1 when not recorded). */
export function moveAttemptOf(resource: DataPathResource): number {
  const value = Number(resource.metadata?.annotations?.[FerryAnnotation.MoveAttempt] ?? '1');
  return Number.isInteger(value) && value >= 1 ? value : 1;
}

/** Epoch ms of an RFC 3339 field, or undefined. */
export function epochOf(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at;
}

/** `kind/namespace/name`: the key of a resource in maps and logs. */
export function resourceKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}
