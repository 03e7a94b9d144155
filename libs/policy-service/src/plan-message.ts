// The wire form of a plan (contract `policy.evaluate` v1) built from the volume-policy lib's plan.
// Typing the result with the contract's reply type makes the compiler check that the lib's
// reasons and targets fit the versioned schema.
import type { FerryContracts, ReplyInput } from '@ferry/contracts';
import { renderDecision, type BackupVolumePlan, type VolumePlanEntry } from '@ferry/volume-policy';

/** A plan as the contract sends it (and the HTTP API answers it). */
export type BackupPlan = ReplyInput<FerryContracts['messages']['policyEvaluate']>;
/** One entry of a {@link BackupPlan}. */
export type BackupPlanEntry = BackupPlan['entries'][number];

/** The wire form of one planned decision, with its reason rendered as one line. Pure. */
export function planEntryMessage(entry: VolumePlanEntry): BackupPlanEntry {
  const { decision } = entry;
  return {
    target: entry.target,
    approach: entry.approach,
    outcome: decision.outcome,
    ...(entry.policyAction ? { action: entry.policyAction } : {}),
    reason: decision.reason,
    reasonText: renderDecision(decision),
    ...(decision.outcome === 'error' ? { error: { code: decision.code, message: decision.message } } : {}),
    ...(entry.dataMover ? { dataMover: entry.dataMover } : {}),
  };
}

/** Counts entries by outcome. Pure. */
export function summarize(entries: readonly BackupPlanEntry[]): BackupPlan['summary'] {
  const summary = { perform: 0, skip: 0, error: 0 };
  for (const entry of entries) summary[entry.outcome]++;
  return summary;
}

/** The plan's entries without the fs-backup decisions of pods the Backup does not take. Pure. */
export function entriesOfSelectedPods(plan: BackupVolumePlan, selectedPodKeys: ReadonlySet<string>): VolumePlanEntry[] {
  return plan.entries.filter(
    (entry) => entry.target.kind !== 'pod-volume' || selectedPodKeys.has(`${entry.target.pod.namespace}/${entry.target.pod.name}`),
  );
}
