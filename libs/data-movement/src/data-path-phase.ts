// The phase machine of Velero's data-path resources (DataUpload, DataDownload, PodVolumeBackup,
// PodVolumeRestore; docs/velero-compatibility.md#data-path-phases): New → Accepted → Prepared →
// InProgress → Completed, Failed from any live phase, and cancel with Velero's timing rules. Pure:
// callers pass the clock.
import { DataUploadPhase } from '@ferry/api';
import type { DataPathKind } from './move-job-id';

/** A phase of a data-path resource (the four kinds share one vocabulary). */
export type DataPathPhase = DataUploadPhase;

/** Whether a status phase is one of the vocabulary, or absent/empty (New); Velero's controllers leave any other alone. */
export function isKnownPhase(phase: string | undefined): boolean {
  return !phase || (Object.values(DataUploadPhase) as string[]).includes(phase);
}

/** A phase as read from a status: absent or empty counts as New (so does an unknown one: check {@link isKnownPhase} first). */
export function normalizePhase(phase: string | undefined): DataPathPhase {
  return phase && isKnownPhase(phase) ? (phase as DataPathPhase) : DataUploadPhase.New;
}

const terminal: ReadonlySet<DataPathPhase> = new Set([DataUploadPhase.Completed, DataUploadPhase.Failed, DataUploadPhase.Canceled]);

/** Completed, Failed and Canceled: nothing moves any more, and the status is final. */
export function isTerminalPhase(phase: DataPathPhase): boolean {
  return terminal.has(phase);
}

// Forward moves; Failed is reachable from any live phase, Canceled as the cancel rules say.
const forward: Readonly<Record<DataPathPhase, readonly DataPathPhase[]>> = {
  New: [DataUploadPhase.Accepted, DataUploadPhase.Canceled],
  Accepted: [DataUploadPhase.Prepared, DataUploadPhase.Canceled],
  Prepared: [DataUploadPhase.InProgress, DataUploadPhase.Canceled],
  InProgress: [DataUploadPhase.Completed, DataUploadPhase.Canceling],
  Canceling: [DataUploadPhase.Canceled],
  Canceled: [],
  Completed: [],
  Failed: [],
};

/** Whether `from` → `to` is a move Velero's controllers make. Staying in a phase is not a transition. */
export function canTransition(from: DataPathPhase, to: DataPathPhase): boolean {
  if (isTerminalPhase(from)) return false;
  if (to === DataUploadPhase.Failed) return true;
  return forward[from].includes(to);
}

/** Velero: an Accepted resource that is canceled but never gets Prepared is canceled anyway 5 minutes after the cancel was seen. */
export const acceptedCancelTimeoutMs = 5 * 60_000;
/** Velero's default `--data-mover-prepare-timeout`: how long an exposure may take from acceptance (30 minutes). */
export const defaultPrepareTimeoutMs = 30 * 60_000;
/** Velero: a Canceling resource whose data path never confirms is canceled anyway after 1 hour. */
export const cancelingForceTimeoutMs = 60 * 60_000;

/**
 * What to do about a cancel request (`spec.cancel`, or the resource being deleted):
 * - `cancel-now`: write Canceled (and clean up),
 * - `stop-transfer`: write Canceling and tell the mover to stop,
 * - `wait`: nothing yet (Accepted waits for Prepared; Canceling waits for the mover),
 * - `none`: no cancel applies (not requested, or the phase is final).
 */
export type CancelAction = 'cancel-now' | 'stop-transfer' | 'wait' | 'none';

/** Inputs of {@link decideCancel}; times are epoch milliseconds. */
export interface CancelInput {
  readonly phase: DataPathPhase;
  readonly cancelRequested: boolean;
  readonly now: number;
  /** When the controller first saw the cancel request (Velero keeps it in memory too, so a restart starts it again). */
  readonly cancelSeenAt?: number;
  /** When the resource entered Canceling (best known: the controller's own record, else `startTimestamp`). */
  readonly cancelingSince?: number;
}

/**
 * Velero's cancel timing rules: New and Prepared are canceled at once; Accepted is canceled once
 * it reaches Prepared, or forced {@link acceptedCancelTimeoutMs} after the cancel was seen; InProgress goes
 * to Canceling (the mover stops), and Canceling is forced to Canceled after
 * {@link cancelingForceTimeoutMs}. A Canceling resource is always finishing a cancel, requested or not.
 */
export function decideCancel(input: CancelInput): CancelAction {
  const { phase, now } = input;
  if (phase === DataUploadPhase.Canceling) {
    const since = input.cancelingSince;
    return since !== undefined && now - since >= cancelingForceTimeoutMs ? 'cancel-now' : 'wait';
  }
  if (!input.cancelRequested || isTerminalPhase(phase)) return 'none';
  switch (phase) {
    case DataUploadPhase.New:
    case DataUploadPhase.Prepared:
      return 'cancel-now';
    case DataUploadPhase.Accepted:
      return input.cancelSeenAt !== undefined && now - input.cancelSeenAt >= acceptedCancelTimeoutMs ? 'cancel-now' : 'wait';
    case DataUploadPhase.InProgress:
      return 'stop-transfer';
    default:
      return 'none';
  }
}

/** Velero's message of a DataUpload that completed on an empty volume (sic). */
export const emptyVolumeMessage = 'volume was empty so no data was upload';
/** Velero's message of a PodVolumeBackup that completed on an empty volume. */
export const emptyPodVolumeMessage = 'volume was empty so no snapshot was taken';

const preparing: Readonly<Record<DataPathKind, string>> = {
  DataUpload: 'data upload',
  DataDownload: 'data download',
  PodVolumeBackup: 'PVB',
  PodVolumeRestore: 'PVR',
};

/** Velero's message of a resource failed by the prepare timeout (`timeout on preparing data upload`, `... PVB`). */
export function prepareTimeoutMessage(kind: DataPathKind): string {
  return `timeout on preparing ${preparing[kind]}`;
}

/** Which timestamps ending a resource writes: `startTimestamp` (only when still unset) and `completionTimestamp`. */
export interface EndingTimestamps {
  readonly start: boolean;
  readonly completion: boolean;
}

/**
 * Velero's timestamps of an ending: Completed writes completion; Canceled writes both; Failed
 * writes completion, and start only on DataUploads and PodVolumeBackups (its DataDownload and
 * PodVolumeRestore controllers leave it unset); a prepare timeout (`prepareTimedOut`) writes neither.
 */
export function endingTimestamps(
  kind: DataPathKind,
  phase: 'Completed' | 'Failed' | 'Canceled',
  prepareTimedOut = false,
): EndingTimestamps {
  if (prepareTimedOut) return { start: false, completion: false };
  const start = phase === 'Canceled' || (phase === 'Failed' && (kind === 'DataUpload' || kind === 'PodVolumeBackup'));
  return { start, completion: true };
}
