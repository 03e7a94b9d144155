import type { FerryContracts, ReplyInput } from '@ferry/contracts';
import { ExitCode, type CliIo } from './cli-io';
import { renderTable } from './table-writer';

/** A plan of every volume decision of a Backup (the `policy.evaluate` reply). */
export type BackupPlan = ReplyInput<FerryContracts['messages']['policyEvaluate']>;
type PlanEntry = BackupPlan['entries'][number];

/** Plans a Backup of the cluster; rejects when the Backup or its policies cannot be used. */
export type BackupPlanner = (backup: { readonly namespace: string; readonly name: string }) => Promise<BackupPlan>;

/** Output formats of `policy explain`. */
export const ExplainOutput = { Table: 'table', Json: 'json' } as const;
/** One of {@link ExplainOutput}. */
export type ExplainOutput = (typeof ExplainOutput)[keyof typeof ExplainOutput];

/**
 * `ferry policy explain --backup NAME`: plans the Backup with `planner` and prints, per volume, the
 * approach (snapshot or fs-backup), the policy action and the decision with its reason — the
 * matched policy or the legacy rule that decided. Exit 1 with the reason when planning fails.
 */
export async function explainBackup(
  backup: { namespace: string; name: string },
  planner: BackupPlanner,
  output: ExplainOutput,
  io: CliIo,
): Promise<ExitCode> {
  let plan: BackupPlan;
  try {
    plan = await planner(backup);
  } catch (error) {
    io.err(`cannot plan backup ${backup.namespace}/${backup.name}: ${(error as { message?: string }).message ?? String(error)}\n`);
    return ExitCode.Failure;
  }
  if (output === ExplainOutput.Json) {
    io.out(`${JSON.stringify(plan, null, 2)}\n`);
    return ExitCode.Ok;
  }
  const { perform, skip, error } = plan.summary;
  const sources =
    plan.policySources.map((source) => `${source.configMap.namespace}/${source.configMap.name} (${source.origin})`).join(', ') || 'none';
  io.out(
    `Backup ${plan.backup.namespace}/${plan.backup.name}: ${perform} to perform, ${skip} skipped, ${error} error${error === 1 ? '' : 's'}\n`,
  );
  io.out(`Volume policies: ${sources}\n\n`);
  const rows = plan.entries.map((entry) => [volumeOf(entry), entry.approach, entry.action ?? '-', entry.reasonText]);
  io.out(`${renderTable([['VOLUME', 'APPROACH', 'ACTION', 'DECISION'], ...rows])}\n`);
  return ExitCode.Ok;
}

function volumeOf(entry: PlanEntry): string {
  const { target } = entry;
  switch (target.kind) {
    case 'pvc':
      return `pvc ${target.claim.namespace}/${target.claim.name}`;
    case 'pv':
      return `pv ${target.name}`;
    case 'pod-volume':
      return `pod ${target.pod.namespace}/${target.pod.name} volume ${target.volume}`;
  }
}
