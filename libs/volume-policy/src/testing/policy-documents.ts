import type { PolicyIssue } from '../errors';
import { parseResourcePolicies } from '../volume-policy-parser';

/** Lines joined into a YAML document (trailing newline). */
export const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** A document with one policy whose conditions/action lines are given (indented under `- `). */
export const onePolicy = (...policyLines: string[]): string =>
  lines('version: v1', 'volumePolicies:', ...policyLines.map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`)));

/** The problems the parser reports for `text` (none when it parses). */
export function issuesOf(text: string): readonly PolicyIssue[] {
  const result = parseResourcePolicies(text);
  return result.ok ? [] : result.issues;
}

/** A filter line as a YAML flow mapping. */
export const filter = (fields: Record<string, unknown>): string => JSON.stringify(fields);
/** `namespacedFilterPolicies` with one entry per [namespaces, filters]. */
export const namespaced = (...policies: Array<[readonly string[], readonly Record<string, unknown>[]]>): string =>
  lines(
    'version: v1',
    'namespacedFilterPolicies:',
    ...policies.flatMap(([namespaces, filters]) => [
      `- namespaces: ${JSON.stringify(namespaces)}`,
      '  resourceFilters:',
      ...filters.map((f) => `  - ${filter(f)}`),
    ]),
  );
/** `clusterScopedFilterPolicy` with these filters. */
export const clusterScoped = (...filters: readonly Record<string, unknown>[]): string =>
  lines('version: v1', 'clusterScopedFilterPolicy:', '  resourceFilters:', ...filters.map((f) => `  - ${filter(f)}`));
/** `includeExcludePolicy` with these lists. */
export const includeExclude = (lists: Record<string, readonly string[]>): string =>
  lines('version: v1', 'includeExcludePolicy:', ...Object.entries(lists).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`));
