import { expirationOf } from './backup-timestamps';

describe('backup timestamps - expirationOf', () => {
  it.each<[string, string, bigint, string]>([
    ['default ttl', '2026-11-06T07:00:00Z', 2_592_000_000_000_000n, '2026-12-06T07:00:00Z'],
    ['fraction of the start truncated', '2026-12-06T06:59:59.750Z', 250_000_000n, '2026-12-06T07:00:00Z'],
    ['sub-second ttl', '2026-12-06T07:00:00.000Z', 999_999_999n, '2026-12-06T07:00:00Z'],
    ['negative ttl', '2026-12-06T07:00:00Z', -3_600_000_000_000n, '2026-12-06T06:00:00Z'],
    ['before 1970', '1970-01-01T00:00:00Z', -1n, '1969-12-31T23:59:59Z'],
  ])('%s', (_, start, ttl, expiration) => {
    expect(expirationOf(new Date(start), ttl)).toBe(expiration);
  });
});
