// The cross-backup index: for every claim, the backups that hold it and the restores of it. Fed one
// report at a time (a backup's or restore's volume document, once it is written) and one record at a
// time (per-volume facts of a run whose document is not there yet); a query reads only the entries
// of the one claim. Pure and in memory: the caller rebuilds it from the bucket after a restart.
import type { BackupVolumeInfo, RestoreVolumeInfo } from '@ferry/api';
import { mergedRecordSummary, mergeVolumeRecord, type MergedVolumeRecord, type VolumeRecord } from './volume-record-merge';
import type { BackupVolumeSummary, ClaimRef, RestoreVolumeSummary } from './volume-summary';

/** A namespaced object by namespace and name. */
export interface ObjectRef {
  readonly namespace: string;
  readonly name: string;
}

/** A backup's volume document, decoded and summarised, with the Backup facts the history shows. */
export interface BackupReport {
  readonly backup: ObjectRef;
  readonly phase: string;
  readonly storageLocation: string;
  /** The backup's time: its completion, else its start. */
  readonly time?: string;
  /** The document's key in the location's bucket. */
  readonly documentKey?: string;
  readonly volumes: readonly { readonly info: BackupVolumeInfo; readonly summary: BackupVolumeSummary }[];
}

/** A restore's volume document, decoded and summarised, with the Restore facts the history shows. */
export interface RestoreReport {
  readonly restore: ObjectRef;
  readonly phase: string;
  readonly backupName: string;
  /** The restore's time: its completion, else its start. */
  readonly time?: string;
  /** The document's key in the location's bucket. */
  readonly documentKey?: string;
  readonly volumes: readonly { readonly info: RestoreVolumeInfo; readonly summary: RestoreVolumeSummary }[];
}

/** Where a history entry comes from: the sealed document, or the records of a run still going. */
export const HistorySource = { Document: 'document', Records: 'records' } as const;
/** One of {@link HistorySource}. */
export type HistorySource = (typeof HistorySource)[keyof typeof HistorySource];

/** One backup holding the claim. `phase`, `storageLocation` and `time` are unknown for record-only entries. */
export interface ClaimBackupEntry {
  readonly backup: ObjectRef;
  readonly phase?: string;
  readonly storageLocation?: string;
  readonly time?: string;
  readonly source: HistorySource;
  readonly volume: BackupVolumeSummary;
}

/** One restore of the claim (as backed up, or as restored under a namespace mapping). */
export interface ClaimRestoreEntry {
  readonly restore: ObjectRef;
  readonly phase?: string;
  readonly backupName?: string;
  readonly time?: string;
  readonly source: HistorySource;
  readonly volume: RestoreVolumeSummary;
}

/** Everything known about one claim, oldest first. */
export interface ClaimHistory {
  readonly claim: ClaimRef;
  readonly backups: readonly ClaimBackupEntry[];
  readonly restores: readonly ClaimRestoreEntry[];
}

/** The index; see {@link createClaimHistoryIndex}. Not safe to share across threads (there are none). */
export interface ClaimHistoryIndex {
  /** Adds or replaces the report of `report.backup` (its old entries go). */
  putBackup(report: BackupReport): void;
  /** Forgets a backup's report and records (the Backup is gone). */
  removeBackup(backup: ObjectRef): void;
  /** Adds or replaces the report of `report.restore`. */
  putRestore(report: RestoreReport): void;
  /** Forgets a restore's report and records. */
  removeRestore(restore: ObjectRef): void;
  /** Folds one record in (one without claim is ignored); ignored in queries once its target's document is put. Idempotent. */
  addRecord(record: VolumeRecord): void;
  backup(ref: ObjectRef): BackupReport | undefined;
  restore(ref: ObjectRef): RestoreReport | undefined;
  /** The claim's history, or undefined when no report or record names it. */
  claimHistory(claim: ClaimRef): ClaimHistory | undefined;
  /** How many backups, restores, claims and merged records it holds. */
  size(): { backups: number; restores: number; claims: number; records: number };
}

const refKey = (ref: ObjectRef): string => `${ref.namespace}/${ref.name}`;
const sameClaim = (a: ClaimRef | undefined, b: ClaimRef): boolean => a?.namespace === b.namespace && a.name === b.name;

/** Adds `value` to the set at `key`; removes it with `remove`. */
class SetMap {
  private readonly sets = new Map<string, Set<string>>();
  add(key: string, value: string): void {
    const set = this.sets.get(key) ?? new Set<string>();
    set.add(value);
    this.sets.set(key, set);
  }
  remove(key: string, value: string): void {
    const set = this.sets.get(key);
    set?.delete(value);
    if (set?.size === 0) this.sets.delete(key);
  }
  get(key: string): readonly string[] {
    return [...(this.sets.get(key) ?? [])];
  }
  keys(): readonly string[] {
    return [...this.sets.keys()];
  }
}

/** Oldest first; entries without a time last; then by name. */
function byTime<E extends { readonly time?: string }>(name: (entry: E) => string) {
  return (a: E, b: E): number => {
    const ta = a.time ? Date.parse(a.time) : Number.POSITIVE_INFINITY;
    const tb = b.time ? Date.parse(b.time) : Number.POSITIVE_INFINITY;
    return ta !== tb ? (ta < tb ? -1 : 1) : name(a).localeCompare(name(b));
  };
}

const targetKey = (kind: string, ref: ObjectRef): string => `${kind}:${refKey(ref)}`;
const plainRef = (ref: ObjectRef): ObjectRef => ({ namespace: ref.namespace, name: ref.name });

class InMemoryClaimHistoryIndex implements ClaimHistoryIndex {
  private readonly backups = new Map<string, BackupReport>();
  private readonly restores = new Map<string, RestoreReport>();
  private readonly claimBackups = new SetMap();
  private readonly claimRestores = new SetMap();
  /** Merged records by target key, then by claim key. */
  private readonly records = new Map<string, Map<string, MergedVolumeRecord>>();
  private readonly claimRecords = new SetMap();

  putBackup(report: BackupReport): void {
    const key = refKey(report.backup);
    this.dropBackup(key);
    this.backups.set(key, report);
    for (const { summary } of report.volumes) if (summary.claim) this.claimBackups.add(refKey(summary.claim), key);
  }

  removeBackup(ref: ObjectRef): void {
    this.dropBackup(refKey(ref));
    this.dropRecords(targetKey('backup', ref));
  }

  putRestore(report: RestoreReport): void {
    const key = refKey(report.restore);
    this.dropRestore(key);
    this.restores.set(key, report);
    for (const { summary } of report.volumes) {
      for (const claim of [summary.claim, summary.sourceClaim]) if (claim) this.claimRestores.add(refKey(claim), key);
    }
  }

  removeRestore(ref: ObjectRef): void {
    this.dropRestore(refKey(ref));
    this.dropRecords(targetKey('restore', ref));
  }

  addRecord(record: VolumeRecord): void {
    const ref = record.claim;
    if (!ref) return;
    const target = targetKey(record.target.kind, record.target);
    const claim = refKey(ref);
    const byClaim = this.records.get(target) ?? new Map<string, MergedVolumeRecord>();
    byClaim.set(claim, mergeVolumeRecord(byClaim.get(claim), { ...record, claim: ref }));
    this.records.set(target, byClaim);
    this.claimRecords.add(claim, target);
  }

  backup(ref: ObjectRef): BackupReport | undefined {
    return this.backups.get(refKey(ref));
  }

  restore(ref: ObjectRef): RestoreReport | undefined {
    return this.restores.get(refKey(ref));
  }

  claimHistory(claim: ClaimRef): ClaimHistory | undefined {
    const backups = [...this.documentedBackups(claim), ...this.recordedBackups(claim)];
    const restores = [...this.documentedRestores(claim), ...this.recordedRestores(claim)];
    if (backups.length === 0 && restores.length === 0) return undefined;
    return {
      claim: plainRef(claim),
      backups: backups.sort(byTime((e) => e.backup.name)),
      restores: restores.sort(byTime((e) => e.restore.name)),
    };
  }

  size(): { backups: number; restores: number; claims: number; records: number } {
    return {
      backups: this.backups.size,
      restores: this.restores.size,
      claims: new Set([...this.claimBackups.keys(), ...this.claimRestores.keys(), ...this.claimRecords.keys()]).size,
      records: [...this.records.values()].reduce((n, byClaim) => n + byClaim.size, 0),
    };
  }

  private documentedBackups(claim: ClaimRef): ClaimBackupEntry[] {
    return this.claimBackups.get(refKey(claim)).flatMap((key) => {
      const report = this.backups.get(key);
      if (!report) return [];
      const { backup, phase, storageLocation, time } = report;
      return report.volumes
        .filter(({ summary }) => sameClaim(summary.claim, claim))
        .map(({ summary }) => ({
          backup,
          phase,
          storageLocation,
          ...(time ? { time } : {}),
          source: HistorySource.Document,
          volume: summary,
        }));
    });
  }

  private documentedRestores(claim: ClaimRef): ClaimRestoreEntry[] {
    return this.claimRestores.get(refKey(claim)).flatMap((key) => {
      const report = this.restores.get(key);
      if (!report) return [];
      const { restore, phase, backupName, time } = report;
      return report.volumes
        .filter(({ summary }) => sameClaim(summary.claim, claim) || sameClaim(summary.sourceClaim, claim))
        .map(({ summary }) => ({ restore, phase, backupName, ...(time ? { time } : {}), source: HistorySource.Document, volume: summary }));
    });
  }

  private recordedBackups(claim: ClaimRef): ClaimBackupEntry[] {
    return this.undocumentedRecords(claim, 'backup', this.backups).map((m) => ({
      backup: plainRef(m.target),
      time: m.lastRecordedAt,
      source: HistorySource.Records,
      volume: mergedRecordSummary(m),
    }));
  }

  private recordedRestores(claim: ClaimRef): ClaimRestoreEntry[] {
    return this.undocumentedRecords(claim, 'restore', this.restores).map((m) => ({
      restore: plainRef(m.target),
      time: m.lastRecordedAt,
      source: HistorySource.Records,
      volume: mergedRecordSummary(m),
    }));
  }

  /** The claim's merged records of `kind` targets that have no document indexed. */
  private undocumentedRecords(claim: ClaimRef, kind: string, documented: ReadonlyMap<string, unknown>): MergedVolumeRecord[] {
    const key = refKey(claim);
    return this.claimRecords
      .get(key)
      .filter((target) => target.startsWith(`${kind}:`) && !documented.has(target.slice(kind.length + 1)))
      .map((target) => this.records.get(target)?.get(key))
      .filter((merged): merged is MergedVolumeRecord => merged !== undefined);
  }

  private dropBackup(key: string): void {
    for (const { summary } of this.backups.get(key)?.volumes ?? []) if (summary.claim) this.claimBackups.remove(refKey(summary.claim), key);
    this.backups.delete(key);
  }

  private dropRestore(key: string): void {
    for (const { summary } of this.restores.get(key)?.volumes ?? []) {
      for (const claim of [summary.claim, summary.sourceClaim]) if (claim) this.claimRestores.remove(refKey(claim), key);
    }
    this.restores.delete(key);
  }

  private dropRecords(target: string): void {
    for (const claim of this.records.get(target)?.keys() ?? []) this.claimRecords.remove(claim, target);
    this.records.delete(target);
  }
}

/** An empty index. Pure: no IO, no timers. */
export function createClaimHistoryIndex(): ClaimHistoryIndex {
  return new InMemoryClaimHistoryIndex();
}
