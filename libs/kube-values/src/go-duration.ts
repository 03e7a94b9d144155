// Go's `time.Duration` text, exactly: `time.ParseDuration` (signs, fractions, `0` without a unit,
// both micro signs, int64 overflow) with its error texts, and `Duration.String()` (`720h0m0s`,
// `1.5s`, `250ms`). Velero's Backup durations are `metav1.Duration`, decoded and printed this way.
// Values are int64 nanoseconds held in a bigint, so a year-long ttl keeps every nanosecond.

/** Outcome of {@link parseDuration}: nanoseconds, or Go's error text. */
export type DurationParseResult = { readonly ok: true; readonly nanoseconds: bigint } | { readonly ok: false; readonly message: string };

const nanosecond = 1n;
const microsecond = 1000n * nanosecond;
const millisecond = 1000n * microsecond;
const second = 1000n * millisecond;
const minute = 60n * second;
const hour = 60n * minute;

/** One nanosecond per unit of a Go duration; milliseconds are {@link nanosecondsPerMillisecond}. */
export const nanosecondsPerMillisecond = millisecond;

const units: ReadonlyMap<string, bigint> = new Map([
  ['ns', nanosecond],
  ['us', microsecond],
  ['\u00b5s', microsecond],
  ['\u03bcs', microsecond],
  ['ms', millisecond],
  ['s', second],
  ['m', minute],
  ['h', hour],
]);

const limit = 1n << 63n;
const maxInt64 = limit - 1n;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Go's `time.quote`: double quotes, `"` and `\` escaped, bytes of non-ASCII or control characters as `\xNN`. */
function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x80 || code < 0x20) {
      for (const byte of new TextEncoder().encode(char)) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      out += char === '"' || char === '\\' ? `\\${char}` : char;
    }
  }
  return `${out}"`;
}

/** Leading digits as an integer; `undefined` on int64 overflow (Go's `leadingInt`). */
function leadingInt(text: string): { value: bigint; rest: string } | undefined {
  let index = 0;
  let value = 0n;
  while (isDigit(text[index])) {
    if (value > limit / 10n) return undefined;
    value = value * 10n + BigInt(Number(text[index]));
    if (value > limit) return undefined;
    index += 1;
  }
  return { value, rest: text.slice(index) };
}

/** Leading fraction digits; digits past int64 precision are consumed and ignored (Go's `leadingFraction`). */
function leadingFraction(text: string): { value: bigint; scale: number; rest: string } {
  let index = 0;
  let value = 0n;
  let scale = 1;
  let overflow = false;
  for (; isDigit(text[index]); index += 1) {
    if (overflow) continue;
    if (value > maxInt64 / 10n) {
      overflow = true;
      continue;
    }
    const next = value * 10n + BigInt(Number(text[index]));
    if (next > limit) {
      overflow = true;
      continue;
    }
    value = next;
    scale *= 10;
  }
  return { value, scale, rest: text.slice(index) };
}

/**
 * Parses a Go duration (`1h30m`, `-1.5h`, `300ms`, `0`), as `time.ParseDuration` does, with its
 * error texts (`time: invalid duration "abc"`, `time: missing unit in duration "1"`,
 * `time: unknown unit "d" in duration "1d"`). No trimming: `" 1h"` is invalid, as in Go. Pure.
 */
export function parseDuration(text: string): DurationParseResult {
  const invalid = { ok: false, message: `time: invalid duration ${goQuote(text)}` } as const;
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '0') return { ok: true, nanoseconds: 0n };
  if (rest === '') return invalid;
  let total = 0n;
  while (rest !== '') {
    if (!(rest.startsWith('.') || isDigit(rest[0]))) return invalid;
    const whole = leadingInt(rest);
    if (!whole) return invalid;
    const before = whole.rest.length !== rest.length;
    rest = whole.rest;
    let fraction = { value: 0n, scale: 1, after: false };
    if (rest.startsWith('.')) {
      const parsed = leadingFraction(rest.slice(1));
      fraction = { value: parsed.value, scale: parsed.scale, after: parsed.rest.length !== rest.length - 1 };
      rest = parsed.rest;
    }
    if (!before && !fraction.after) return invalid;
    let end = 0;
    while (end < rest.length && rest[end] !== '.' && !isDigit(rest[end])) end += 1;
    if (end === 0) return { ok: false, message: `time: missing unit in duration ${goQuote(text)}` };
    const unitText = rest.slice(0, end);
    rest = rest.slice(end);
    const unit = units.get(unitText);
    if (unit === undefined) return { ok: false, message: `time: unknown unit ${goQuote(unitText)} in duration ${goQuote(text)}` };
    if (whole.value > limit / unit) return invalid;
    let value = whole.value * unit;
    if (fraction.value > 0n) {
      // float64 arithmetic, truncated, exactly as Go does it.
      value += BigInt(Math.trunc(Number(fraction.value) * (Number(unit) / fraction.scale)));
      if (value > limit) return invalid;
    }
    total += value;
    if (total > limit) return invalid;
  }
  if (negative) return { ok: true, nanoseconds: -total };
  if (total > maxInt64) return invalid;
  return { ok: true, nanoseconds: total };
}

/** `v / 10^precision` as `.ddd` without trailing zeros (nothing when the fraction is 0), and the integer part. */
function fraction(value: bigint, precision: number): { text: string; rest: bigint } {
  let digits = '';
  let printed = false;
  let rest = value;
  for (let i = 0; i < precision; i += 1) {
    const digit = rest % 10n;
    printed = printed || digit !== 0n;
    if (printed) digits = `${digit}${digits}`;
    rest /= 10n;
  }
  return { text: printed ? `.${digits}` : '', rest };
}

/**
 * Go's `Duration.String()` of `nanoseconds`: `720h0m0s`, `10m0s`, `1.5s`, `250ms`, `1µs`, `0s`,
 * `-1h0m0s`. What Velero writes back into a Backup's spec. Pure.
 */
export function formatDuration(nanoseconds: bigint): string {
  const negative = nanoseconds < 0n;
  const value = negative ? -nanoseconds : nanoseconds;
  const sign = negative ? '-' : '';
  if (value === 0n) return '0s';
  if (value < second) {
    const [unit, precision] = value < microsecond ? ['ns', 0] : value < millisecond ? ['\u00b5s', 3] : ['ms', 6];
    const part = fraction(value, precision as number);
    return `${sign}${part.rest}${part.text}${unit as string}`;
  }
  const part = fraction(value, 9);
  const seconds = `${part.rest % 60n}${part.text}s`;
  const minutes = part.rest / 60n;
  if (minutes === 0n) return `${sign}${seconds}`;
  const hours = minutes / 60n;
  return hours === 0n ? `${sign}${minutes % 60n}m${seconds}` : `${sign}${hours}h${minutes % 60n}m${seconds}`;
}
