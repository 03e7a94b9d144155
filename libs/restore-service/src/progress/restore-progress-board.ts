// The restore rate and ETA this process can tell (issue 12 §7): the restore service records every
// progress sample of its runs here, and the controller's HTTP API reads one Restore's view. Created
// by apps/controller before either starts, so the HTTP route exists on every term and the restore
// service, when it runs (role server, leader), attaches its Restore cache to it.
import type { Restore } from '@ferry/api';
import { systemClock, type Clock } from '@ferry/kube';
import { RestoreRateWindow, restoreProgressView, type RestoreProgress, type RestoreProgressView } from '@ferry/restore';

/** Where a restore service answers from: its informer's Restores. */
export type RestoreLookup = (namespace: string, name: string) => Restore | undefined;

/** Progress of the restores of this process, as the HTTP API serves it. */
export interface RestoreProgressBoard {
  /** Records one progress sample of a run (called per item; cheap and bounded in memory). */
  record(namespace: string, name: string, progress: RestoreProgress): void;
  /** Starts answering from `lookup` (one restore service at a time); the returned function stops it. */
  attach(lookup: RestoreLookup): () => void;
  /** True while a restore service is attached. */
  attached(): boolean;
  /** The view of Restore `namespace/name`; undefined when no attached service knows it. */
  view(namespace: string, name: string): RestoreProgressView | undefined;
}

/** Runs whose windows are kept; the oldest is dropped beyond it (Velero runs one restore at a time). */
const maxWindows = 64;

/** A board reading time from `clock` (default the system clock). */
export function createRestoreProgressBoard(clock: Clock = systemClock): RestoreProgressBoard {
  const windows = new Map<string, RestoreRateWindow>();
  let lookup: RestoreLookup | undefined;
  const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;
  return {
    record(namespace, name, progress) {
      const key = keyOf(namespace, name);
      let window = windows.get(key);
      if (!window) {
        window = new RestoreRateWindow();
        windows.set(key, window);
        if (windows.size > maxWindows) windows.delete(windows.keys().next().value as string);
      }
      window.add({ atMs: clock.now(), totalItems: progress.totalItems, itemsRestored: progress.itemsRestored });
    },
    attach(next) {
      lookup = next;
      return () => {
        if (lookup === next) lookup = undefined;
      };
    },
    attached: () => lookup !== undefined,
    view(namespace, name) {
      const restore = lookup?.(namespace, name);
      if (!restore) return undefined;
      const window = windows.get(keyOf(namespace, name));
      const latest = window?.latest();
      return restoreProgressView(restore, window && latest ? { latest, estimate: window.estimate(clock.now()) } : undefined);
    },
  };
}
