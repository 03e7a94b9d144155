// Which fs-backup volumes get a PodVolumeBackup, as Velero's item backupper and pod volume
// backupper decide it (pkg/backup/item_backupper.go, pkg/podvolume/backupper.go BackupPodVolumes).
// Pure.
import type { FsBackupWork, OwnerRef } from './volume-work-plan';

/** What the pod volume step reads of one pod. */
export interface PodVolumeFacts {
  /** Phase Running and scheduled on a node (Velero's IsPodRunning). */
  readonly running: boolean;
  /** Volume names the pod's containers list under `volumeMounts`. */
  readonly mounts: ReadonlySet<string>;
  /** Volume names the pod's containers list under `volumeDevices` (block volumes). */
  readonly devices: ReadonlySet<string>;
}

/** A volume whose PodVolumeBackup already exists. */
export interface ExistingPodVolume {
  readonly pod: OwnerRef;
  readonly volume: string;
}

/** A volume Velero skips, with the reason its PVC summary records. */
export interface PodVolumeSkip {
  readonly work: FsBackupWork;
  readonly reason: string;
}

/** What to do with one Backup's fs-backup work. */
export interface PodVolumeChoice {
  /** The PodVolumeBackups to create. */
  readonly create: readonly FsBackupWork[];
  /** The skipped volumes, for the skip reasons of their claims. */
  readonly skipped: readonly PodVolumeSkip[];
}

const podKey = (pod: OwnerRef): string => `${pod.namespace}/${pod.name}`;
const claimKey = (work: FsBackupWork): string | undefined =>
  work.claimName === undefined ? undefined : `${work.pod.namespace}/${work.claimName}`;

/** Velero's skip reason for `work` on `pod`, `null` for a silent skip, `undefined` to back it up. */
function skipReason(work: FsBackupWork, pod: PodVolumeFacts | undefined): string | null | undefined {
  const where = `${work.pod.namespace}/${work.pod.name}`;
  if (!pod?.running) return `encountered a problem with backing up the PVC of pod ${where}: pod is not running`;
  if (work.onHostPath) return null;
  if (pod.devices.has(work.volume)) {
    return `volume ${work.volume} declared in pod ${where} is a block volume. Block volumes are not supported for fs backup, skipping`;
  }
  if (!pod.mounts.has(work.volume)) return `volume ${work.volume} is declared in pod ${where} but not mounted by any container, skipping`;
  return undefined;
}

/**
 * The PodVolumeBackups to create for `work` (in the plan's order, which stands for Velero's item
 * order) and the volumes skipped with Velero's reasons. A pod that is not running (or absent from
 * `pods`) skips every volume; a claim on a hostPath PV is skipped silently; a block volume and a
 * volume no container mounts are skipped. A claim is backed up once: after one pod's
 * PodVolumeBackup (created or `existing`) took it, other pods' volumes on it are left out silently,
 * and the skips recorded for it before are dropped (Velero's tracker `Take` and `unTrackSkippedPV`).
 */
export function choosePodVolumeBackups(
  work: readonly FsBackupWork[],
  pods: ReadonlyMap<string, PodVolumeFacts>,
  existing: readonly ExistingPodVolume[],
): PodVolumeChoice {
  const create: FsBackupWork[] = [];
  let skipped: PodVolumeSkip[] = [];
  const takenBy = new Map<string, string>();
  for (const item of work) {
    const claim = claimKey(item);
    const taker = claim === undefined ? undefined : takenBy.get(claim);
    if (taker !== undefined && taker !== podKey(item.pod)) continue;
    const done = existing.some((e) => podKey(e.pod) === podKey(item.pod) && e.volume === item.volume);
    const reason = done ? undefined : skipReason(item, pods.get(podKey(item.pod)));
    if (reason === null) continue;
    if (reason !== undefined) {
      skipped.push({ work: item, reason });
      continue;
    }
    if (!done) create.push(item);
    if (claim !== undefined) {
      takenBy.set(claim, podKey(item.pod));
      skipped = skipped.filter((skip) => claimKey(skip.work) !== claim);
    }
  }
  return { create, skipped };
}
