// `velero backup|restore|schedule get` tables: Velero's columns and cell texts, aligned as
// kubectl's table printer does (minwidth 6, padding 3, upper-case headers). Pure.
import type { Backup, Restore, Schedule } from '@ferry/api';
import { parseDuration } from '@ferry/kube-values';
import { goDuration } from '../describe/backup-spec-section';
import { alignTabs, tableTabwriter } from './go-tabwriter';
import { formatLabelSelector, goTime, timeFromNow } from './go-values';

const render = (header: readonly string[], rows: readonly (readonly string[])[]): string =>
  alignTabs(`${[header, ...rows].map((row) => row.join('\t')).join('\n')}\n`, tableTabwriter);

/** A `*metav1.Time` cell: Go time text or `<nil>`. */
const timeCell = (timestamp: string | undefined | null): string => goTime(timestamp) ?? '<nil>';

const scheduledSuffix = /-[0-9]{14}$/;

/** Velero's order: by name, but backups of one schedule (14-digit suffix) newest first. */
export function sortBackups(backups: readonly Backup[]): Backup[] {
  const nameOf = (backup: Backup): string => backup.metadata?.name ?? '';
  return [...backups].sort((a, b) => {
    const [x, y] = [nameOf(a), nameOf(b)];
    const [mx, my] = [scheduledSuffix.exec(x), scheduledSuffix.exec(y)];
    if (!mx || !my || x.slice(0, mx.index) !== y.slice(0, my.index)) return x < y ? -1 : x > y ? 1 : 0;
    return x > y ? -1 : x < y ? 1 : 0;
  });
}

function expirationOf(backup: Backup): string | undefined {
  if (backup.status?.expiration) return backup.status.expiration;
  const ttl = parseDuration(backup.spec?.ttl ?? '0s');
  const created = backup.metadata?.creationTimestamp;
  if (!ttl.ok || ttl.nanoseconds <= 0n || !created) return undefined;
  return new Date(Date.parse(created) + Number(ttl.nanoseconds / 1_000_000n)).toISOString();
}

/** `backup get`: NAME, STATUS, ERRORS, WARNINGS, CREATED, EXPIRES, STORAGE LOCATION, QUEUE POSITION, SELECTOR. */
export function backupTable(backups: readonly Backup[], nowMs: number): string {
  const rows = sortBackups(backups).map((backup) => [
    backup.metadata?.name ?? '',
    backup.metadata?.deletionTimestamp ? 'Deleting' : backup.status?.phase || 'New',
    String(backup.status?.errors ?? 0),
    String(backup.status?.warnings ?? 0),
    timeCell(backup.status?.startTimestamp),
    timeFromNow(expirationOf(backup), nowMs),
    backup.spec?.storageLocation ?? '',
    backup.status?.queuePosition ? String(backup.status.queuePosition) : '',
    formatLabelSelector(backup.spec?.labelSelector),
  ]);
  return render(['NAME', 'STATUS', 'ERRORS', 'WARNINGS', 'CREATED', 'EXPIRES', 'STORAGE LOCATION', 'QUEUE POSITION', 'SELECTOR'], rows);
}

/** `restore get`: NAME, BACKUP, STATUS, STARTED, COMPLETED, ERRORS, WARNINGS, CREATED, SELECTOR. */
export function restoreTable(restores: readonly Restore[]): string {
  const rows = restores.map((restore) => [
    restore.metadata?.name ?? '',
    restore.spec?.backupName ?? '',
    restore.status?.phase || 'New',
    timeCell(restore.status?.startTimestamp),
    timeCell(restore.status?.completionTimestamp),
    String(restore.status?.errors ?? 0),
    String(restore.status?.warnings ?? 0),
    goTime(restore.metadata?.creationTimestamp) ?? '',
    formatLabelSelector(restore.spec?.labelSelector),
  ]);
  return render(['NAME', 'BACKUP', 'STATUS', 'STARTED', 'COMPLETED', 'ERRORS', 'WARNINGS', 'CREATED', 'SELECTOR'], rows);
}

/** `schedule get`: NAME, STATUS, CREATED, SCHEDULE, BACKUP TTL, LAST BACKUP, SELECTOR, PAUSED. */
export function scheduleTable(schedules: readonly Schedule[], nowMs: number): string {
  const rows = schedules.map((schedule) => [
    schedule.metadata?.name ?? '',
    schedule.status?.phase || 'New',
    goTime(schedule.metadata?.creationTimestamp) ?? '',
    schedule.spec?.schedule ?? '',
    goDuration(schedule.spec?.template?.ttl),
    timeFromNow(schedule.status?.lastBackup, nowMs),
    formatLabelSelector(schedule.spec?.template?.labelSelector),
    String(schedule.spec?.paused ?? false),
  ]);
  return render(['NAME', 'STATUS', 'CREATED', 'SCHEDULE', 'BACKUP TTL', 'LAST BACKUP', 'SELECTOR', 'PAUSED'], rows);
}
