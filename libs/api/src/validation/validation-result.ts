import type { z } from 'zod';

/** One problem found in a document: `path` like `spec.hooks.resources[0].name`, `(root)` for the whole. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Outcome of validating an unknown value. On success `value` is the input itself, typed: validation
 * never transforms, so fields the schema does not know survive (a later update keeps them).
 */
export type ValidationResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** Renders issues as `path: message; path: message` for logs and error messages. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}

/**
 * Validates `value` against `schema` and reports every issue with its field path. Pure; never
 * throws for bad input. Unknown keys are ignored unless the schema is strict (then each is an issue
 * at its own path).
 */
export function validateWithSchema<S extends z.ZodType>(schema: S, value: unknown): ValidationResult<z.infer<S>> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, value: value as z.infer<S> };
  return { ok: false, issues: result.error.issues.flatMap(toValidationIssues) };
}

/** Converts one zod issue into path-named issues (an unknown-keys issue becomes one per key). */
export function toValidationIssues(issue: z.core.$ZodIssue): ValidationIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown field' }));
  }
  return [{ path: formatPath(issue.path), message: describeIssue(issue) }];
}

/** Formats a zod path as `a.b[0]["weird.key"]`; the empty path is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out || '(root)';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `required field is missing (expected ${issue.expected})`
        : `expected ${expectedType(issue.expected)}, received ${describeValue(issue.input)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}, received ${describeValue(issue.input)}`;
    case 'too_small':
      return `${issue.origin === 'array' ? 'expected at least' : 'expected a minimum of'} ${String(issue.minimum)}${unit(issue.origin)}`;
    case 'too_big':
      return `${issue.origin === 'array' ? 'expected at most' : 'expected a maximum of'} ${String(issue.maximum)}${unit(issue.origin)}`;
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern
        ? `expected a string matching ${issue.pattern}`
        : `expected a ${issue.format.includes('date') ? 'RFC 3339 date-time' : issue.format} string`;
    case 'not_multiple_of':
      return issue.divisor === 1
        ? `expected integer, received ${describeValue(issue.input)}`
        : `expected a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      return 'matches none of the allowed types';
    default:
      return issue.message;
  }
}

function expectedType(expected: string): string {
  return expected === 'int' ? 'integer' : expected;
}

function unit(origin: string): string {
  if (origin === 'array') return ' item(s)';
  if (origin === 'string') return ' character(s)';
  return '';
}

function describeValue(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'string') return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  if (typeof input === 'number' && !Number.isInteger(input)) return `number ${input}`;
  return typeof input === 'number' || typeof input === 'boolean' ? `${typeof input} ${String(input)}` : typeof input;
}
