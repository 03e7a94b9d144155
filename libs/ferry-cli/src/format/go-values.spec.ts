import { boolPointerString, formatLabelSelector, goTime, humanBytes, humanDuration, shortHumanDuration, timeFromNow } from './go-values';

describe('go values - Velero CLI formatting', () => {
  it.each([
    ['2026-12-06T22:00:05Z', '2026-12-06 22:00:05 +0000 UTC'],
    ['2026-12-06T23:00:05+01:00', '2026-12-06 22:00:05 +0000 UTC'],
    ['2026-12-06T22:00:05.250Z', '2026-12-06 22:00:05.25 +0000 UTC'],
    [undefined, undefined],
    ['not a time', undefined],
  ])('goTime(%s) = %s', (input, expected) => {
    expect(goTime(input)).toBe(expected);
  });

  it.each([
    [undefined, 'auto'],
    [true, 'true'],
    [false, 'false'],
  ])('boolPointerString(%s)', (value, expected) => {
    expect(boolPointerString(value, 'false', 'true', 'auto')).toBe(expected);
  });

  it.each([
    [undefined, '<none>'],
    [{}, '<none>'],
    [{ matchLabels: { b: '2', a: '1' } }, 'a=1,b=2'],
    [
      {
        matchLabels: { z: '1' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['b', 'a'] },
          { key: 'env', operator: 'NotIn', values: ['dev'] },
          { key: 'has', operator: 'Exists' },
          { key: 'not', operator: 'DoesNotExist' },
        ],
      },
      'env notin (dev),has,!not,tier in (a,b),z=1',
    ],
  ])('formatLabelSelector(%j) = %s', (selector, expected) => {
    expect(formatLabelSelector(selector)).toBe(expected);
  });

  it.each([
    [-5000, '<invalid>'],
    [-500, '0s'],
    [45_000, '45s'],
    [3 * 60_000 + 59_000, '3m'],
    [5 * 3_600_000, '5h'],
    [49 * 3_600_000, '2d'],
    [400 * 24 * 3_600_000, '1y'],
  ])('shortHumanDuration(%d) = %s', (ms, expected) => {
    expect(shortHumanDuration(ms)).toBe(expected);
  });

  it('prints times from now ahead, ago and n/a', () => {
    const now = Date.parse('2026-12-06T00:00:00Z');
    expect(timeFromNow('2026-12-08T00:00:00Z', now)).toBe('2d');
    expect(timeFromNow('2026-12-05T23:00:00Z', now)).toBe('1h ago');
    expect(timeFromNow(undefined, now)).toBe('n/a');
  });

  it.each([
    [512, '512 B'],
    [1536, '1.5 KiB'],
    [5 * 1024 * 1024, '5.0 MiB'],
  ])('humanBytes(%d) = %s', (bytes, expected) => {
    expect(humanBytes(bytes)).toBe(expected);
  });

  it.each([
    [850, '850ms'],
    [12_340, '12.3s'],
    [245_000, '4m05s'],
    [3_720_000, '1h02m'],
  ])('humanDuration(%d) = %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});
