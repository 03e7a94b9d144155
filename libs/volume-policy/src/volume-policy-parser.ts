// The strict resource-policies parser: YAML text → validated ResourcePolicies, or every problem
// with its path, line, column and a message saying what is allowed. Shape comes from libs/api's
// document schema; Velero's semantic rules from policy-compiler.
import { validateWithSchema, volumeConditionsSchema, volumePolicyDocumentSchema, volumePolicySchema, VolumeActionType } from '@ferry/api';
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { z } from 'zod';
import { decodeDocument } from './document-decoder';
import { InvalidResourcePoliciesError, maxPolicyAliasCount, maxPolicyDocumentBytes, PolicyIssueCode, type PolicyIssue } from './errors';
import { compileResourcePolicies, type CompileInput } from './policy-compiler';
import { PolicyOrigin, type ResourcePolicies } from './resource-policies';
import { parsePath, SourceLocator, type PathSegment } from './source-locator';

/** Options of {@link parseResourcePolicies}. */
export interface ParsePoliciesOptions {
  /** Stamped on every policy for reasons; default `backup`. Use `global` for the cluster-wide ConfigMap. */
  readonly origin?: PolicyOrigin;
}

/** Outcome of {@link parseResourcePolicies}; issues are sorted by position. */
export type ParsePoliciesResult =
  { readonly ok: true; readonly policies: ResourcePolicies } | { readonly ok: false; readonly issues: readonly PolicyIssue[] };

// Velero decodes a null or missing `conditions` as no conditions.
const documentSchema = volumePolicyDocumentSchema.extend({
  volumePolicies: z.array(volumePolicySchema.extend({ conditions: volumeConditionsSchema.nullish() })).nullish(),
});
const actionTypePath = /^volumePolicies\[\d+\]\.action\.type$/;
const allowedActionTypes = Object.values(VolumeActionType).join(', ');

/**
 * Parses and validates a resource-policies document (the single value of the referenced
 * ConfigMap). Pure; never throws for bad input. Only the first YAML document is read, as Velero's
 * decoder does. Reports every problem rather than Velero's first one, each with Velero's wording
 * where Velero has one. A text over {@link maxPolicyDocumentBytes} or whose aliases expand more
 * than {@link maxPolicyAliasCount} times per anchor is refused with that one issue, unread.
 */
export function parseResourcePolicies(text: string, options: ParsePoliciesOptions = {}): ParsePoliciesResult {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > maxPolicyDocumentBytes) {
    return failed([
      {
        code: PolicyIssueCode.DocumentTooLarge,
        path: '(root)',
        line: 1,
        column: 1,
        message: `the document is ${bytes} bytes, over the ${maxPolicyDocumentBytes} bytes a ConfigMap holds; split or shorten it`,
      },
    ]);
  }
  const lineCounter = new LineCounter();
  const locator = new SourceLocator(lineCounter);
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (doc && doc.errors.length > 0) {
    return failed(
      doc.errors.map((error) => {
        const position = locator.positionOf(error.pos[0]);
        return { code: PolicyIssueCode.YamlSyntax, path: '(root)', ...position, message: `invalid YAML: ${error.message}` };
      }),
    );
  }
  if (!doc || doc.contents === null) {
    return failed([
      {
        code: PolicyIssueCode.EmptyDocument,
        path: '(root)',
        line: 1,
        column: 1,
        message: 'the resource policies document is empty; it needs at least "version: v1"',
      },
    ]);
  }
  const aliasing = aliasingIssue(doc);
  if (aliasing) return failed([aliasing]);
  const decoded = decodeDocument(doc, documentSchema, locator, volumeConditionsSchema);
  const shape = validateWithSchema(documentSchema, decoded.value);
  const shapeIssues = shape.ok
    ? []
    : shape.issues.map((issue) => {
        const path = parsePath(issue.path);
        return shapeIssue(issue.path, path, issue.message, valueAt(decoded.value, path), locator);
      });
  const issues = dropNested([...decoded.issues, ...shapeIssues]);
  const input = shape.ok && issues.length === 0 ? wholeDocument(shape.value) : salvage(decoded.value, issues);
  const compiled = compileResourcePolicies(input, options.origin ?? PolicyOrigin.Backup, locator, decoded.goTypes);
  if (issues.length > 0 || !compiled.policies) return failed([...issues, ...compiled.issues]);
  return { ok: true, policies: compiled.policies };
}

/**
 * yaml's own guard: converting the document with `maxAliasCount` throws a ReferenceError once an
 * anchor's aliases expand too often, before the expansion is built. The decoder expands aliases
 * the same way, so a document that passes here cannot blow up there.
 */
function aliasingIssue(doc: Document): PolicyIssue | undefined {
  try {
    doc.toJS({ maxAliasCount: maxPolicyAliasCount });
    return undefined;
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return {
      code: PolicyIssueCode.ExcessiveAliasing,
      path: '(root)',
      line: 1,
      column: 1,
      message:
        `invalid YAML: the document's aliases expand more than ${maxPolicyAliasCount} times per anchor (${error.message}); ` +
        'write the repeated values out instead of aliasing them',
    };
  }
}

function wholeDocument(doc: z.infer<typeof documentSchema>): CompileInput {
  return { ...doc, volumePolicies: [...(doc.volumePolicies ?? []).entries()] };
}

/**
 * The parts of the decoded document without shape problems, for the semantic checks: fields with
 * problems are dropped (a broken action becomes a harmless `skip`), so one pass reports them all.
 */
function salvage(value: unknown, issues: readonly PolicyIssue[]): CompileInput {
  const clean = (prefix: string): boolean =>
    !issues.some((i) => i.path === prefix || i.path.startsWith(`${prefix}.`) || i.path.startsWith(`${prefix}[`));
  const root = asRecord(value);
  const policies = Array.isArray(root['volumePolicies']) ? root['volumePolicies'] : [];
  const policySchema = documentSchema.shape.volumePolicies.unwrap().unwrap().element;
  const volumePolicies = policies.flatMap((raw, index) => {
    const at = `volumePolicies[${index}]`;
    const policy = asRecord(raw);
    const conditions = Object.fromEntries(
      Object.entries(asRecord(policy['conditions'])).filter(([key]) => clean(`${at}.conditions.${key}`)),
    );
    const action = clean(`${at}.action`) ? policy['action'] : { type: VolumeActionType.Skip };
    const parsed = policySchema.safeParse({ conditions, action });
    return parsed.success ? [[index, parsed.data] as const] : [];
  });
  const section = <K extends 'includeExcludePolicy' | 'clusterScopedFilterPolicy' | 'namespacedFilterPolicies'>(key: K) => {
    const parsed = documentSchema.shape[key].safeParse(root[key]);
    return parsed.success && parsed.data && clean(key) ? { [key]: parsed.data } : {};
  };
  return {
    ...(typeof root['version'] === 'string' && clean('version') ? { version: root['version'] } : {}),
    volumePolicies,
    ...section('includeExcludePolicy'),
    ...section('clusterScopedFilterPolicy'),
    ...section('namespacedFilterPolicies'),
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Like {@link parseResourcePolicies} but returns the policies or throws
 * {@link InvalidResourcePoliciesError}; `source` (e.g. `ConfigMap velero/policies`) goes into the message.
 */
export function parseResourcePoliciesOrThrow(
  text: string,
  options: ParsePoliciesOptions & { readonly source?: string } = {},
): ResourcePolicies {
  const result = parseResourcePolicies(text, options);
  if (result.ok) return result.policies;
  throw new InvalidResourcePoliciesError(options.source, result.issues);
}

function shapeIssue(pathText: string, path: PathSegment[], message: string, value: unknown, locator: SourceLocator): PolicyIssue {
  const position = locator.locate(path);
  if (actionTypePath.test(pathText) && typeof value === 'string') {
    return {
      code: PolicyIssueCode.InvalidActionType,
      path: pathText,
      ...position,
      message: `invalid action type ${value}; allowed: ${allowedActionTypes}`,
    };
  }
  return { code: PolicyIssueCode.WrongType, path: pathText, ...position, message };
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  return current;
}

/** Keeps one issue per subtree: a problem reported at a path hides later ones beneath it. */
function dropNested(issues: readonly PolicyIssue[]): PolicyIssue[] {
  const kept: PolicyIssue[] = [];
  for (const issue of issues) {
    const covered = kept.some((k) => k.path === issue.path || issue.path.startsWith(`${k.path}.`) || issue.path.startsWith(`${k.path}[`));
    if (!covered) kept.push(issue);
  }
  return kept;
}

function failed(issues: readonly PolicyIssue[]): ParsePoliciesResult {
  const sorted = [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, issues: sorted };
}
