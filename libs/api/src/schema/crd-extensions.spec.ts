import { dateTime, int64, integer, isKubernetesDateTime } from './crd-extensions';

describe('crd extensions - date-time accepts what the API server accepts', () => {
  it.each([
    ['UTC', '2026-05-20T10:00:00Z', true],
    ['fraction', '2026-05-20T10:00:00.123456789Z', true],
    ['offset', '2026-05-20T10:00:00+02:00', true],
    ['lower-case t and z', '2026-05-20t10:00:00z', true],
    ['leap day', '2028-02-29T00:00:00Z', true],
    ['two-digit year', '0050-01-01T00:00:00Z', true],
    ['last second of the day', '2026-12-31T23:59:59Z', true],
    ['no zone', '2026-05-20T10:00:00', false],
    ['space separator', '2026-05-20 10:00:00Z', false],
    ['date only', '2026-05-20', false],
    ['no leap day', '2026-02-29T00:00:00Z', false],
    ['month 13', '2026-13-01T00:00:00Z', false],
    ['hour 24', '2026-05-20T24:00:00Z', false],
    ['leap second', '2026-06-30T23:59:60Z', false],
    ['short offset', '2026-05-20T10:00:00+02', false],
  ])('%s: %s -> %s', (_name, value, valid) => {
    expect(isKubernetesDateTime(value)).toBe(valid);
    expect(dateTime().safeParse(value).success).toBe(valid);
  });
});

describe('crd extensions - integers of any magnitude', () => {
  it.each<[string, unknown, boolean]>([
    ['zero', 0, true],
    ['negative', -5, true],
    ['Unix nanoseconds beyond 2^53', 1_779_000_000_000_000_000, true],
    ['fraction', 1.5, false],
    ['numeric string', '1', false],
    ['NaN', Number.NaN, false],
  ])('%s', (_name, value, valid) => {
    expect(integer().safeParse(value).success).toBe(valid);
    expect(int64().safeParse(value).success).toBe(valid);
  });

  it('honours a minimum', () => {
    expect(int64({ minimum: 0 }).safeParse(-1).success).toBe(false);
  });
});
