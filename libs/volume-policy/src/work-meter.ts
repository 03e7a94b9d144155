// Counts units of work done by the deciders and the planner, so the planner can report how much it
// did (and tests can check it stays linear) without timing anything. Internal to the lib.

/** Units of work the planner counts. */
export interface WorkStats {
  /** Decisions taken (one per PVC, PV and pod volume). */
  decisions: number;
  /** Policies whose conditions were evaluated against a volume (≤ decisions × policies). */
  policyEvaluations: number;
  /** Pod volumes checked by the "PV already taken by legacy fs-backup" rule. */
  claimMountChecks: number;
  /** Entries inserted into the planner's lookup indexes. */
  indexEntries: number;
}

/** A mutable tally of {@link WorkStats}. */
export type WorkMeter = WorkStats;

/** A fresh meter at zero. */
export function newWorkMeter(): WorkMeter {
  return { decisions: 0, policyEvaluations: 0, claimMountChecks: 0, indexEntries: 0 };
}
