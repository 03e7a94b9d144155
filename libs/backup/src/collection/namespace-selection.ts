// Which namespaces a Backup covers: Velero's NamespaceIncludesExcludes (pkg/util/collections) with
// its wildcard expansion against the cluster's namespaces (pkg/util/wildcard/expand.go). Patterns
// are gobwas globs (`*`, `?`, `[...]`).
import type { BackupSpec } from '@ferry/api';
import { compileGlob, GlobSet } from './glob-matcher';

type NamespaceSpec = Pick<BackupSpec, 'includedNamespaces' | 'excludedNamespaces'>;

/** Whether `pattern` (a gobwas glob; a plain name matches itself) matches namespace `name`. Pure. */
export function namespacePatternMatches(pattern: string, name: string): boolean {
  return compileGlob(pattern)?.(name) ?? false;
}

/**
 * Whether the Backup covers namespace `name`, without expansion: an `excludedNamespaces` match
 * wins; then an empty `includedNamespaces`, `*`, or a matching entry includes. Pure.
 */
export function backupIncludesNamespace(spec: NamespaceSpec, name: string): boolean {
  const excluded = spec.excludedNamespaces ?? [];
  if (excluded.some((pattern) => namespacePatternMatches(pattern, name))) return false;
  const included = spec.includedNamespaces ?? [];
  return included.length === 0 || included.includes('*') || included.some((pattern) => namespacePatternMatches(pattern, name));
}

/** Whether the Backup takes every namespace not excluded (empty `includedNamespaces` or a `*` entry). Pure. */
export function includesAllNamespaces(spec: Pick<BackupSpec, 'includedNamespaces'>): boolean {
  const included = spec.includedNamespaces ?? [];
  return included.length === 0 || included.includes('*');
}

/**
 * The namespaces of `existing` (the cluster's) the Backup covers, sorted, as Velero resolves them
 * ({@link namespaceFilterOf} then {@link namespaceFilterIncludes}). Included names that do not
 * exist are left out: there is nothing in them to back up. Pure.
 */
export function resolveBackupNamespaces(spec: NamespaceSpec, existing: readonly string[]): string[] {
  const filter = namespaceFilterOf(spec, existing);
  return existing.filter((name) => namespaceFilterIncludes(filter, name)).sort();
}

/** A Backup's namespace filter after Velero's wildcard expansion. */
export interface NamespaceFilter {
  readonly includes: GlobSet;
  readonly excludes: GlobSet;
  /** Patterns were replaced by the namespaces they matched (then an empty include list takes nothing). */
  readonly wildcardExpanded: boolean;
  /** Velero 1.18's `IncludeEverything`; see {@link namespaceFilterIncludesEverything}. */
  readonly includesEverything: boolean;
}

const hasWildcard = (pattern: string): boolean => /[*?[]/.test(pattern);

/** Velero's `ShouldExpandWildcards`: includes present, none is `*`, and a pattern on either side. */
function shouldExpand(includes: readonly string[], excludes: readonly string[]): boolean {
  if (includes.length === 0 || includes.includes('*')) return false;
  return includes.some(hasWildcard) || excludes.some(hasWildcard);
}

function expand(patterns: readonly string[], active: readonly string[]): string[] {
  const matched = new Set<string>();
  for (const pattern of patterns) {
    if (!hasWildcard(pattern)) {
      matched.add(pattern);
      continue;
    }
    const matcher = compileGlob(pattern);
    for (const name of active) if (matcher?.(name)) matched.add(name);
  }
  return [...matched];
}

/**
 * Velero's `getNamespaceIncludesExcludes`: the Backup's lists, wildcard patterns expanded against
 * `activeNamespaces` (every namespace of the cluster) when an include list without `*` or any
 * list holds a pattern. Pure.
 */
export function namespaceFilterOf(spec: NamespaceSpec, activeNamespaces: readonly string[]): NamespaceFilter {
  const includes = spec.includedNamespaces ?? [];
  const excludes = spec.excludedNamespaces ?? [];
  const includesEverything = coversEveryNamespace(includes, excludes, activeNamespaces);
  if (!shouldExpand(includes, excludes)) {
    return { includes: new GlobSet(includes), excludes: new GlobSet(excludes), wildcardExpanded: false, includesEverything };
  }
  return {
    includes: new GlobSet(expand(includes, activeNamespaces)),
    excludes: new GlobSet(expand(excludes, activeNamespaces)),
    wildcardExpanded: true,
    includesEverything,
  };
}

/**
 * Velero 1.18's `NamespaceIncludesExcludes.IncludeEverything` (v1.18.1, velero#9587): a Backup's
 * lists are expanded when they hold a pattern, `*` included, and then take everything when no
 * exclude is left and the includes are empty or exactly the cluster's namespaces.
 */
function coversEveryNamespace(includes: readonly string[], excludes: readonly string[], active: readonly string[]): boolean {
  const expands = includes.length > 0 && [...includes, ...excludes].some(hasWildcard);
  if ((expands ? expand(excludes, active) : excludes).length > 0) return false;
  const included = new Set(expands ? expand(includes, active) : includes);
  if (included.size === 0 || (included.size === 1 && included.has('*'))) return true;
  const cluster = new Set(active);
  return included.size === cluster.size && [...included].every((name) => cluster.has(name));
}

/** Velero's `NamespaceIncludesExcludes.ShouldInclude`. Pure. */
export function namespaceFilterIncludes(filter: NamespaceFilter, name: string): boolean {
  if (filter.wildcardExpanded && filter.includes.size === 0) return false;
  if (filter.excludes.matches(name)) return false;
  return filter.includes.size === 0 || filter.includes.has('*') || filter.includes.matches(name);
}

/**
 * Velero 1.18's `IncludeEverything` of a Backup's namespace filter: no excludes (after expansion),
 * and no includes, only `*`, or every namespace of the cluster. Pure.
 */
export function namespaceFilterIncludesEverything(filter: NamespaceFilter): boolean {
  return filter.includesEverything;
}

/**
 * Velero's `getNamespacesToList`: `[""]` (one list across all namespaces) when the filter takes
 * `*`, else every included namespace that is not excluded, in sorted order. Pure.
 */
export function namespacesToList(filter: NamespaceFilter): string[] {
  if (namespaceFilterIncludes(filter, '*')) return [''];
  return filter.includes.patterns.filter((name) => namespaceFilterIncludes(filter, name));
}
