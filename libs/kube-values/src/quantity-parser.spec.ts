import { compareQuantities, formatQuantity, isZeroQuantity, parseQuantity, quantityTextIsZero, type Quantity } from './quantity-parser';

function q(text: string): Quantity {
  const result = parseQuantity(text);
  if (!result.ok) throw new Error(`${text}: ${result.message}`);
  return result.quantity;
}

describe('quantity parser - values', () => {
  it.each<[string, string]>([
    ['5Gi', '5368709120'],
    ['500M', '500000000'],
    ['1.5Ti', '1649267441664'],
    ['100m', '0.1'],
    ['1e3', '1000'],
    ['1E3', '1000'],
    ['1e+3', '1000'],
    ['1.5e-3', '0.0015'],
    ['1k', '1000'],
    ['1Ki', '1024'],
    ['2Mi', '2097152'],
    ['1P', '1000000000000000'],
    ['1E', '1000000000000000000'],
    ['1Ei', '1152921504606846976'],
    ['10n', '0.00000001'],
    ['10u', '0.00001'],
    ['-5Gi', '-5368709120'],
    ['+5', '5'],
    ['0.5Gi', '536870912'],
    ['.5Gi', '536870912'],
    ['5.', '5'],
    ['5.Gi', '5368709120'],
    ['007', '7'],
  ])('%s = %s', (text, expected) => {
    expect(formatQuantity(q(text))).toBe(expected);
  });

  it.each(['0', '-', '+', '000', '-0', '0.0', '.', 'Gi', 'e3', '0Ki'])('apimachinery quirk: %j parses as zero', (text) => {
    expect(isZeroQuantity(q(text))).toBe(true);
  });

  it('rounds the arbitrary-precision path up to 1n', () => {
    expect(formatQuantity(q('1e-10'))).toBe('0.000000001');
    expect(formatQuantity(q('0.0000000001'))).toBe('0.000000001');
    expect(formatQuantity(q('1.0000000001'))).toBe('1.000000001');
  });

  it('caps the arbitrary-precision path at 2^63-1 but not the int64 fast path', () => {
    const cap = '9223372036854775807';
    expect(formatQuantity(q('8Ei'))).toBe(cap);
    expect(formatQuantity(q('100Ei'))).toBe(cap);
    expect(formatQuantity(q('10000000000000000000'))).toBe(cap);
    expect(compareQuantities(q('1e19'), q('10000000000000000000'))).toBe(1);
  });

  it('compares huge exponents without materialising them', () => {
    expect(compareQuantities(q('1e2147483647'), q('2e2147483646'))).toBe(1);
    expect(compareQuantities(q('1e-2147483648'), q('0'))).toBe(1);
  });
});

describe('quantity parser - errors', () => {
  it.each<[string, string]>([
    ['', 'format'],
    ['5kb', 'format'],
    ['5 Gi', 'format'],
    ['abc', 'format'],
    ['1.2.3', 'format'],
    ['5K', 'suffix'],
    ['5Ki3', 'suffix'],
    ['1e', 'suffix'],
    ['1m3', 'suffix'],
    ['1e99999999999999999999', 'suffix'],
    ['.e-10', 'numeric'],
  ])('%j is a %s error', (text, kind) => {
    const result = parseQuantity(text);
    expect(result.ok ? 'ok' : result.kind).toBe(kind);
  });

  it('uses apimachinery messages', () => {
    const result = parseQuantity('5K');
    expect(result.ok ? '' : result.message).toBe("unable to parse quantity's suffix");
  });
});

describe('quantity parser - comparison', () => {
  it.each<[string, string, -1 | 0 | 1]>([
    ['1Gi', '1073741824', 0],
    ['1G', '1Gi', -1],
    ['1.5Gi', '1536Mi', 0],
    ['100m', '1', -1],
    ['1e3', '1k', 0],
    ['-1', '0', -1],
    ['-2Gi', '-1Gi', -1],
    ['1000m', '1', 0],
    ['0.1', '100m', 0],
    ['10Gi', '9.99Gi', 1],
  ])('%s vs %s → %d', (a, b, expected) => {
    expect(compareQuantities(q(a), q(b))).toBe(expected);
    expect(compareQuantities(q(b), q(a))).toBe(expected === 0 ? 0 : -expected);
  });
});

describe('quantity text is zero', () => {
  it.each<[string | number, boolean]>([
    ['0', true],
    ['0.0', true],
    ['+0Mi', true],
    ['', true],
    [0, true],
    ['1', false],
    ['0.5Gi', false],
    ['100M', false],
    [5, false],
  ])('quantityTextIsZero(%p) = %p', (q, zero) => {
    expect(quantityTextIsZero(q)).toBe(zero);
  });
});
