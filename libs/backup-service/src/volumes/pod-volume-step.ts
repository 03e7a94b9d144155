// The PodVolumeBackups of a Backup's fs-backup volumes, as Velero's pod volume backupper creates
// them (pkg/podvolume/backupper.go): only for a running pod and a volume a container mounts; a
// volume that already has its PodVolumeBackup (found by the Backup's UID label) is left alone.
import type { Backup, PodVolumeBackup } from '@ferry/api';
import {
  backupPodVolumeBackup,
  SkipApproach,
  VeleroSkipReason,
  type FsBackupWork,
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

const mounted = (pod: V1Pod, volume: string): boolean =>
  (pod.spec?.containers ?? []).some((container) => (container.volumeMounts ?? []).some((mount) => mount.name === volume));

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
 * Creates the missing PodVolumeBackups. A pod that is not Running skips its claim volumes with
 * Velero's `encountered a problem with backing up the PVC of pod <ns>/<pod>: pod is not running`;
 * a volume no container mounts is skipped with Velero's sentence. Resolves with those skips.
 */
export async function backUpPodVolumes(input: PodVolumeStepInput): Promise<Skipped[]> {
  const skipped: Skipped[] = [];
  for (const work of input.work) {
    const done = input.existing.some(
      (pvb) => pvb.spec?.pod.namespace === work.pod.namespace && pvb.spec.pod.name === work.pod.name && pvb.spec.volume === work.volume,
    );
    if (done) continue;
    const pod = input.pods.get(refKey(work.pod));
    if (!pod || pod.status?.phase !== 'Running' || !pod.spec?.nodeName) {
      const reason = `encountered a problem with backing up the PVC of pod ${work.pod.namespace}/${work.pod.name}: pod is not running`;
      skipped.push(...skippedClaim(input, work, reason));
      continue;
    }
    if (!mounted(pod, work.volume)) {
      const reason = `volume ${work.volume} is declared in pod ${work.pod.namespace}/${work.pod.name} but not mounted by any container, skipping`;
      skipped.push(...skippedClaim(input, work, reason));
      continue;
    }
    const claim = work.claimName === undefined ? undefined : input.claims.get(`${work.pod.namespace}/${work.claimName}`);
    // Carries the Backup's trace context: the transfer joins the Backup's trace.
    await input.clients.podVolumeBackups.create(
      withTraceAnnotations(
        backupPodVolumeBackup({
          backup: input.backup,
          pod: { ...work.pod, uid: pod.metadata?.uid ?? '', node: pod.spec.nodeName },
          volume: work.volume,
          claim: claim ? { name: claim.metadata?.name ?? '', uid: claim.metadata?.uid ?? '' } : undefined,
          uploaderType: input.uploaderType,
        }),
      ),
    );
  }
  return skipped;
}
