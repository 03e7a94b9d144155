// One volume entry of a volume-info document read for people and indexes: which claim, how it was
// kept (method, data moved or not), the snapshot handle and sizes of the method's info object, and
// how long it took (backup entries only: a RestoreVolumeInfo has no timestamps). Pure.
import { VolumeInfoMethod, type BackupVolumeInfo, type RestoreVolumeInfo } from '@ferry/api';

/** A PersistentVolumeClaim by namespace and name. */
export interface ClaimRef {
  readonly namespace: string;
  readonly name: string;
}

/**
 * Where and how the exposer exposed a moved volume (from its records; no document holds it): the
 * node, the intermediate pod and claim (backupPod/backupPVC or restorePod/restorePVC), their
 * storage class and read-only mode, when the operation was accepted and exposed, and the
 * milliseconds waited by cause.
 */
export interface VolumeExposure {
  readonly node: string;
  readonly pod: string;
  readonly claim: string;
  readonly storageClass?: string | undefined;
  readonly readOnly: boolean;
  readonly acceptedAt?: string | undefined;
  readonly exposedAt: string;
  readonly waitsMs?: Readonly<Record<string, number>> | undefined;
}

/** What a volume entry says about one volume, whatever its method. */
export interface VolumeSummary {
  /** The claim of the entry; absent for a PV-only entry (no claim). */
  readonly claim?: ClaimRef;
  readonly pvName?: string;
  /** `backupMethod` / `restoreMethod`; absent for a skipped backup volume. */
  readonly method?: VolumeInfoMethod;
  readonly snapshotDataMoved: boolean;
  /** The handle of the method's info: repository snapshot ID when moved or fs-backed-up, storage snapshot for CSI and native. */
  readonly snapshotHandle?: string;
  /** Bytes of the volume (`size` of the method's info). */
  readonly bytes?: number;
  /** Bytes actually transferred by an incremental upload (`incrementalSize`). */
  readonly incrementalBytes?: number;
  readonly uploaderType?: string;
  readonly dataMover?: string;
  readonly nodeName?: string;
  /** From the exposer's records, for a moved volume. */
  readonly exposure?: VolumeExposure;
}

/** A backup volume entry's summary: its outcome and timing too. */
export interface BackupVolumeSummary extends VolumeSummary {
  readonly skipped: boolean;
  readonly skippedReason?: string;
  /** `succeeded` | `failed`; absent for a skipped volume. */
  readonly result?: string;
  readonly startTimestamp?: string;
  readonly completionTimestamp?: string;
  /** completion − start in milliseconds, when both are there and in order. */
  readonly durationMs?: number;
}

/** A restore volume entry's summary: the claim restored, and the claim of the backup it came from. */
export interface RestoreVolumeSummary extends VolumeSummary {
  /** The claim as it was backed up (the restore's namespace mapping undone); equals `claim` without a mapping. */
  readonly sourceClaim?: ClaimRef;
}

type MethodInfos = Pick<BackupVolumeInfo, 'csiSnapshotInfo' | 'snapshotDataMovementInfo' | 'nativeSnapshotInfo'>;
type PodInfo = NonNullable<BackupVolumeInfo['pvbInfo']>;

/** `value` without its undefined keys, so summaries compare and serialise without empty keys. Pure. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function claimOf(info: { pvcName?: string | undefined; pvcNamespace?: string | undefined }): ClaimRef | undefined {
  return info.pvcName && info.pvcNamespace ? { namespace: info.pvcNamespace, name: info.pvcName } : undefined;
}

/** The info object the method points at, as handle, sizes, uploader, mover and node. */
function methodFacts(method: string | undefined, moved: boolean, infos: MethodInfos, pod: PodInfo | undefined) {
  const movement = infos.snapshotDataMovementInfo;
  if (method === VolumeInfoMethod.CSISnapshot && moved && movement) {
    const { snapshotHandle, size: bytes, incrementalSize: incrementalBytes, uploaderType, dataMover } = movement;
    return { snapshotHandle, bytes, incrementalBytes, uploaderType, dataMover };
  }
  if (method === VolumeInfoMethod.CSISnapshot && infos.csiSnapshotInfo) {
    return { snapshotHandle: infos.csiSnapshotInfo.snapshotHandle, bytes: infos.csiSnapshotInfo.size };
  }
  if (method === VolumeInfoMethod.NativeSnapshot && infos.nativeSnapshotInfo) {
    return { snapshotHandle: infos.nativeSnapshotInfo.snapshotHandle };
  }
  if (pod) {
    const { snapshotHandle, size: bytes, incrementalSize: incrementalBytes, uploaderType, nodeName } = pod;
    return { snapshotHandle, bytes, incrementalBytes, uploaderType, nodeName: nodeName || undefined };
  }
  return {};
}

/** Milliseconds from `start` to `end` (RFC 3339), or undefined when either is missing or they are out of order. */
export function durationBetween(start: string | undefined, end: string | undefined): number | undefined {
  if (!start || !end) return undefined;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** Summarises one BackupVolumeInfo. Pure. */
export function backupVolumeSummary(info: BackupVolumeInfo): BackupVolumeSummary {
  const pod = info.backupMethod === VolumeInfoMethod.PodVolumeBackup ? info.pvbInfo : undefined;
  return withoutUndefined({
    claim: claimOf(info),
    pvName: info.pvName || undefined,
    method: info.backupMethod,
    snapshotDataMoved: info.snapshotDataMoved,
    ...methodFacts(info.backupMethod, info.snapshotDataMoved, info, pod),
    skipped: info.skipped,
    skippedReason: info.skippedReason || undefined,
    result: info.result,
    startTimestamp: info.startTimestamp,
    completionTimestamp: info.completionTimestamp,
    durationMs: durationBetween(info.startTimestamp, info.completionTimestamp),
  });
}

/**
 * The namespace a restored namespace came from: the key of `namespaceMapping` whose value it is,
 * else itself (Velero maps backed-up → restored namespaces). Pure.
 */
export function sourceNamespaceOf(namespace: string, namespaceMapping: Readonly<Record<string, string>> = {}): string {
  return Object.entries(namespaceMapping).find(([, target]) => target === namespace)?.[0] ?? namespace;
}

/** Summarises one RestoreVolumeInfo of a restore with `namespaceMapping`. Pure. */
export function restoreVolumeSummary(
  info: RestoreVolumeInfo,
  namespaceMapping: Readonly<Record<string, string>> = {},
): RestoreVolumeSummary {
  const claim = claimOf(info);
  const pod = info.restoreMethod === VolumeInfoMethod.PodVolumeRestore ? info.pvrInfo : undefined;
  return withoutUndefined({
    claim,
    sourceClaim: claim && { namespace: sourceNamespaceOf(claim.namespace, namespaceMapping), name: claim.name },
    pvName: info.pvName || undefined,
    method: info.restoreMethod,
    snapshotDataMoved: info.snapshotDataMoved,
    ...methodFacts(info.restoreMethod, info.snapshotDataMoved, info, pod),
  });
}
