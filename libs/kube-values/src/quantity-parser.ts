// Kubernetes resource quantities (`5Gi`, `500M`, `1.5Ti`, `100m`, `1e3`) parsed exactly as
// apimachinery's ParseQuantity does, down to its quirks: leading zeros and a bare sign parse as 0,
// values that take the arbitrary-precision path are rounded up to 1n and capped at 2^63-1, and
// values on the int64 fast path are not capped. Values are exact decimals (bigint mantissa and a
// power of ten), never floats, so comparisons are exact.

/** An exact Kubernetes quantity: `(negative ? -1 : 1) * mantissa * 10^exponent`. */
export interface Quantity {
  readonly negative: boolean;
  /** Non-negative; `0n` means the quantity is zero whatever the exponent. */
  readonly mantissa: bigint;
  readonly exponent: number;
}

/** Why a quantity string was rejected, mirroring apimachinery's three errors. */
export const QuantityErrorKind = { Format: 'format', Suffix: 'suffix', Numeric: 'numeric' } as const;
/** One of {@link QuantityErrorKind}. */
export type QuantityErrorKind = (typeof QuantityErrorKind)[keyof typeof QuantityErrorKind];

/** Outcome of {@link parseQuantity}; `message` is apimachinery's error text. */
export type QuantityParseResult =
  { readonly ok: true; readonly quantity: Quantity } | { readonly ok: false; readonly kind: QuantityErrorKind; readonly message: string };

/** The zero quantity (what a missing `capacity.storage` or a pod volume measures). */
export const zeroQuantity: Quantity = Object.freeze({ negative: false, mantissa: 0n, exponent: 0 });

const errorMessages: Readonly<Record<QuantityErrorKind, string>> = {
  format: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
  suffix: "unable to parse quantity's suffix",
  numeric: 'unable to parse numeric part of quantity',
};
const decimalSuffixes = new Map<string, number>([
  ['', 0],
  ['n', -9],
  ['u', -6],
  ['m', -3],
  ['k', 3],
  ['M', 6],
  ['G', 9],
  ['T', 12],
  ['P', 15],
  ['E', 18],
]);
const binarySuffixes = new Map<string, number>([
  ['Ki', 10],
  ['Mi', 20],
  ['Gi', 30],
  ['Ti', 40],
  ['Pi', 50],
  ['Ei', 60],
]);
const suffixChars = 'eEinumkKMGTP';
const maxInt64 = (1n << 63n) - 1n;
const minInt64 = -(1n << 63n);
/** Decimal digits an int64 always holds (apimachinery's maxInt64Factors). */
const maxInt64Factors = 18;
const nanoExponent = -9;

interface Scanned {
  readonly negative: boolean;
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
  /** Whether the numeric part had a digit (the slow path needs one). */
  readonly hasDigits: boolean;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const fail = (kind: QuantityErrorKind): QuantityParseResult => ({ ok: false, kind, message: errorMessages[kind] });

/**
 * Parses a Kubernetes quantity. Pure; never throws. The empty string is a format error; `"0"`,
 * `"-"`, `"+"` and `"000"` are zero, like apimachinery.
 */
export function parseQuantity(text: string): QuantityParseResult {
  if (text.length === 0) return fail('format');
  if (text === '0') return { ok: true, quantity: zeroQuantity };
  const scanned = scan(text);
  if (scanned === undefined) return fail('format');
  const suffix = interpretSuffix(scanned.suffix);
  if (suffix === undefined) return fail('suffix');
  const fast = fastPath(scanned, suffix);
  if (fast !== undefined) return { ok: true, quantity: fast };
  if (!scanned.hasDigits) return fail('numeric');
  return { ok: true, quantity: slowPath(scanned, suffix) };
}

function scan(s: string): Scanned | undefined {
  const signLength = s[0] === '-' || s[0] === '+' ? 1 : 0;
  const negative = s[0] === '-';
  let pos = signLength;
  while (s[pos] === '0') pos++;
  if (pos >= s.length) return { negative, num: '0', denom: '', suffix: '', hasDigits: true };
  const numStart = pos;
  while (isDigit(s[pos])) pos++;
  const num = s.slice(numStart, pos) || '0';
  let denom = '';
  if (s[pos] === '.') {
    const denomStart = ++pos;
    while (isDigit(s[pos])) pos++;
    denom = s.slice(denomStart, pos);
  }
  const hasDigits = /[0-9]/.test(s.slice(signLength, pos));
  const suffixStart = pos;
  while (pos < s.length && suffixChars.includes(s[pos] ?? '')) pos++;
  if (s[pos] === '-' || s[pos] === '+') pos++;
  while (isDigit(s[pos])) pos++;
  if (pos < s.length) return undefined;
  return { negative, num, denom, suffix: s.slice(suffixStart), hasDigits };
}

interface Suffix {
  readonly base: 2 | 10;
  readonly exponent: number;
  readonly binary: boolean;
}

function interpretSuffix(suffix: string): Suffix | undefined {
  const decimal = decimalSuffixes.get(suffix);
  if (decimal !== undefined) return { base: 10, exponent: decimal, binary: false };
  const binary = binarySuffixes.get(suffix);
  if (binary !== undefined) return { base: 2, exponent: binary, binary: true };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    // strconv.ParseInt(s, 10, 64): optional sign, digits, int64 range; then Go's int32() wraps it.
    const digits = suffix.slice(1);
    if (!/^[+-]?[0-9]+$/.test(digits)) return undefined;
    const value = BigInt(digits);
    if (value > maxInt64 || value < minInt64) return undefined;
    return { base: 10, exponent: Number(BigInt.asIntN(32, value)), binary: false };
  }
  return undefined;
}

/** apimachinery's int64 fast path: exact, neither rounded nor capped. `undefined` = not taken. */
function fastPath(s: Scanned, suffix: Suffix): Quantity | undefined {
  let precision: number;
  let scale = 0;
  let multiplier = 1n;
  if (!suffix.binary) {
    scale = suffix.exponent;
    precision = maxInt64Factors - (s.num.length + s.denom.length);
  } else if (suffix.exponent >= 0 && s.denom.length === 0) {
    multiplier = 1n << BigInt(suffix.exponent);
    // float32(exponent)*3/10 in Go: exact for the six binary exponents.
    precision = 15 - s.num.length - Math.trunc((suffix.exponent * 3) / 10) - 1;
  } else {
    precision = -1;
  }
  if (precision < 0) return undefined;
  scale = toInt32(scale - s.denom.length);
  if (scale < nanoExponent) return undefined;
  const result = BigInt(s.num + s.denom) * multiplier;
  if (result > maxInt64) return undefined;
  return { negative: s.negative && result !== 0n, mantissa: result, exponent: scale };
}

/** The arbitrary-precision path: magnitude rounded up to 1n, capped at 2^63-1. */
function slowPath(s: Scanned, suffix: Suffix): Quantity {
  let mantissa = BigInt(s.num + s.denom);
  let exponent = -s.denom.length;
  if (suffix.binary) mantissa <<= BigInt(suffix.exponent);
  else exponent += suffix.exponent;
  if (mantissa === 0n) return zeroQuantity;
  if (exponent < nanoExponent) {
    const shift = nanoExponent - exponent;
    mantissa = shift > digitCount(mantissa) ? 1n : ceilDiv(mantissa, 10n ** BigInt(shift));
    exponent = nanoExponent;
  }
  const capped: Quantity = { negative: false, mantissa: maxInt64, exponent: 0 };
  if (compareMagnitude({ negative: false, mantissa, exponent }, capped) > 0) return { ...capped, negative: s.negative };
  return { negative: s.negative, mantissa, exponent };
}

/** Whether `q` is zero (apimachinery `IsZero`). */
export function isZeroQuantity(q: Quantity): boolean {
  return q.mantissa === 0n;
}

/**
 * Whether a quantity as an object carries it (`0`, `0Gi`, `+0Mi`, `0.0`, or the number 0) is zero.
 * Lenient, for values the API server has already accepted: only the leading number counts, and
 * text without one (empty) counts as zero. Pure.
 */
export function quantityTextIsZero(quantity: string | number): boolean {
  if (typeof quantity === 'number') return quantity === 0;
  const digits = /^[+-]?(\d*\.?\d*)/.exec(quantity.trim())?.[1] ?? '';
  return digits === '' || Number(digits) === 0;
}

/** Compares two quantities exactly (apimachinery `Cmp`): -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const sa = signOf(a);
  const sb = signOf(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const magnitude = compareMagnitude(a, b);
  return sa > 0 || magnitude === 0 ? magnitude : magnitude === 1 ? -1 : 1;
}

function signOf(q: Quantity): -1 | 0 | 1 {
  if (q.mantissa === 0n) return 0;
  return q.negative ? -1 : 1;
}

function compareMagnitude(a: Quantity, b: Quantity): -1 | 0 | 1 {
  if (a.mantissa === 0n || b.mantissa === 0n) return a.mantissa === b.mantissa ? 0 : a.mantissa === 0n ? -1 : 1;
  // Order of magnitude first, so huge exponents (1e2147483647) never materialise as bigints.
  const ma = digitCount(a.mantissa) + a.exponent;
  const mb = digitCount(b.mantissa) + b.exponent;
  if (ma !== mb) return ma < mb ? -1 : 1;
  const lowest = Math.min(a.exponent, b.exponent);
  const x = a.mantissa * 10n ** BigInt(a.exponent - lowest);
  const y = b.mantissa * 10n ** BigInt(b.exponent - lowest);
  return x === y ? 0 : x < y ? -1 : 1;
}

function digitCount(n: bigint): number {
  return n.toString().length;
}

function ceilDiv(n: bigint, d: bigint): bigint {
  return (n + d - 1n) / d;
}

function toInt32(n: number): number {
  return Number(BigInt.asIntN(32, BigInt(n)));
}

/** Renders a quantity in plain decimal notation (for messages), e.g. `5368709120` or `0.1`. */
export function formatQuantity(q: Quantity): string {
  if (q.mantissa === 0n) return '0';
  const sign = q.negative ? '-' : '';
  const digits = q.mantissa.toString();
  if (q.exponent >= 0) return q.exponent > 30 ? `${sign}${digits}e${q.exponent}` : `${sign}${digits}${'0'.repeat(q.exponent)}`;
  const point = digits.length + q.exponent;
  const whole = point > 0 ? digits.slice(0, point) : '0';
  const fraction = (point < 0 ? '0'.repeat(-point) : '') + digits.slice(Math.max(point, 0));
  const trimmed = fraction.replace(/0+$/, '');
  return `${sign}${whole}${trimmed ? `.${trimmed}` : ''}`;
}
