// Velero's checks of include/exclude lists (`pkg/util/collections`, `pkg/util/wildcard`), with its
// error texts and order: lists are sets, walked in sorted order.
import { goQuoted } from '@ferry/kube-values';
import type { BackupSpec } from '@ferry/api';
import { namespacePatternError } from '@ferry/volume-policy';
import { compareGoStrings } from '../encoding/go-json';

const sortedSet = (items: readonly string[] | null | undefined): string[] => [...new Set(items ?? [])].sort(compareGoStrings);

const includesMustBeStarOnly = "includes list must either contain '*' only, or a non-empty list of items";

/**
 * Velero's `ValidateIncludesExcludes` (old-style resource filters, namespaces): `*` with other
 * includes, `*` among excludes, and each (sorted) exclude that is also included. Pure.
 */
export function validateIncludesExcludes(
  includes: readonly string[] | null | undefined,
  excludes: readonly string[] | null | undefined,
): string[] {
  const included = new Set(includes ?? []);
  const excluded = sortedSet(excludes);
  const errors: string[] = [];
  if (included.size > 1 && included.has('*')) errors.push(includesMustBeStarOnly);
  if (excluded.includes('*')) errors.push("excludes list cannot contain '*'");
  for (const item of excluded) if (included.has(item)) errors.push(`excludes list cannot contain an item in the includes list: ${item}`);
  return errors;
}

/**
 * Velero's `ValidateScopedIncludesExcludes` (cluster-scoped or namespace-scoped resource
 * filters): `*` with other items on either side, includes beside an exclude of `*`, and each
 * (sorted) exclude that is also included. Pure.
 */
export function validateScopedIncludesExcludes(
  includes: readonly string[] | null | undefined,
  excludes: readonly string[] | null | undefined,
): string[] {
  const included = new Set(includes ?? []);
  const excluded = sortedSet(excludes);
  const errors: string[] = [];
  if (included.size > 1 && included.has('*')) errors.push(includesMustBeStarOnly);
  if (excluded.length > 1 && excluded.includes('*'))
    errors.push("excludes list must either contain '*' only, or a non-empty list of items");
  if (included.size > 0 && excluded.includes('*')) errors.push("when exclude is '*', include cannot have value");
  for (const item of excluded) if (included.has(item)) errors.push(`excludes list cannot contain an item in the includes list: ${item}`);
  return errors;
}

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const dns1123LabelMessage =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** apimachinery's `IsDNS1123Label` messages (length in UTF-8 bytes, as Go's `len`). */
function dnsLabelProblems(name: string): string[] {
  const problems: string[] = [];
  if (new TextEncoder().encode(name).length > 63) problems.push('must be no more than 63 characters');
  if (!dns1123Label.test(name)) problems.push(dns1123Subdomain.test(name) ? 'must not contain dots' : dns1123LabelMessage);
  return problems;
}

/** Velero's `validateNamespaceName`: glob syntax, then a DNS-1123 label once wildcards stand for letters. */
function namespaceNameProblems(namespace: string): string[] {
  if (namespace === '') return [];
  const wildcard = namespacePatternError(namespace);
  if (wildcard) return [wildcard];
  const asName = namespace.replace(/[*?[\]]/g, 'x');
  return dnsLabelProblems(asName).map((problem) => `invalid namespace ${goQuoted(namespace)}: ${problem}`);
}

/**
 * Velero's `ValidateNamespaceIncludesExcludes`: {@link validateIncludesExcludes}, then each
 * (sorted) included and excluded namespace checked as a glob pattern and a DNS-1123 label
 * (`""` is allowed). Pure.
 */
export function validateNamespaceIncludesExcludes(
  includes: readonly string[] | null | undefined,
  excludes: readonly string[] | null | undefined,
): string[] {
  return [
    ...validateIncludesExcludes(includes, excludes),
    ...sortedSet(includes).flatMap(namespaceNameProblems),
    ...sortedSet(excludes).flatMap(namespaceNameProblems),
  ];
}

/** The resource filter fields of a Backup spec (old-style and scoped ones). */
export type FilterSpec = Pick<
  BackupSpec,
  | 'includedResources'
  | 'excludedResources'
  | 'includeClusterResources'
  | 'includedClusterScopedResources'
  | 'excludedClusterScopedResources'
  | 'includedNamespaceScopedResources'
  | 'excludedNamespaceScopedResources'
>;

const nonEmpty = (list: readonly string[] | null | undefined): boolean => (list?.length ?? 0) > 0;

/**
 * Velero's `UseOldResourceFilters`: the spec sets `includeClusterResources` (true or false) or a
 * non-empty `includedResources`/`excludedResources`. A spec with no resource filter at all uses
 * the new (scoped) ones. Pure.
 */
export function usesOldResourceFilters(spec: FilterSpec): boolean {
  return (
    (spec.includeClusterResources !== undefined && spec.includeClusterResources !== null) ||
    nonEmpty(spec.includedResources) ||
    nonEmpty(spec.excludedResources)
  );
}

/** Whether the spec sets any of the four scoped resource filters. Pure. */
export function usesScopedResourceFilters(spec: FilterSpec): boolean {
  return (
    nonEmpty(spec.includedClusterScopedResources) ||
    nonEmpty(spec.excludedClusterScopedResources) ||
    nonEmpty(spec.includedNamespaceScopedResources) ||
    nonEmpty(spec.excludedNamespaceScopedResources)
  );
}
