// Which namespaces a Backup covers, resolved against the cluster's namespace list (one list call):
// Velero's namespace IncludesExcludes with its wildcard support.
import type { BackupSpec } from '@ferry/api';

/**
 * Whether `pattern` matches `name`: `*` matches any run of characters, `?` one character, every
 * other character itself (Velero's namespace wildcards). Pure.
 */
export function namespacePatternMatches(pattern: string, name: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === name;
  const source = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`).test(name);
}

/**
 * Whether the Backup covers namespace `name`: an `excludedNamespaces` match wins; then an empty
 * `includedNamespaces`, `*`, or a matching entry includes. Pure.
 */
export function backupIncludesNamespace(spec: Pick<BackupSpec, 'includedNamespaces' | 'excludedNamespaces'>, name: string): boolean {
  const excluded = spec.excludedNamespaces ?? [];
  if (excluded.some((pattern) => namespacePatternMatches(pattern, name))) return false;
  const included = spec.includedNamespaces ?? [];
  return included.length === 0 || included.some((pattern) => namespacePatternMatches(pattern, name));
}

/** Whether the Backup takes every namespace not excluded (empty `includedNamespaces` or a `*` entry). Pure. */
export function includesAllNamespaces(spec: Pick<BackupSpec, 'includedNamespaces'>): boolean {
  const included = spec.includedNamespaces ?? [];
  return included.length === 0 || included.includes('*');
}

/**
 * The namespaces of `existing` (the cluster's) the Backup covers, sorted. Included names that do
 * not exist are left out: there is nothing in them to back up. Pure.
 */
export function resolveBackupNamespaces(
  spec: Pick<BackupSpec, 'includedNamespaces' | 'excludedNamespaces'>,
  existing: readonly string[],
): string[] {
  return existing.filter((name) => backupIncludesNamespace(spec, name)).sort();
}
