// What Ferry's describe adds after Velero's sections (Velero prints neither): bytes, duration and
// rate of every volume of a backup (from its volume info), and a restore's item rate and ETA
// (from its progress and timestamps) with bytes, rate and ETA per moved volume. Pure.
import type { BackupVolumeInfo, DataMoveProgress } from '@ferry/api';
import { humanBytes, humanDuration } from '../format/go-values';
import type { Describer } from './describer';

/** Bytes per second of `bytes` moved in `ms`, or undefined without a positive duration. */
export function ratePerSecond(amount: number, ms: number): number | undefined {
  return ms > 0 ? (amount * 1000) / ms : undefined;
}

/** Milliseconds left at `rate` per second for `remaining`, or undefined without a rate. */
export function etaMs(remaining: number, rate: number | undefined): number | undefined {
  return rate && rate > 0 ? (Math.max(remaining, 0) / rate) * 1000 : undefined;
}

const elapsedMs = (start: string | undefined, end: string | undefined): number | undefined => {
  if (!start || !end) return undefined;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isNaN(ms) ? undefined : ms;
};

function volumeBytes(info: BackupVolumeInfo): number {
  return info.snapshotDataMovementInfo?.size ?? info.pvbInfo?.size ?? info.csiSnapshotInfo?.size ?? 0;
}

function methodOf(info: BackupVolumeInfo): string {
  if (info.snapshotDataMoved) return `data movement (${info.snapshotDataMovementInfo?.uploaderType ?? 'kopia'})`;
  if (info.backupMethod === 'PodVolumeBackup') return `fs-backup (${info.pvbInfo?.uploaderType ?? ''})`;
  return info.backupMethod === 'CSISnapshot' ? 'CSI snapshot' : (info.backupMethod ?? '');
}

/** `Volume Transfers:` — per backed-up volume its method, bytes, duration and rate; skipped ones with the reason. */
export function describeBackupTransfers(d: Describer, infos: readonly BackupVolumeInfo[]): void {
  if (infos.length === 0) return;
  d.line();
  d.line('Volume Transfers:');
  for (const info of infos) {
    const name = info.pvcName ? `${info.pvcNamespace ?? ''}/${info.pvcName}` : (info.pvName ?? '');
    if (info.skipped) {
      d.print(`\t${name}:\tskipped: ${info.skippedReason ?? ''}\n`);
      continue;
    }
    const bytes = volumeBytes(info);
    const ms = elapsedMs(info.startTimestamp, info.completionTimestamp);
    const rate = ms === undefined ? undefined : ratePerSecond(bytes, ms);
    const timing = ms === undefined ? '' : ` in ${humanDuration(ms)}${rate === undefined ? '' : `, ${humanBytes(Math.round(rate))}/s`}`;
    d.print(`\t${name}:\t${methodOf(info)}, ${humanBytes(bytes)}${timing}, ${info.result ?? 'in progress'}\n`);
  }
}

/** One moved volume of a restore (a DataDownload or PodVolumeRestore). */
export interface VolumeTransfer {
  readonly name: string;
  readonly kind: 'data movement' | 'fs-restore';
  readonly phase: string | undefined;
  readonly progress: DataMoveProgress | undefined | null;
  readonly startTimestamp: string | undefined;
  readonly completionTimestamp: string | undefined;
}

/** What the restore's rate section needs. */
export interface RestoreRateInput {
  readonly phase: string | undefined;
  readonly totalItems: number | undefined;
  readonly itemsRestored: number | undefined;
  readonly startTimestamp: string | undefined;
  readonly completionTimestamp: string | undefined;
  readonly volumes: readonly VolumeTransfer[];
  readonly nowMs: number;
}

function describeVolumeTransfer(d: Describer, volume: VolumeTransfer, nowMs: number): void {
  const done = volume.progress?.bytesDone ?? 0;
  const total = volume.progress?.totalBytes ?? 0;
  const end = volume.completionTimestamp ?? new Date(nowMs).toISOString();
  const ms = elapsedMs(volume.startTimestamp, end);
  const rate = ms === undefined ? undefined : ratePerSecond(done, ms);
  const running = volume.phase === 'InProgress';
  const eta = running && total > 0 ? etaMs(total - done, rate) : undefined;
  const parts = [
    `${volume.kind}, ${volume.phase || 'New'}`,
    `${humanBytes(done)}${total > 0 ? ` of ${humanBytes(total)}` : ''}`,
    ...(ms === undefined ? [] : [`${humanDuration(ms)}`]),
    ...(rate === undefined ? [] : [`${humanBytes(Math.round(rate))}/s`]),
    ...(eta === undefined ? [] : [`ETA ${humanDuration(eta)}`]),
  ];
  d.print(`\t${volume.name}:\t${parts.join(', ')}\n`);
}

/** `Restore Rate:` — items per second and, while running, the ETA; then each moved volume. */
export function describeRestoreRate(d: Describer, input: RestoreRateInput): void {
  const restored = input.itemsRestored ?? 0;
  const end = input.completionTimestamp ?? new Date(input.nowMs).toISOString();
  const ms = elapsedMs(input.startTimestamp, end);
  if (ms === undefined && input.volumes.length === 0) return;
  d.line();
  d.line('Restore Rate:');
  if (ms !== undefined) {
    const rate = ratePerSecond(restored, ms);
    d.print(`\tItems/s:\t${rate === undefined ? 'n/a' : rate.toFixed(1)}\n`);
    d.print(`\tDuration:\t${humanDuration(ms)}\n`);
    if (input.phase === 'InProgress') {
      const eta = etaMs((input.totalItems ?? 0) - restored, rate);
      d.print(`\tETA:\t${eta === undefined ? 'unknown' : humanDuration(eta)}\n`);
    }
  }
  for (const volume of input.volumes) describeVolumeTransfer(d, volume, input.nowMs);
}
