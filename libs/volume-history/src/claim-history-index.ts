// The cross-backup index: for every claim, the backups that hold it and the restores of it. Fed one
// report at a time (a backup's or restore's volume document, once it is written) and one record at a
// time (per-volume facts of a run whose document is not there yet); a query reads only the entries
// of the one claim. Pure and in memory: the caller rebuilds it from the bucket after a restart.
import type { BackupVolumeInfo, RestoreVolumeInfo } from '@ferry/api';
import {
  mergedRecordSummary,
  mergeVolumeRecord,
  withRecordedFacts,
  type MergedVolumeRecord,
  type VolumeRecord,
} from './volume-record-merge';
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
  /**
   * Adds or replaces the report of `report.backup` (its old entries go). With the run's `uid`, the
   * records of that run add what the document leaves out to its summaries (see `withRecordedFacts`).
   */
  putBackup(report: BackupReport, uid?: string): void;
  /** Forgets a backup's report and records (the Backup is gone). */
  removeBackup(backup: ObjectRef): void;
  /** Adds or replaces the report of `report.restore`; `uid` as for {@link putBackup}. */
  putRestore(report: RestoreReport, uid?: string): void;
  /** Forgets a restore's report and records. */
  removeRestore(restore: ObjectRef): void;
  /**
   * Folds one record in (one without claim is ignored), per run (`target.uid`): shown as the run's
   * entry until its document is put, then adding to the document's summaries. Idempotent.
   */
  addRecord(record: VolumeRecord): void;
  /** The backup's report, its summaries with what the run's records add. */
  backup(ref: ObjectRef): BackupReport | undefined;
  /** The restore's report, its summaries with what the run's records add. */
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
/** The ref of a `namespace/name` key. */
const refOfKey = (key: string): ObjectRef => {
  const [namespace = '', name = ''] = key.split('/');
  return { namespace, name };
};
const plainRef = (ref: ObjectRef): ObjectRef => ({ namespace: ref.namespace, name: ref.name });

class InMemoryClaimHistoryIndex implements ClaimHistoryIndex {
  private readonly backups = new Map<string, BackupReport>();
  private readonly restores = new Map<string, RestoreReport>();
  private readonly claimBackups = new SetMap();
  private readonly claimRestores = new SetMap();
  /** Merged records by target key, then by run uid (empty: unknown), then by claim key. */
  private readonly records = new Map<string, Map<string, Map<string, MergedVolumeRecord>>>();
  private readonly claimRecords = new SetMap();
  /** The run uid of each document put, by target key. */
  private readonly documentUids = new Map<string, string>();

  putBackup(report: BackupReport, uid?: string): void {
    const key = refKey(report.backup);
    this.dropBackup(key);
    this.backups.set(key, report);
    this.setDocumentUid(targetKey('backup', report.backup), uid);
    for (const { summary } of report.volumes) if (summary.claim) this.claimBackups.add(refKey(summary.claim), key);
  }

  removeBackup(ref: ObjectRef): void {
    this.dropBackup(refKey(ref));
    this.dropRecords(targetKey('backup', ref));
  }

  putRestore(report: RestoreReport, uid?: string): void {
    const key = refKey(report.restore);
    this.dropRestore(key);
    this.restores.set(key, report);
    this.setDocumentUid(targetKey('restore', report.restore), uid);
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
    const byUid = this.records.get(target) ?? new Map<string, Map<string, MergedVolumeRecord>>();
    const byClaim = byUid.get(record.target.uid ?? '') ?? new Map<string, MergedVolumeRecord>();
    byClaim.set(claim, mergeVolumeRecord(byClaim.get(claim), { ...record, claim: ref }));
    byUid.set(record.target.uid ?? '', byClaim);
    this.records.set(target, byUid);
    this.claimRecords.add(claim, target);
  }

  backup(ref: ObjectRef): BackupReport | undefined {
    const report = this.backups.get(refKey(ref));
    return report && { ...report, volumes: this.withRecords(targetKey('backup', ref), report.volumes) };
  }

  restore(ref: ObjectRef): RestoreReport | undefined {
    const report = this.restores.get(refKey(ref));
    return report && { ...report, volumes: this.withRecords(targetKey('restore', ref), report.volumes) };
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
      records: [...this.records.values()].reduce((n, byUid) => n + [...byUid.values()].reduce((m, byClaim) => m + byClaim.size, 0), 0),
    };
  }

  private documentedBackups(claim: ClaimRef): ClaimBackupEntry[] {
    return this.claimBackups.get(refKey(claim)).flatMap((key) => {
      const report = this.backup(refOfKey(key));
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
      const report = this.restore(refOfKey(key));
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
      .flatMap((target) => [...(this.records.get(target)?.values() ?? [])].map((byClaim) => byClaim.get(key)))
      .filter((merged): merged is MergedVolumeRecord => merged !== undefined);
  }

  /** `volumes` with what the records of the documented run (its uid) add to each summary. */
  private withRecords<V extends { readonly summary: BackupVolumeSummary | RestoreVolumeSummary }>(
    target: string,
    volumes: readonly V[],
  ): V[] {
    const uid = this.documentUids.get(target);
    const byClaim = uid === undefined ? undefined : this.records.get(target)?.get(uid);
    if (!byClaim) return [...volumes];
    return volumes.map((volume) => {
      const claim = volume.summary.claim;
      return claim ? { ...volume, summary: withRecordedFacts(volume.summary, byClaim.get(refKey(claim))) } : volume;
    });
  }

  private setDocumentUid(target: string, uid: string | undefined): void {
    if (uid) this.documentUids.set(target, uid);
    else this.documentUids.delete(target);
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
    for (const byClaim of this.records.get(target)?.values() ?? [])
      for (const claim of byClaim.keys()) this.claimRecords.remove(claim, target);
    this.records.delete(target);
    this.documentUids.delete(target);
  }
}

/** An empty index. Pure: no IO, no timers. */
export function createClaimHistoryIndex(): ClaimHistoryIndex {
  return new InMemoryClaimHistoryIndex();
}
