// Whether a rule applies to an item (Velero's ResourceModifierRule.match and matchConditions):
// namespace (only for namespaced items), groupResource glob, resourceNameRegex, labelSelector,
// then every `matches` entry as one JSON patch `test` — a value that differs or a path that does
// not exist is no match; anything else is an error for the item.
import { compileLabelSelector } from '@ferry/kube-values';
import { compileGlob } from './glob-matcher';
import { compileGoRegexp } from './go-regexp';
import type { JsonValue } from './json-pointer';
import { applyJsonPatchOperations } from './json-patcher';
import type { ModifierConditions } from './modifier-document';

/** Outcome of a {@link CompiledConditions} check. */
export type MatchOutcome =
  { readonly kind: 'match' } | { readonly kind: 'no-match' } | { readonly kind: 'error'; readonly message: string };

/** The item facts the conditions look at. */
export interface MatchSubject {
  readonly object: JsonValue;
  readonly groupResource: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** A rule's conditions, compiled once. */
export type CompiledConditions = (subject: MatchSubject) => MatchOutcome;

const matchAll = (): boolean => true;

/**
 * Compiles validated conditions (patterns that cannot compile were rejected when the document was
 * parsed; here they simply never match). Pure.
 */
export function compileConditions(conditions: ModifierConditions): CompiledConditions {
  const namespaceMatches = compileNamespaces(conditions.namespaces);
  const glob = compileGlob(conditions.groupResource, '.');
  const groupResourceMatches = glob.ok ? glob.matches : () => false;
  const regexp = conditions.resourceNameRegex === '' ? undefined : compileGoRegexp(conditions.resourceNameRegex);
  const nameMatches = regexp === undefined ? matchAll : regexp.ok ? (name: string) => regexp.regexp.test(name) : () => false;
  const selector = conditions.labelSelector === undefined ? undefined : compileLabelSelector(conditions.labelSelector);
  const labelsMatch = selector === undefined ? matchAll : selector.ok ? selector.matches : () => false;
  return (subject) => {
    if (subject.namespace !== '' && !namespaceMatches(subject.namespace)) return { kind: 'no-match' };
    if (!groupResourceMatches(subject.groupResource)) return { kind: 'no-match' };
    if (!nameMatches(subject.name)) return { kind: 'no-match' };
    if (!labelsMatch(subject.labels)) return { kind: 'no-match' };
    return matchValues(subject.object, conditions);
  };
}

/**
 * Velero's IncludesExcludes over the namespaces: none or `*` includes all; otherwise the patterns
 * are tried in sorted order, and a pattern that is no valid glob ends the search with no match.
 */
function compileNamespaces(namespaces: readonly string[]): (namespace: string) => boolean {
  const patterns = [...new Set(namespaces)].sort();
  if (patterns.length === 0 || patterns.includes('*')) return matchAll;
  const globs = patterns.map((pattern) => compileGlob(pattern));
  return (namespace) => {
    for (const glob of globs) {
      if (!glob.ok) return false;
      if (glob.matches(namespace)) return true;
    }
    return false;
  };
}

function matchValues(object: JsonValue, conditions: ModifierConditions): MatchOutcome {
  if (conditions.matches.length === 0) return { kind: 'match' };
  if (conditions.matches.some((rule) => rule.path === '')) return { kind: 'error', message: 'path is required for match rule' };
  const tests = conditions.matches.map((rule) => ({ operation: 'test', from: '', path: rule.path, value: rule.value }));
  const outcome = applyJsonPatchOperations(object, tests);
  switch (outcome.kind) {
    case 'applied':
      return { kind: 'match' };
    case 'test-failed':
    case 'missing':
      return { kind: 'no-match' };
    case 'error':
      return { kind: 'error', message: outcome.message };
  }
}
