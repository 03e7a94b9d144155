// apimachinery's validation of a metav1.LabelSelector (LabelSelectorAsSelector; k8s.io/apimachinery
// v0.36.0: pkg/apis/meta/v1/helpers.go, pkg/labels/selector.go NewRequirement,
// pkg/api/validate/content), ported with the same messages, so an invalid selector in Ferry's
// configuration or in a Velero policy document reads as the API server or Velero would say it.
import { goQuoted } from './go-quote';

/** A label selector as a document spells it (mirror of `metav1.LabelSelector`). */
export interface LabelSelectorSpec {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: ReadonlyArray<{ readonly key: string; readonly operator: string; readonly values?: readonly string[] }>;
}

const labelKeyFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelKeyPattern = new RegExp(`^${labelKeyFmt}$`);
const labelValueFmt = `(${labelKeyFmt})?`;
const labelValuePattern = new RegExp(`^${labelValueFmt}$`);
const dnsLabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dnsSubdomainFmt = `${dnsLabelFmt}(\\.${dnsLabelFmt})*`;
const dnsSubdomainPattern = new RegExp(`^${dnsSubdomainFmt}$`);
const operators: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** Velero's `IsPresentLabelSelector`: absent and `{}` (no labels, no expressions) are no selector. */
export function isPresentLabelSelector(selector: LabelSelectorSpec | null | undefined): selector is LabelSelectorSpec {
  return Object.keys(selector?.matchLabels ?? {}).length > 0 || (selector?.matchExpressions?.length ?? 0) > 0;
}

/**
 * apimachinery's error for a selector that `LabelSelectorAsSelector` rejects, or `undefined`.
 * Absent and empty selectors are valid. matchLabels are checked in document order (Go iterates
 * its map in random order, so with several bad labels Velero may name a different one). Pure.
 */
export function labelSelectorError(selector: LabelSelectorSpec | null | undefined): string | undefined {
  if (!isPresentLabelSelector(selector)) return undefined;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    const problem = requirementError(key, 'Equals', [value]);
    if (problem !== undefined) return problem;
  }
  for (const expression of selector.matchExpressions ?? []) {
    if (!operators.has(expression.operator)) return `${goQuoted(expression.operator)} is not a valid label selector operator`;
    const problem = requirementError(expression.key, expression.operator, expression.values ?? []);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** labels.NewRequirement's aggregated field errors. */
function requirementError(key: string, operator: string, values: readonly string[]): string | undefined {
  const errors: string[] = [];
  const keyProblems = labelKeyErrors(key);
  if (keyProblems.length > 0) errors.push(invalid('key', goQuoted(key), keyProblems.join('; ')));
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
    errors.push(invalid('values', 'null', "for 'in', 'notin' operators, values set can't be empty"));
  } else if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
    errors.push(invalid('values', goJson(values), 'values set must be empty for exists and does not exist'));
  }
  for (const [i, value] of values.entries()) {
    const problems = labelValueErrors(value);
    if (problems.length > 0) errors.push(invalid(`values[${i}][${key}]`, goQuoted(value), problems.join('; ')));
  }
  return aggregate(errors);
}

function labelKeyErrors(value: string): string[] {
  const errors: string[] = [];
  const parts = value.split('/');
  if (parts.length > 2) {
    return [
      `a valid label key ${regexError(labelKeyMessage, labelKeyFmt, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts.length === 2 ? (parts[1] ?? '') : value;
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix === '') errors.push('prefix part must be non-empty');
    else errors.push(...dnsSubdomainErrors(prefix).map((message) => `prefix part ${message}`));
  }
  if (name === '') errors.push('name part must be non-empty');
  else if (byteLength(name) > 63) errors.push('name part must be no more than 63 bytes');
  if (!labelKeyPattern.test(name)) errors.push(`name part ${regexError(labelKeyMessage, labelKeyFmt, 'MyName', 'my.name', '123-abc')}`);
  return errors;
}

const labelKeyMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

function dnsSubdomainErrors(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push('must be no more than 253 bytes');
  if (!dnsSubdomainPattern.test(value)) {
    const message =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    errors.push(regexError(message, dnsSubdomainFmt, 'example.com'));
  }
  return errors;
}

function labelValueErrors(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push('must be no more than 63 bytes');
  if (!labelValuePattern.test(value)) {
    const message =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    errors.push(regexError(message, labelValueFmt, 'MyValue', 'my_value', '12345'));
  }
  return errors;
}

/** apimachinery's RegexError, double space before "or" included. */
function regexError(message: string, regex: string, ...examples: string[]): string {
  return `${message} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${regex}')`;
}

/** field.Invalid(...).Error(). */
function invalid(field: string, renderedValue: string, detail: string): string {
  return `${field}: Invalid value: ${renderedValue}: ${detail}`;
}

/** utilerrors aggregate: one message alone, several deduplicated in brackets. */
function aggregate(errors: readonly string[]): string | undefined {
  if (errors.length <= 1) return errors[0];
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Go's json.Marshal, which also escapes <, > and &. */
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
