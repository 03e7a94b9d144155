import { capacityInRange, parseCapacity, validateCapacity, type CapacityRange } from './capacity-condition';
import { parseQuantity, zeroQuantity, type Quantity } from '@ferry/kube-values';

function range(text: string): CapacityRange {
  const parsed = parseCapacity(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.range;
}

function size(text: string): Quantity {
  const parsed = parseQuantity(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.quantity;
}

describe('capacity condition - format', () => {
  it.each<[string, string]>([
    ['5Gi', 'wrong format of Capacity 5Gi;'],
    ['1Gi,2Gi,3Gi', 'wrong format of Capacity 1Gi,2Gi,3Gi;'],
    ['1Gi,abc', 'wrong format of Capacity abc with err quantities must match'],
    ['1Gi, 5K', "wrong format of Capacity  5K with err unable to parse quantity's suffix"],
  ])('%j is rejected', (text, message) => {
    const parsed = parseCapacity(text);
    expect(parsed.ok ? '' : parsed.message).toContain(message);
  });

  it.each<[string, string, string]>([
    ['', '0', '0'],
    [',', '0', '0'],
    [' 10Gi , 100Gi ', '10Gi', '100Gi'],
    ['10Gi,', '10Gi', '0'],
    [',100Gi', '0', '100Gi'],
    ['\t1Gi\u00a0,2Gi', '1Gi', '2Gi'],
  ])('%j → [%s, %s] (blank = 0, parts trimmed)', (text, lower, upper) => {
    const r = range(text);
    expect(r.lower).toEqual(size(lower));
    expect(r.upper).toEqual(size(upper));
  });
});

describe('capacity condition - validation', () => {
  it.each<[string, boolean]>([
    ['0,100Gi', true],
    ['10Gi,100Gi', true],
    ['10Gi,10Gi', true],
    ['10Gi,', true],
    [',', true],
    ['', true],
    ['100Gi,10Gi', false],
    ['0,-1', false],
    ['-5Gi,-1Gi', true],
  ])('%j legal: %s', (text, legal) => {
    const problem = validateCapacity(range(text));
    expect(problem === undefined).toBe(legal);
    if (!legal) expect(problem).toMatch(/^illegal values for capacity/);
  });
});

describe('capacity condition - matching (Velero isInRange)', () => {
  it.each<[string, string, boolean]>([
    ['0,100Gi', '50Gi', true],
    ['0,100Gi', '100Gi', true],
    ['0,100Gi', '101Gi', false],
    ['0,100Gi', '0', true],
    ['10Gi,', '10Gi', true],
    ['10Gi,', '1Ti', true],
    ['10Gi,', '9Gi', false],
    ['10Gi,', '0', false],
    ['10Gi,100Gi', '10Gi', true],
    ['10Gi,100Gi', '100Gi', true],
    ['10Gi,100Gi', '9Gi', false],
    ['10Gi,100Gi', '101Gi', false],
    ['', '5Gi', true],
    [',', '5Gi', true],
    ['', '0', true],
    [',', '0', true],
    ['10G,11G', '10Gi', true],
    ['1Gi,1Gi', '1073741824', true],
  ])('%j contains %s: %s', (text, volumeSize, expected) => {
    expect(capacityInRange(range(text), size(volumeSize))).toBe(expected);
  });

  it('a size-0 volume (pod volume, PVC only) matches "0,X" but not "X,"', () => {
    expect(capacityInRange(range('0,1Gi'), zeroQuantity)).toBe(true);
    expect(capacityInRange(range('1Gi,'), zeroQuantity)).toBe(false);
  });
});
