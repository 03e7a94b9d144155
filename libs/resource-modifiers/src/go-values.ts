// Go's view of decoded JSON values, as apimachinery's strategic merge patch sees them
// (map[string]interface{}, []interface{}, string, bool, int64, float64, nil; type names from @ferry/kube-values):
// interface equality (`==`), `%v` formatting for error messages, and sort.SliceStable's exact
// algorithm (the merge code sorts with a comparator that is not a strict order, so the result
// depends on the algorithm).
import { goTypeName } from '@ferry/kube-values';
import type { JsonValue } from './json-pointer';

/** A JSON object as a Go map. */
export type GoMap = { [key: string]: JsonValue };

/** Whether a value is a Go map (a JSON object). */
export function isGoMap(value: JsonValue | undefined): value is GoMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Go's `==` on interface values: same dynamic type and same value; maps and slices never equal. */
export function goEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (typeof a === 'object' && a !== null) return false;
  return goTypeName(a) === goTypeName(b) && a === b;
}

/** fmt's `%v` of a decoded JSON value (maps with sorted keys, as Go prints them). */
export function goFormat(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goFormat).join(' ')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `map[${keys.map((key) => `${key}:${goFormat(value[key])}`).join(' ')}]`;
  }
  if (typeof value === 'number' && !Number.isInteger(value)) return goFloatText(value);
  return String(value);
}

/** strconv.FormatFloat(v, 'g', -1, 64): shortest digits, exponent form below 1e-4 or from 1e6. */
function goFloatText(value: number): string {
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent < -4 || exponent >= 6) {
    const [mantissa = '', exp = '0'] = value.toExponential().split('e');
    const sign = exp.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${exp.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return String(value);
}

/** Go's sort.SliceStable: insertion sort in blocks of 20, then SymMerge passes. Sorts in place. */
export function goSliceStable<T>(items: T[], less: (a: T, b: T) => boolean): void {
  const n = items.length;
  const lessAt = (i: number, j: number): boolean => less(items[i] as T, items[j] as T);
  const swap = (i: number, j: number): void => {
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  };
  let blockSize = 20;
  let a = 0;
  let b = blockSize;
  while (b <= n) {
    insertionSort(lessAt, swap, a, b);
    a = b;
    b += blockSize;
  }
  insertionSort(lessAt, swap, a, n);
  while (blockSize < n) {
    a = 0;
    b = 2 * blockSize;
    while (b <= n) {
      symMerge(lessAt, swap, a, a + blockSize, b);
      a = b;
      b += 2 * blockSize;
    }
    const m = a + blockSize;
    if (m < n) symMerge(lessAt, swap, a, m, n);
    blockSize *= 2;
  }
}

type LessAt = (i: number, j: number) => boolean;
type Swap = (i: number, j: number) => void;

function insertionSort(less: LessAt, swap: Swap, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && less(j, j - 1); j--) swap(j, j - 1);
  }
}

function symMerge(less: LessAt, swap: Swap, a: number, m: number, b: number): void {
  if (m - a === 1) {
    let i = m;
    let j = b;
    while (i < j) {
      const h = (i + j) >>> 1;
      if (less(h, a)) i = h + 1;
      else j = h;
    }
    for (let k = a; k < i - 1; k++) swap(k, k + 1);
    return;
  }
  if (b - m === 1) {
    let i = a;
    let j = m;
    while (i < j) {
      const h = (i + j) >>> 1;
      if (!less(m, h)) i = h + 1;
      else j = h;
    }
    for (let k = m; k > i; k--) swap(k, k - 1);
    return;
  }
  const mid = (a + b) >>> 1;
  const n = mid + m;
  let start: number;
  let r: number;
  if (m > mid) {
    start = n - b;
    r = mid;
  } else {
    start = a;
    r = m;
  }
  const p = n - 1;
  while (start < r) {
    const c = (start + r) >>> 1;
    if (!less(p - c, c)) start = c + 1;
    else r = c;
  }
  const end = n - start;
  if (start < m && m < end) rotate(swap, start, m, end);
  if (a < start && start < mid) symMerge(less, swap, a, start, mid);
  if (mid < end && end < b) symMerge(less, swap, mid, end, b);
}

function rotate(swap: Swap, a: number, m: number, b: number): void {
  let i = m - a;
  let j = b - m;
  while (i !== j) {
    if (i > j) {
      swapRange(swap, m - i, m, j);
      i -= j;
    } else {
      swapRange(swap, m - i, m + j - i, i);
      j -= i;
    }
  }
  swapRange(swap, m - i, m, i);
}

function swapRange(swap: Swap, a: number, b: number, n: number): void {
  for (let i = 0; i < n; i++) swap(a + i, b + i);
}
