// Parsers of flag values as Velero's pflag types read them: comma lists (flag.StringArray),
// `k=v` maps (flag.Map, with its delimiters), optional booleans that a bare flag sets to true
// (NoOptDefVal), Go durations and label selectors (metav1.ParseToLabelSelector). Every failure
// names the flag and says what is accepted. Pure.
import type { LabelSelector } from '@ferry/api';
import { formatDuration, parseDuration } from '@ferry/kube-values';

/** A parsed value, or the message naming the flag and the fix. */
export type FlagResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const ok = <T>(value: T): FlagResult<T> => ({ ok: true, value });
const fail = <T>(message: string): FlagResult<T> => ({ ok: false, message });

/** `flag.StringArray`: the comma-separated items (the last use of the flag wins). */
export const commaList = (value: string): string[] => value.split(',');

/** An optional boolean flag: a bare flag (`true` from commander) is true, else `true`/`false`. */
export function optionalBool(flag: string, value: string | boolean | undefined): FlagResult<boolean | undefined> {
  if (value === undefined || typeof value === 'boolean') return ok(value);
  const normalised = value.toLowerCase();
  if (['true', 't', '1'].includes(normalised)) return ok(true);
  if (['false', 'f', '0'].includes(normalised)) return ok(false);
  return fail(`invalid value "${value}" for --${flag}: use --${flag} alone for true or --${flag}=false`);
}

/** A Go duration flag as the `metav1.Duration` text Velero sends (`0s` when unset). */
export function durationFlag(flag: string, value: string | undefined): FlagResult<string> {
  if (value === undefined) return ok('0s');
  const parsed = parseDuration(value);
  if (!parsed.ok) return fail(`invalid value "${value}" for --${flag}: ${parsed.message} (use a Go duration such as 720h, 30m or 1h30m)`);
  return ok(formatDuration(parsed.nanoseconds));
}

/** `flag.Map`: `k<kv>v<entry>k<kv>v` pairs; an entry without exactly one delimiter is an error. */
export function mapFlag(
  flag: string,
  value: string | undefined,
  entry = ',',
  keyValue = '=',
): FlagResult<Record<string, string> | undefined> {
  if (value === undefined) return ok(undefined);
  const map: Record<string, string> = {};
  for (const part of value.split(entry)) {
    const pair = part.split(keyValue);
    if (pair.length !== 2)
      return fail(`invalid value "${value}" for --${flag}: error parsing "${part}" (use key${keyValue}value${entry}key${keyValue}value)`);
    map[pair[0] ?? ''] = pair[1] ?? '';
  }
  return ok(map);
}

const selectorForms: readonly [RegExp, (m: RegExpExecArray) => { key: string; operator: string; values?: string[] } | [string, string]][] =
  [
    [/^([^\s!=]+)\s+in\s+\(([^)]*)\)$/, (m) => ({ key: m[1] ?? '', operator: 'In', values: (m[2] ?? '').split(',').map((v) => v.trim()) })],
    [
      /^([^\s!=]+)\s+notin\s+\(([^)]*)\)$/,
      (m) => ({ key: m[1] ?? '', operator: 'NotIn', values: (m[2] ?? '').split(',').map((v) => v.trim()) }),
    ],
    [/^([^\s!=]+)\s*!=\s*(\S*)$/, (m) => ({ key: m[1] ?? '', operator: 'NotIn', values: [m[2] ?? ''] })],
    [/^([^\s!=]+)\s*==?\s*(\S*)$/, (m) => [m[1] ?? '', m[2] ?? '']],
    [/^!([^\s!=]+)$/, (m) => ({ key: m[1] ?? '', operator: 'DoesNotExist' })],
    [/^([^\s!=(),]+)$/, (m) => ({ key: m[1] ?? '', operator: 'Exists' })],
  ];

/** Splits on commas outside parentheses. */
function requirementsOf(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  parts.push(current.trim());
  return parts;
}

/** `metav1.ParseToLabelSelector`: `k=v`, `k!=v`, `k in (a,b)`, `k notin (a)`, `k`, `!k`, comma-joined. */
export function labelSelectorFlag(flag: string, value: string | undefined): FlagResult<LabelSelector | undefined> {
  if (value === undefined) return ok(undefined);
  const selector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } = {};
  for (const requirement of requirementsOf(value)) {
    const form = selectorForms.find(([pattern]) => pattern.test(requirement));
    if (!form)
      return fail(
        `invalid value "${value}" for --${flag}: cannot parse "${requirement}" (use k=v, k!=v, 'k in (a,b)', k or !k, comma-separated)`,
      );
    const parsed = form[1](form[0].exec(requirement) as RegExpExecArray);
    if (Array.isArray(parsed)) selector.matchLabels = { ...selector.matchLabels, [parsed[0]]: parsed[1] };
    else selector.matchExpressions = [...(selector.matchExpressions ?? []), parsed];
  }
  return ok(selector);
}

/** Collects the first failure of `results`, or their values. */
export function allOk<T extends Record<string, FlagResult<unknown>>>(
  results: T,
): FlagResult<{ [K in keyof T]: T[K] extends FlagResult<infer V> ? V : never }> {
  const values: Record<string, unknown> = {};
  for (const [key, result] of Object.entries(results)) {
    if (!result.ok) return fail(result.message);
    values[key] = result.value;
  }
  return ok(values as { [K in keyof T]: T[K] extends FlagResult<infer V> ? V : never });
}
