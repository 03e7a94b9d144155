// The node-agent ConfigMap parsed strictly: Velero's own rules (one data key, JSON, types) plus
// the checks Velero makes late or not at all (unknown keys, quantities, spcNoRelabeling without
// readOnly, non-positive concurrency, bad selectors), each reported with its key path and a fix.
import { nodeAgentConfigSchema, type NodeAgentConfig } from '@ferry/api';
import type { z } from 'zod';
import { compileLabelSelector } from '@ferry/kube-values';
import { ConfigIssueCode, formatConfigIssue, NodeAgentConfigError, type ConfigIssue } from './errors';
import { evaluatePodResources } from './pod-resources';

/** The part of a ConfigMap the parser reads. */
export interface ConfigMapLike {
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly data?: Readonly<Record<string, string>> | null;
}

/** A validated node-agent configuration: the document and the data key it came from. */
export interface ParsedNodeAgentConfig {
  readonly dataKey: string;
  readonly document: NodeAgentConfig;
}

/**
 * Outcome of {@link parseNodeAgentConfig}. `ok` when no issue is an error; warnings (parts
 * Velero would ignore) are returned either way.
 */
export type NodeAgentConfigParseResult =
  | { readonly ok: true; readonly config: ParsedNodeAgentConfig; readonly issues: readonly ConfigIssue[] }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/** Parses and validates a node-agent ConfigMap. Pure; never throws. */
export function parseNodeAgentConfig(configMap: ConfigMapLike): NodeAgentConfigParseResult {
  const keys = Object.keys(configMap.data ?? {});
  if (keys.length !== 1) {
    const found = keys.length === 0 ? 'none' : keys.map((key) => `'${key}'`).join(', ');
    return fail([
      issue(
        'error',
        ConfigIssueCode.DataKeyCount,
        'data',
        `the ConfigMap must have exactly one data key holding the JSON document; found ${found}`,
        keys.length === 0
          ? 'add one data key (any name) whose value is the JSON configuration'
          : 'merge the documents into one key and remove the others',
      ),
    ]);
  }
  const dataKey = keys[0] as string;
  const text = (configMap.data ?? {})[dataKey] ?? '';
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return fail([jsonIssue(dataKey, text, error)]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail([
      issue(
        'error',
        ConfigIssueCode.NotAnObject,
        dataKey,
        `the value of data key '${dataKey}' must be a JSON object`,
        'wrap the configuration in { ... }',
      ),
    ]);
  }
  const parsed = nodeAgentConfigSchema.safeParse(raw);
  if (!parsed.success) return fail(parsed.error.issues.map(typeIssue));
  const document = parsed.data;
  const issues = [...unknownKeys(raw, document, ''), ...semanticIssues(document)];
  if (issues.some((found) => found.severity === 'error')) return fail(issues);
  return { ok: true, config: { dataKey, document }, issues };
}

/** {@link parseNodeAgentConfig}, throwing `NodeAgentConfigError` (all issues in its message) on errors. */
export function parseNodeAgentConfigOrThrow(configMap: ConfigMapLike): ParsedNodeAgentConfig {
  const result = parseNodeAgentConfig(configMap);
  if (result.ok) return result.config;
  const where = `${configMap.metadata?.namespace ?? ''}/${configMap.metadata?.name ?? ''}`;
  throw new NodeAgentConfigError(
    `node-agent ConfigMap ${where} is invalid: ${result.issues.map(formatConfigIssue).join('; ')}`,
    result.issues,
  );
}

const fail = (issues: readonly ConfigIssue[]): NodeAgentConfigParseResult => ({ ok: false, issues });

function issue(severity: ConfigIssue['severity'], code: ConfigIssue['code'], path: string, message: string, fix: string): ConfigIssue {
  return { severity, code, path, message, fix };
}

function jsonIssue(dataKey: string, text: string, error: unknown): ConfigIssue {
  const detail = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(detail);
  let where = '';
  if (position) {
    const offset = Number(position[1]);
    const before = text.slice(0, offset).split('\n');
    where = ` at line ${before.length}, column ${(before[before.length - 1] ?? '').length + 1} (offset ${offset})`;
  }
  const reason = detail.replace(/ in JSON at position \d+.*$/s, '');
  return issue(
    'error',
    ConfigIssueCode.JsonSyntax,
    dataKey,
    `data key '${dataKey}' is not valid JSON${where}: ${reason}`,
    'correct the JSON syntax (quoted keys and strings, commas between entries, no trailing commas or comments)',
  );
}

function pathOf(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>(
    (path, segment) => (typeof segment === 'number' ? `${path}[${segment}]` : path === '' ? String(segment) : `${path}.${String(segment)}`),
    '',
  );
}

function typeIssue(zodIssue: z.core.$ZodIssue): ConfigIssue {
  const path = pathOf(zodIssue.path) || '(document)';
  const [first, , third] = zodIssue.path;
  if (first === 'backupPVC' && third === 'annotations' && zodIssue.path.length === 4) {
    return issue(
      'error',
      ConfigIssueCode.AnnotationNotString,
      path,
      'annotation values must be strings; Velero fails to decode the whole document otherwise',
      'quote the value, e.g. "true" or "3"',
    );
  }
  const expected = 'expected' in zodIssue ? String(zodIssue.expected) : undefined;
  return issue(
    'error',
    ConfigIssueCode.WrongType,
    path,
    zodIssue.message,
    expected
      ? `use a value of JSON type ${expected} (schema: docs/velero-compatibility.md#node-agent-configmap)`
      : 'use a value of the documented type (docs/velero-compatibility.md#node-agent-configmap)',
  );
}

/** Keys the schema stripped (records keep every key, so only unknown object keys disappear). */
function unknownKeys(raw: unknown, parsed: unknown, path: string): ConfigIssue[] {
  if (Array.isArray(raw) && Array.isArray(parsed))
    return raw.flatMap((item, index) => unknownKeys(item, parsed[index], `${path}[${index}]`));
  if (!isObject(raw) || !isObject(parsed)) return [];
  return Object.entries(raw).flatMap(([key, value]) => {
    const childPath = path === '' ? key : `${path}.${key}`;
    if (!(key in parsed)) {
      return [
        issue(
          'error',
          ConfigIssueCode.UnknownKey,
          childPath,
          `unknown key '${key}' (Velero ignores it silently)`,
          'check the spelling against the documented keys (docs/velero-compatibility.md#node-agent-configmap) or remove it',
        ),
      ];
    }
    return unknownKeys(value, parsed[key], childPath);
  });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function semanticIssues(document: NodeAgentConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [storageClass, backupPvc] of Object.entries(document.backupPVC ?? {})) {
    if (backupPvc.spcNoRelabeling && !backupPvc.readOnly) {
      issues.push(
        issue(
          'error',
          ConfigIssueCode.SpcNoRelabelingWithoutReadOnly,
          `backupPVC.${storageClass}.spcNoRelabeling`,
          'spcNoRelabeling only applies to read-only backup PVCs; without readOnly Velero ignores it',
          `set backupPVC.${storageClass}.readOnly to true, or remove spcNoRelabeling`,
        ),
      );
    }
  }
  const concurrency = document.loadConcurrency;
  if (concurrency?.globalConfig !== undefined && concurrency.globalConfig <= 0) {
    issues.push(
      issue(
        'warning',
        ConfigIssueCode.NonPositiveConcurrency,
        'loadConcurrency.globalConfig',
        `globalConfig ${concurrency.globalConfig} is not positive; 1 is used`,
        'set a number ≥ 1',
      ),
    );
  }
  for (const [index, rule] of (concurrency?.perNodeConfig ?? []).entries()) {
    const path = `loadConcurrency.perNodeConfig[${index}]`;
    const selector = compileLabelSelector(rule.nodeSelector);
    if (!selector.ok)
      issues.push(
        issue(
          'warning',
          ConfigIssueCode.BadSelector,
          `${path}.nodeSelector`,
          `${selector.reason}; the rule is skipped`,
          'fix the selector',
        ),
      );
    if (rule.number <= 0)
      issues.push(
        issue(
          'warning',
          ConfigIssueCode.NonPositiveConcurrency,
          `${path}.number`,
          `number ${rule.number} is not positive; the rule is skipped`,
          'set a number ≥ 1 or remove the rule',
        ),
      );
  }
  for (const [index, affinity] of (document.loadAffinity ?? []).entries()) {
    const selector = compileLabelSelector(affinity.nodeSelector);
    if (!selector.ok)
      issues.push(issue('error', ConfigIssueCode.BadSelector, `loadAffinity[${index}].nodeSelector`, selector.reason, 'fix the selector'));
  }
  issues.push(...evaluatePodResources(document.podResources).issues);
  return issues;
}
