// The `capacity: "lo,hi"` condition, as Velero parses, validates and matches it.
import { compareQuantities, formatQuantity, isZeroQuantity, parseQuantity, zeroQuantity, type Quantity } from '@ferry/kube-values';

/** A parsed `capacity` condition: inclusive bounds; a zero bound means "unbounded on that side". */
export interface CapacityRange {
  /** The condition as written (`""` stands for `","`). */
  readonly text: string;
  readonly lower: Quantity;
  readonly upper: Quantity;
}

/** Outcome of {@link parseCapacity}; `message` keeps Velero's wording. */
export type CapacityParseResult = { readonly ok: true; readonly range: CapacityRange } | { readonly ok: false; readonly message: string };

// Go's strings.TrimSpace set (unicode.IsSpace); JS trim() differs (it trims U+FEFF, not U+0085).
const goSpace = '[\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]';
const goTrimPattern = new RegExp(`^${goSpace}+|${goSpace}+$`, 'g');
const goTrimSpace = (s: string): string => s.replace(goTrimPattern, '');

/**
 * Parses `capacity` like Velero: `""` means `","`; exactly two comma-separated parts; a blank part
 * is 0; each part is a trimmed Kubernetes quantity. Pure; never throws.
 */
export function parseCapacity(text: string): CapacityParseResult {
  const effective = text === '' ? ',' : text;
  const parts = effective.split(',');
  if (parts.length !== 2) {
    return {
      ok: false,
      message: `wrong format of Capacity ${effective}; expected "lower,upper" (exactly one comma, either side may be blank), e.g. "10Gi,100Gi", "10Gi," or ",100Gi"`,
    };
  }
  const bounds: Quantity[] = [];
  for (const part of parts) {
    const trimmed = goTrimSpace(part);
    if (trimmed === '') {
      bounds.push(zeroQuantity);
      continue;
    }
    const parsed = parseQuantity(trimmed);
    if (!parsed.ok) {
      return {
        ok: false,
        message: `wrong format of Capacity ${part} with err ${parsed.message}; each bound must be a Kubernetes quantity such as 500Mi, 10Gi or 1.5T`,
      };
    }
    bounds.push(parsed.quantity);
  }
  return { ok: true, range: { text, lower: bounds[0] ?? zeroQuantity, upper: bounds[1] ?? zeroQuantity } };
}

/**
 * Velero's range check: valid when upper ≥ lower, or lower ≠ 0 and upper = 0 ("at least lower").
 * Returns the problem, or `undefined` when the range is legal.
 */
export function validateCapacity(range: CapacityRange): string | undefined {
  const upperAtLeastLower = compareQuantities(range.upper, range.lower) >= 0;
  const openUpper = !isZeroQuantity(range.lower) && isZeroQuantity(range.upper);
  if (upperAtLeastLower || openUpper) return undefined;
  return (
    `illegal values for capacity "${range.text}": lower bound ${formatQuantity(range.lower)} is greater than ` +
    `upper bound ${formatQuantity(range.upper)}; use "lo,hi" with lo ≤ hi, "lo," for at least lo, or ",hi" for at most hi`
  );
}

/**
 * Whether `size` is in the range, exactly as Velero decides it: lower 0 → size ≤ upper; upper 0 →
 * size ≥ lower; else lower ≤ size ≤ upper. So `""` and `","` match every non-negative size, and a
 * size-0 volume matches `"0,X"` but not `"X,"` (X > 0).
 */
export function capacityInRange(range: CapacityRange, size: Quantity): boolean {
  if (isZeroQuantity(range.lower) && compareQuantities(range.upper, size) >= 0) return true;
  if (isZeroQuantity(range.upper) && compareQuantities(range.lower, size) <= 0) return true;
  if (!isZeroQuantity(range.lower) && !isZeroQuantity(range.upper)) {
    return compareQuantities(range.lower, size) <= 0 && compareQuantities(range.upper, size) >= 0;
  }
  return false;
}
