// One field of a standard cron expression as robfig/cron v3 reads it (the parser Velero's
// schedule controller uses through cron.ParseStandard): comma lists of `*`/`?`, numbers, names,
// ranges and steps, with robfig's bounds and its error texts word for word. Pure.
import { goQuoted } from '@ferry/kube-values';

/** The bounds and names of one field, as robfig's spec.go declares them. */
export interface CronFieldBounds {
  readonly min: number;
  readonly max: number;
  /** Lower-case names accepted for values (months and days of the week). */
  readonly names?: Readonly<Record<string, number>>;
}

/** The five fields of a standard expression, in order: minute, hour, day of month, month, day of week. */
export const standardCronFields: readonly CronFieldBounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } },
  { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } },
];

/**
 * The values one field matches. `star` is robfig's star bit: the field was written `*` or `?`
 * (with no step above 1), which decides whether day of month and day of week combine with AND
 * (either starred) or OR (both restricted).
 */
export interface CronFieldValues {
  readonly values: readonly number[];
  readonly star: boolean;
}

/** A field read, or robfig's error text. */
export type CronFieldResult = { readonly ok: true; readonly field: CronFieldValues } | { readonly ok: false; readonly message: string };

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const maxInt64 = 2n ** 63n - 1n;

/** Go's strconv.Atoi, with its error texts (`strconv.Atoi: parsing "x": invalid syntax`). */
function atoi(text: string): Parsed<number> {
  if (!/^[+-]?\d+$/.test(text)) return { ok: false, message: `strconv.Atoi: parsing ${goQuoted(text)}: invalid syntax` };
  const value = BigInt(text);
  if (value > maxInt64 || value < -maxInt64 - 1n) {
    return { ok: false, message: `strconv.Atoi: parsing ${goQuoted(text)}: value out of range` };
  }
  return { ok: true, value: Number(value) };
}

/** robfig's mustParseInt: a non-negative integer. */
function mustParseInt(expr: string): Parsed<number> {
  const parsed = atoi(expr);
  if (!parsed.ok) return { ok: false, message: `failed to parse int from ${expr}: ${parsed.message}` };
  if (parsed.value < 0) return { ok: false, message: `negative number (${parsed.value}) not allowed: ${expr}` };
  return parsed;
}

/** robfig's parseIntOrName: a name of the field (any case) or a number. */
function parseIntOrName(expr: string, bounds: CronFieldBounds): Parsed<number> {
  const named = bounds.names?.[expr.toLowerCase()];
  return named === undefined ? mustParseInt(expr) : { ok: true, value: named };
}

interface RangeSpec {
  readonly start: number;
  readonly end: number;
  readonly step: number;
  readonly star: boolean;
}

/** The start and end of `low[-high]`, or the whole field for `*` and `?` (robfig ignores what follows them). */
function rangeBounds(
  lowAndHigh: readonly string[],
  expr: string,
  bounds: CronFieldBounds,
): Parsed<{ start: number; end: number; star: boolean }> {
  const [low = '', high] = lowAndHigh;
  if (low === '*' || low === '?') return { ok: true, value: { start: bounds.min, end: bounds.max, star: true } };
  const start = parseIntOrName(low, bounds);
  if (!start.ok) return start;
  if (lowAndHigh.length === 1) return { ok: true, value: { start: start.value, end: start.value, star: false } };
  if (lowAndHigh.length > 2) return { ok: false, message: `too many hyphens: ${expr}` };
  const end = parseIntOrName(high ?? '', bounds);
  return end.ok ? { ok: true, value: { start: start.value, end: end.value, star: false } } : end;
}

/** robfig's getRange without the bit set: the range, its step and star bit, or the error. */
function readRange(expr: string, bounds: CronFieldBounds): Parsed<RangeSpec> {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-');
  const range = rangeBounds(lowAndHigh, expr, bounds);
  if (!range.ok) return range;
  let { end, star } = range.value;
  let step = 1;
  if (rangeAndStep.length > 2) return { ok: false, message: `too many slashes: ${expr}` };
  if (rangeAndStep.length === 2) {
    const parsed = mustParseInt(rangeAndStep[1] ?? '');
    if (!parsed.ok) return parsed;
    step = parsed.value;
    // "N/step" means "N-max/step".
    if (lowAndHigh.length === 1) end = bounds.max;
    if (step > 1) star = false;
  }
  const { start } = range.value;
  if (start < bounds.min) return { ok: false, message: `beginning of range (${start}) below minimum (${bounds.min}): ${expr}` };
  if (end > bounds.max) return { ok: false, message: `end of range (${end}) above maximum (${bounds.max}): ${expr}` };
  if (start > end) return { ok: false, message: `beginning of range (${start}) beyond end of range (${end}): ${expr}` };
  if (step === 0) return { ok: false, message: `step of range should be a positive number: ${expr}` };
  return { ok: true, value: { start, end, step, star } };
}

/**
 * Reads one field of a standard cron expression as robfig/cron's getField does: comma-separated
 * ranges (empty items skipped), each `*`, `?`, `n`, `name`, `a-b`, with an optional `/step`.
 * Errors carry robfig's text (`end of range (60) above maximum (59): 0-60`). A field whose list
 * is empty (`,`) reads as matching no value, as in robfig. Pure.
 */
export function readCronField(field: string, bounds: CronFieldBounds): CronFieldResult {
  const values = new Set<number>();
  let star = false;
  for (const expr of field.split(',').filter((item) => item !== '')) {
    const range = readRange(expr, bounds);
    if (!range.ok) return range;
    for (let value = range.value.start; value <= range.value.end; value += range.value.step) values.add(value);
    star ||= range.value.star;
  }
  return { ok: true, field: { values: [...values].sort((a, b) => a - b), star } };
}
