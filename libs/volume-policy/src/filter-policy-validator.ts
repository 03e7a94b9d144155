// Velero's validation of the resource filter sections ([newest] velero-io/velero
// internal/resourcepolicies/resource_policies.go: validateClusterScopedFilterPolicy,
// validateNamespacedFilterPolicies), turning each shape-valid section into its typed form. Messages
// are Velero's, without its path prefix (each issue carries the path, line and column), plus
// what to do. Unlike Velero, which stops at the first problem, every problem is reported.
import type { VolumePolicyDocument } from '@ferry/api';
import { globPatternError, namespacePatternError } from './glob-pattern';
import { isPresentLabelSelector, labelSelectorError, type LabelSelectorSpec } from '@ferry/kube-values';
import type { PathSegment } from './source-locator';

/** One resource filter of a filter policy, absent lists as empty. */
export interface ResourceFilter {
  /** Resource kinds; empty or exactly `["*"]` is a catch-all (namespaced policies only). */
  readonly kinds: readonly string[];
  /** Present only when it has labels or expressions (`{}` is no selector, as in Velero). */
  readonly labelSelector?: LabelSelectorSpec;
  /** Alternatives; never set together with a present `labelSelector`. */
  readonly orLabelSelectors: readonly LabelSelectorSpec[];
  /** gobwas/glob patterns of object names to include / exclude. */
  readonly names: readonly string[];
  readonly excludedNames: readonly string[];
}

/** `clusterScopedFilterPolicy`: at least one filter, each naming its kinds, no kind twice. */
export interface ClusterScopedFilterPolicy {
  readonly resourceFilters: readonly ResourceFilter[];
}

/** One entry of `namespacedFilterPolicies`; entries are tried in order (first match wins). */
export interface NamespacedFilterPolicy {
  /** Namespace names or wildcard patterns (`*`, `?`, `[...]`); at least one. */
  readonly namespaces: readonly string[];
  readonly resourceFilters: readonly ResourceFilter[];
}

type RawFilter = NonNullable<NonNullable<VolumePolicyDocument['clusterScopedFilterPolicy']>['resourceFilters']>[number];
type RawClusterPolicy = NonNullable<VolumePolicyDocument['clusterScopedFilterPolicy']>;
type RawNamespacedPolicies = NonNullable<VolumePolicyDocument['namespacedFilterPolicies']>;

/** Records one problem at a document path. */
export type ReportProblem = (path: PathSegment[], message: string) => void;

/** Velero's `IsCatchAll`: no kinds, or exactly `["*"]`. */
function isCatchAll(filter: ResourceFilter): boolean {
  return filter.kinds.length === 0 || (filter.kinds.length === 1 && filter.kinds[0] === '*');
}

function typedFilter(raw: RawFilter): ResourceFilter {
  return {
    kinds: raw.kinds ?? [],
    ...(isPresentLabelSelector(raw.labelSelector) ? { labelSelector: raw.labelSelector } : {}),
    orLabelSelectors: raw.orLabelSelectors ?? [],
    names: raw.names ?? [],
    excludedNames: raw.excludedNames ?? [],
  };
}

/**
 * Validates `clusterScopedFilterPolicy` as Velero does and returns its typed form (also when
 * problems were reported; the caller discards it then). Pure apart from calling `report`.
 */
export function validateClusterScopedFilterPolicy(raw: RawClusterPolicy, report: ReportProblem): ClusterScopedFilterPolicy {
  const resourceFilters = (raw.resourceFilters ?? []).map(typedFilter);
  const at: PathSegment[] = ['clusterScopedFilterPolicy'];
  if (resourceFilters.length === 0) {
    report([...at, 'resourceFilters'], 'resourceFilters cannot be empty; remove the policy block entirely if it is not needed');
  }
  const seenKinds = new Map<string, number>();
  for (const [j, filter] of resourceFilters.entries()) {
    const filterAt: PathSegment[] = [...at, 'resourceFilters', j];
    if (isCatchAll(filter)) {
      report(
        [...filterAt, 'kinds'],
        'kinds must be specified (catch-all is not supported); list the cluster-scoped kinds this filter applies to',
      );
      continue;
    }
    checkDuplicateKinds(filter, j, filterAt, seenKinds, false, report);
    checkSelectorsAndNames(filter, filterAt, report);
  }
  return { resourceFilters };
}

/**
 * Validates `namespacedFilterPolicies` as Velero does and returns their typed form (also when
 * problems were reported; the caller discards it then). Pure apart from calling `report`.
 */
export function validateNamespacedFilterPolicies(raw: RawNamespacedPolicies, report: ReportProblem): NamespacedFilterPolicy[] {
  const policies = raw.map((policy) => ({
    namespaces: policy.namespaces ?? [],
    resourceFilters: (policy.resourceFilters ?? []).map(typedFilter),
  }));
  const seenPatterns = new Map<string, { policies: number[]; path: PathSegment[] }>();
  for (const [i, policy] of policies.entries()) {
    const at: PathSegment[] = ['namespacedFilterPolicies', i];
    if (policy.namespaces.length === 0)
      report([...at, 'namespaces'], 'at least one namespace must be specified; list namespace names or patterns');
    if (policy.resourceFilters.length === 0) {
      report([...at, 'resourceFilters'], 'at least one resourceFilter must be specified; add one (kinds: ["*"] selects every kind)');
    }
    for (const [j, pattern] of policy.namespaces.entries()) {
      const problem = namespacePatternError(pattern);
      if (problem !== undefined) report([...at, 'namespaces', j], `${problem}; namespace patterns support only *, ? and [...]`);
      const seen = seenPatterns.get(pattern);
      if (seen) seen.policies.push(i);
      else seenPatterns.set(pattern, { policies: [i], path: [...at, 'namespaces', j] });
    }
    checkNamespacedFilters(policy.resourceFilters, at, report);
  }
  for (const [pattern, seen] of seenPatterns) {
    if (seen.policies.length > 1) {
      report(
        seen.path,
        `duplicate namespace pattern '${pattern}' found in policies [${seen.policies.join(' ')}]; list each namespace pattern in one policy only`,
      );
    }
  }
  return policies;
}

function checkNamespacedFilters(filters: readonly ResourceFilter[], at: PathSegment[], report: ReportProblem): void {
  const seenKinds = new Map<string, number>();
  let hasCatchAll = false;
  for (const [j, filter] of filters.entries()) {
    const filterAt: PathSegment[] = [...at, 'resourceFilters', j];
    if (isCatchAll(filter)) {
      if (hasCatchAll) {
        report([...filterAt, 'kinds'], 'only one catch-all resource filter is allowed; merge the catch-all filters into one');
      }
      hasCatchAll = true;
      if (filter.names.length > 0 || filter.excludedNames.length > 0) {
        report(
          [...filterAt, filter.names.length > 0 ? 'names' : 'excludedNames'],
          'names or excludedNames cannot be specified for catch-all filters; name the kinds they apply to',
        );
      }
    }
    checkDuplicateKinds(filter, j, filterAt, seenKinds, true, report);
    checkSelectorsAndNames(filter, filterAt, report);
  }
}

function checkDuplicateKinds(
  filter: ResourceFilter,
  j: number,
  filterAt: PathSegment[],
  seenKinds: Map<string, number>,
  skipStar: boolean,
  report: ReportProblem,
): void {
  for (const [k, kind] of filter.kinds.entries()) {
    // In namespaced policies `*` is the catch-all, checked above, not a kind.
    if (skipStar && kind === '*') continue;
    const previous = seenKinds.get(kind);
    if (previous !== undefined) {
      report(
        [...filterAt, 'kinds', k],
        `kind ${JSON.stringify(kind)} appears in both resourceFilters[${previous}] and resourceFilters[${j}]; list each kind in one filter only`,
      );
    }
    // Velero overwrites, so a third occurrence is reported against the second.
    seenKinds.set(kind, j);
  }
}

function checkSelectorsAndNames(filter: ResourceFilter, filterAt: PathSegment[], report: ReportProblem): void {
  if (filter.labelSelector && filter.orLabelSelectors.length > 0) {
    report([...filterAt, 'orLabelSelectors'], 'labelSelector and orLabelSelectors cannot co-exist; keep one of them');
  }
  const selectorProblem = labelSelectorError(filter.labelSelector);
  if (selectorProblem !== undefined) report([...filterAt, 'labelSelector'], `invalid label selector: ${selectorProblem}`);
  for (const [k, selector] of filter.orLabelSelectors.entries()) {
    const problem = labelSelectorError(selector);
    if (problem !== undefined) report([...filterAt, 'orLabelSelectors', k], `invalid label selector: ${problem}`);
  }
  for (const field of ['names', 'excludedNames'] as const) {
    for (const [k, pattern] of filter[field].entries()) {
      const problem = globPatternError(pattern);
      if (problem !== undefined) report([...filterAt, field, k], `invalid glob pattern ${JSON.stringify(pattern)}: ${problem}`);
    }
  }
}
