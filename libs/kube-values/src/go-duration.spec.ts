import { formatDuration, parseDuration } from './go-duration';

// Expected values printed by Go 1.26's time.ParseDuration and Duration.String().
describe('go duration - parseDuration as time.ParseDuration', () => {
  it.each<[string, string]>([
    ['0', '0'],
    ['0s', '0'],
    ['-0', '0'],
    ['+0', '0'],
    ['1h', '3600000000000'],
    ['1h30m', '5400000000000'],
    ['720h', '2592000000000000'],
    ['-1.5h', '-5400000000000'],
    ['.5s', '500000000'],
    ['1.s', '1000000000'],
    ['300ms', '300000000'],
    ['1us', '1000'],
    ['1\u00b5s', '1000'],
    ['1\u03bcs', '1000'],
    ['0.000000001s', '1'],
    ['1.0000000015s', '1000000001'],
    ['1.0000000000000000000001s', '1000000000'],
    ['3m0.5s', '180500000000'],
    ['2562047h47m16.854775807s', '9223372036854775807'],
    ['-2562047h47m16.854775808s', '-9223372036854775808'],
    ['9223372036854775807ns', '9223372036854775807'],
  ])('%j is %s ns', (text, nanoseconds) => {
    expect(parseDuration(text)).toEqual({ ok: true, nanoseconds: BigInt(nanoseconds) });
  });

  it.each<[string, string]>([
    ['', 'time: invalid duration ""'],
    [' 1h', 'time: invalid duration " 1h"'],
    ['abc', 'time: invalid duration "abc"'],
    ['.s', 'time: invalid duration ".s"'],
    ['1', 'time: missing unit in duration "1"'],
    ['1.5.5s', 'time: missing unit in duration "1.5.5s"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['1h-1m', 'time: unknown unit "h-" in duration "1h-1m"'],
    ['1\u00e9', 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"'],
    ['"x\\', 'time: invalid duration "\\"x\\\\"'],
    ['2562047h47m16.854775808s', 'time: invalid duration "2562047h47m16.854775808s"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
  ])('%j fails with %s', (text, message) => {
    expect(parseDuration(text)).toEqual({ ok: false, message });
  });
});

describe('go duration - formatDuration as Duration.String()', () => {
  it.each<[string, string]>([
    ['0', '0s'],
    ['1', '1ns'],
    ['999', '999ns'],
    ['1000', '1\u00b5s'],
    ['1500', '1.5\u00b5s'],
    ['999999', '999.999\u00b5s'],
    ['1000000', '1ms'],
    ['1500000', '1.5ms'],
    ['999999999', '999.999999ms'],
    ['1000000000', '1s'],
    ['1500000000', '1.5s'],
    ['60000000000', '1m0s'],
    ['3600000000000', '1h0m0s'],
    ['2592000000000000', '720h0m0s'],
    ['-3600000000000', '-1h0m0s'],
    ['-1500', '-1.5\u00b5s'],
    ['90061000000001', '25h1m1.000000001s'],
    ['-9223372036854775808', '-2562047h47m16.854775808s'],
  ])('%s ns is %s', (nanoseconds, text) => {
    expect(formatDuration(BigInt(nanoseconds))).toBe(text);
  });
});
