// Velero's restore metrics (restore_controller.go, restore_finalizer_controller.go) recorded at the
// one place every phase of a Restore is written: its patcher. Each phase is patched once per
// Restore (validation with a resourceVersion precondition; the terminal phase by the one handle
// that owns the run), so a patch that sets a phase is the fact itself.
import { RestorePhase } from '@ferry/api';
import type { FerryMetrics, RestoreEnd } from '@ferry/telemetry';
import type { RestorePatcher } from './run/restore-runner';

/** The metrics the Restore controller records (a `ServiceContext`'s `metrics` fits). */
export type RestoreMetrics = Pick<FerryMetrics, 'restoreAttempted' | 'restoreValidationFailed' | 'restoreEnded' | 'observeRestoreCount'>;

/** One metric fact of a patch. */
export type RestoreMetricEvent =
  { readonly kind: 'attempted' } | { readonly kind: 'validationFailed' } | { readonly kind: 'ended'; readonly end: RestoreEnd };

const ends: ReadonlySet<string> = new Set<RestoreEnd>([RestorePhase.Completed, RestorePhase.PartiallyFailed, RestorePhase.Failed]);

/**
 * The facts of one Restore merge patch, as Velero counts them: a validated Restore (InProgress or
 * FailedValidation) is an attempt, FailedValidation also a validation failure; Completed,
 * PartiallyFailed and Failed end it. Patches without a phase have none. Pure.
 */
export function restoreMetricEvents(patch: object): RestoreMetricEvent[] {
  const phase = (patch as { status?: { phase?: unknown } }).status?.phase;
  if (phase === RestorePhase.InProgress) return [{ kind: 'attempted' }];
  if (phase === RestorePhase.FailedValidation) return [{ kind: 'attempted' }, { kind: 'validationFailed' }];
  if (typeof phase === 'string' && ends.has(phase)) return [{ kind: 'ended', end: phase as RestoreEnd }];
  return [];
}

/**
 * `patch` with Velero's restore metrics recorded after each patch that succeeded, labelled with the
 * Restore's `spec.scheduleName` (from the patch, else from `scheduleOf`, the cached Restore).
 * Resolves and rejects as `patch` does.
 */
export function meteredRestorePatcher(
  patch: RestorePatcher,
  metrics: RestoreMetrics,
  scheduleOf: (namespace: string, name: string) => string | undefined,
): RestorePatcher {
  return async (namespace, name, body) => {
    await patch(namespace, name, body);
    const events = restoreMetricEvents(body);
    if (events.length === 0) return;
    const fromPatch = (body as { spec?: { scheduleName?: unknown } }).spec?.scheduleName;
    const schedule = typeof fromPatch === 'string' ? fromPatch : (scheduleOf(namespace, name) ?? '');
    for (const event of events) {
      if (event.kind === 'attempted') metrics.restoreAttempted(schedule);
      else if (event.kind === 'validationFailed') metrics.restoreValidationFailed(schedule);
      else metrics.restoreEnded(schedule, event.end);
    }
  };
}
