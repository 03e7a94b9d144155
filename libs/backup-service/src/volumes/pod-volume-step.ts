// The PodVolumeBackups of a Backup's fs-backup volumes, as Velero's pod volume backupper creates
// them (pkg/podvolume/backupper.go), for the volumes `choosePodVolumeBackups` chooses; a volume
// that already has its PodVolumeBackup (found by the Backup's UID label) is left alone.
import type { Backup, PodVolumeBackup } from '@ferry/api';
import {
  backupPodVolumeBackup,
  choosePodVolumeBackups,
  SkipApproach,
  VeleroSkipReason,
  type FsBackupWork,
  type PodVolumeFacts,
  type VolumeFacts,
  type VolumeInfoInput,
} from '@ferry/backup';
import type { V1PersistentVolumeClaim, V1Pod } from '@kubernetes/client-node';
import { withTraceAnnotations } from '@ferry/telemetry';
import { refKey, type VolumeResourceClients } from './volume-cluster-reader';

/** What the pod volume step reads. */
export interface PodVolumeStepInput {
  readonly clients: VolumeResourceClients;
  readonly backup: Backup;
  readonly work: readonly FsBackupWork[];
  readonly pods: ReadonlyMap<string, V1Pod>;
  readonly claims: ReadonlyMap<string, V1PersistentVolumeClaim>;
  /** PV facts by claim key. */
  readonly volumes: Readonly<Record<string, VolumeFacts>>;
  readonly existing: readonly PodVolumeBackup[];
  readonly uploaderType: 'kopia' | 'restic';
}

type Skipped = Extract<VolumeInfoInput, { kind: 'skipped' }>;

/** What Velero's pod volume backupper reads of `pod`. */
function podVolumeFacts(pod: V1Pod): PodVolumeFacts {
  const containers = pod.spec?.containers ?? [];
  return {
    running: pod.status?.phase === 'Running' && Boolean(pod.spec?.nodeName),
    mounts: new Set(containers.flatMap((container) => (container.volumeMounts ?? []).map((mount) => mount.name))),
    devices: new Set(containers.flatMap((container) => (container.volumeDevices ?? []).map((device) => device.name))),
  };
}

/** Velero's skip of a claim volume whose pod could not be backed up (skipAllPodVolumes / not mounted). */
function skippedClaim(input: PodVolumeStepInput, work: FsBackupWork, reason: string): Skipped[] {
  if (work.claimName === undefined) return [];
  const claim = { namespace: work.pod.namespace, name: work.claimName };
  const volume = input.volumes[refKey(claim)];
  if (!volume) return [];
  return [
    {
      kind: 'skipped',
      claim,
      volume,
      reasons: [
        { approach: SkipApproach.PodVolume, reason },
        { approach: SkipApproach.VolumeSnapshot, reason: VeleroSkipReason.SnapshotCriteria },
      ],
    },
  ];
}

/**
 * Creates the missing PodVolumeBackups that {@link choosePodVolumeBackups} chooses (a claim once,
 * none for a pod that is not Running, a claim on a hostPath PV, a block volume or a volume no
 * container mounts). Resolves with the skips of claim volumes, with Velero's reasons.
 */
export async function backUpPodVolumes(input: PodVolumeStepInput): Promise<Skipped[]> {
  const facts = new Map([...input.pods].map(([key, pod]) => [key, podVolumeFacts(pod)]));
  const existing = input.existing.flatMap((pvb) =>
    pvb.spec ? [{ pod: { namespace: pvb.spec.pod.namespace ?? '', name: pvb.spec.pod.name ?? '' }, volume: pvb.spec.volume }] : [],
  );
  const choice = choosePodVolumeBackups(input.work, facts, existing);
  for (const work of choice.create) {
    const pod = input.pods.get(refKey(work.pod));
    const claim = work.claimName === undefined ? undefined : input.claims.get(`${work.pod.namespace}/${work.claimName}`);
    // Carries the Backup's trace context: the transfer joins the Backup's trace.
    await input.clients.podVolumeBackups.create(
      withTraceAnnotations(
        backupPodVolumeBackup({
          backup: input.backup,
          pod: { ...work.pod, uid: pod?.metadata?.uid ?? '', node: pod?.spec?.nodeName ?? '' },
          volume: work.volume,
          claim: claim ? { name: claim.metadata?.name ?? '', uid: claim.metadata?.uid ?? '' } : undefined,
          uploaderType: input.uploaderType,
        }),
      ),
    );
  }
  return choice.skipped.flatMap((skip) => skippedClaim(input, skip.work, skip.reason));
}
