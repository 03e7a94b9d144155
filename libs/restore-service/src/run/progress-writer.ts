// `status.progress` patched at most once a second (Velero's 1 s ticker; velero.io CRDs have no
// status subresource, so it is a merge patch of the Restore itself), through @ferry/backup's
// ProgressThrottle: an update inside the interval is kept and sent when the interval ends.
import { ProgressThrottle, type BackupProgress } from '@ferry/backup';
import type { RestoreProgress } from '@ferry/restore';

/** Sends progress patches; `patch` failures are logged by the caller's `onError`, never thrown. */
export interface ProgressWriter {
  offer(progress: RestoreProgress): void;
  /** Stops the timer and waits for a patch in flight; the pending update is dropped (the caller patches the final counts). */
  close(): Promise<void>;
}

const toThrottle = (progress: RestoreProgress): BackupProgress => ({
  totalItems: progress.totalItems,
  itemsBackedUp: progress.itemsRestored,
});

/** A writer calling `patch` with `{totalItems, itemsRestored}`. */
export function createProgressWriter(
  patch: (progress: RestoreProgress) => Promise<void>,
  onError: (error: unknown) => void,
  now: () => number = Date.now,
): ProgressWriter {
  const throttle = new ProgressThrottle();
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let closed = false;
  const send = (progress: BackupProgress | undefined): void => {
    if (!progress || closed) return;
    inFlight = inFlight.then(() => patch({ totalItems: progress.totalItems, itemsRestored: progress.itemsBackedUp })).catch(onError);
  };
  const schedule = (): void => {
    const due = throttle.dueInMs(now());
    if (due === undefined || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      send(throttle.flush(now()));
    }, due);
  };
  return {
    offer(progress) {
      if (closed) return;
      send(throttle.offer(toThrottle(progress), now()));
      schedule();
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
