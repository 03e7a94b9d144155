// How sigs.k8s.io/yaml turns a YAML float into the text of a Go string field (a JSON patch
// `value: 1.5`, a `matches` value): strconv.FormatFloat(v, 'g', -1, 32) — float32 precision.

/**
 * Go's `strconv.FormatFloat(v, 'g', -1, 32)`: the shortest decimal that reads back as the same
 * float32, in %e form when the exponent is < -4 or >= 6 (Go uses precision 6 for that decision
 * when printing the shortest digits), else %f form. Infinities and NaN as Go spells them. Pure.
 */
export function goFloat32Text(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  const single = Math.fround(value);
  if (single === 0) return Object.is(single, -0) ? '-0' : '0';
  const { digits, exponent } = shortestFloat32Digits(single);
  const sign = single < 0 ? '-' : '';
  if (exponent < -4 || exponent >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    const expDigits = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${mantissa}e${expSign}${expDigits}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return fraction.length > 0 ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}

/** Significant digits (no trailing zeros) and decimal exponent of the shortest float32 text. */
function shortestFloat32Digits(single: number): { digits: string; exponent: number } {
  const magnitude = Math.abs(single);
  for (let precision = 1; precision <= 9; precision++) {
    const text = magnitude.toExponential(precision - 1);
    if (Math.fround(Number(text)) === magnitude) return splitExponential(text);
  }
  return splitExponential(magnitude.toExponential(8));
}

function splitExponential(text: string): { digits: string; exponent: number } {
  const [mantissa = '0', exp = '0'] = text.split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  return { digits, exponent: Number(exp) };
}
