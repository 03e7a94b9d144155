import { readFile } from 'node:fs/promises';
import { formatPolicyIssue, parseResourcePolicies, renderConditions, type ResourcePolicies } from '@ferry/volume-policy';
import { ExitCode, type CliIo } from './cli-io';
import { renderTable } from './table-writer';

/**
 * `ferry policy validate FILE`: checks a resource-policies document offline, exactly as the policy
 * service and Velero would. Prints a summary of the policies when valid (exit 0), else one line per
 * problem with its position and field path (exit 1). An unreadable file is exit 1 with the reason.
 */
export async function validatePolicyFile(file: string, io: CliIo): Promise<ExitCode> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    // Node's message names the path and the errno (ENOENT, EACCES...).
    io.err(`cannot read ${file}: ${(error as { message?: string }).message ?? String(error)}\n`);
    return ExitCode.Failure;
  }
  const result = parseResourcePolicies(text);
  if (!result.ok) {
    io.err(
      `${file} is not a valid resource policies document (${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}):\n`,
    );
    io.err(`${result.issues.map((issue) => `  ${formatPolicyIssue(issue)}`).join('\n')}\n`);
    return ExitCode.Failure;
  }
  const policies = result.policies.volumePolicies;
  io.out(`${file} is valid: ${[plural(policies.length, 'volume polic', 'y', 'ies'), ...filterSummary(result.policies)].join(', ')}\n`);
  if (policies.length > 0) {
    const rows = policies.map((policy, index) => [String(index), policy.action.type, renderConditions(policy.conditions)]);
    io.out(`${renderTable([['#', 'ACTION', 'CONDITIONS'], ...rows])}\n`);
  }
  return ExitCode.Ok;
}

function plural(count: number, stem: string, one: string, many: string): string {
  return `${count} ${stem}${count === 1 ? one : many}`;
}

/** The resource filter sections the document has, for the summary line. */
function filterSummary(policies: ResourcePolicies): string[] {
  return [
    ...(policies.includeExcludePolicy ? ['an include/exclude policy'] : []),
    ...(policies.clusterScopedFilterPolicy ? ['a cluster-scoped filter policy'] : []),
    ...(policies.namespacedFilterPolicies?.length
      ? [plural(policies.namespacedFilterPolicies.length, 'namespaced filter polic', 'y', 'ies')]
      : []),
  ];
}
