// What the controller records on a data-path resource besides its status: Velero's finalizer and
// expose-on-going label, and Ferry's own annotations that let a restarted controller continue
// (where the volume is exposed, which move attempt is current, whether restored data is written).
// Pure helpers over copies of the object.
import { VeleroFinalizer, VeleroLabel } from '@ferry/api';
import type { MoveVolumeLocation } from '@ferry/data-movement';
import type { DataPathObject } from './data-path-resources';

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

/** Velero's timestamp format: RFC 3339 in seconds. */
export function kubeTime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Whether the resource carries the data-path finalizer. */
export function hasFinalizer(resource: DataPathObject): boolean {
  return (resource.metadata?.finalizers ?? []).includes(VeleroFinalizer.DataUploadDownload);
}

/** Adds or removes the finalizer on `resource` (mutates the copy). */
export function setFinalizer(resource: DataPathObject, present: boolean): void {
  const metadata = (resource.metadata ??= {});
  const others = (metadata.finalizers ?? []).filter((f) => f !== VeleroFinalizer.DataUploadDownload);
  metadata.finalizers = present ? [...others, VeleroFinalizer.DataUploadDownload] : others;
}

/** Sets or clears Velero's expose-on-going label (mutates the copy). */
export function setExposeOnGoing(resource: DataPathObject, on: boolean): void {
  const metadata = (resource.metadata ??= {});
  const labels = { ...(metadata.labels ?? {}) };
  if (on) labels[VeleroLabel.ExposeOnGoing] = 'true';
  else delete labels[VeleroLabel.ExposeOnGoing];
  metadata.labels = labels;
}

/** Sets (value) or removes (undefined) one annotation (mutates the copy). */
export function setAnnotation(resource: DataPathObject, key: string, value: string | undefined): void {
  const metadata = (resource.metadata ??= {});
  const annotations = { ...(metadata.annotations ?? {}) };
  if (value === undefined) delete annotations[key];
  else annotations[key] = value;
  metadata.annotations = annotations;
}

/** The recorded move target, or undefined when none (or unreadable). */
export function moveTargetOf(resource: DataPathObject): MoveTarget | undefined {
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
export function moveAttemptOf(resource: DataPathObject): number {
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
