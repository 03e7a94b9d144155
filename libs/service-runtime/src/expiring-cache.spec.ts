import { ExpiringCache } from './expiring-cache';

const cacheAt = (maxEntries: number) => {
  let now = 1_000;
  const cache = new ExpiringCache<string, string>({ maxEntries, now: () => now });
  return { cache, advance: (ms: number) => (now += ms) };
};

describe('expiring-cache - expiry', () => {
  it.each([
    ['just before the TTL', 9_999, 'v'],
    ['at the TTL', 10_000, undefined],
    ['after the TTL', 60_000, undefined],
  ])('an entry read %s -> %s', (_when, elapsed, expected) => {
    const { cache, advance } = cacheAt(10);
    cache.set('k', 'v', 10_000);
    advance(elapsed);
    expect(cache.get('k')).toBe(expected);
  });

  it('removes an expired entry when it is read', () => {
    const { cache, advance } = cacheAt(10);
    cache.set('k', 'v', 5);
    advance(5);
    expect(cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps nothing for a TTL of zero, and a new set replaces the old value and TTL', () => {
    const { cache, advance } = cacheAt(10);
    cache.set('k', 'v', 0);
    expect(cache.get('k')).toBeUndefined();
    cache.set('k', 'old', 1_000);
    cache.set('k', 'new', 50);
    advance(60);
    expect(cache.get('k')).toBeUndefined();
  });
});

describe('expiring-cache - bounded size', () => {
  it('evicts the least recently used entry when full', () => {
    const { cache } = cacheAt(2);
    cache.set('a', '1', 1_000);
    cache.set('b', '2', 1_000);
    expect(cache.get('a')).toBe('1');
    cache.set('c', '3', 1_000);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['1', undefined, '3']);
    expect(cache.size).toBe(2);
  });

  it('never holds more than maxEntries under a flood of keys', () => {
    const { cache } = cacheAt(100);
    for (let i = 0; i < 10_000; i += 1) cache.set(`token-${i}`, 'x', 1_000);
    expect(cache.size).toBe(100);
    expect(cache.get('token-9999')).toBe('x');
    expect(cache.get('token-0')).toBeUndefined();
  });

  it('holds nothing with maxEntries 0', () => {
    const { cache } = cacheAt(0);
    cache.set('a', '1', 1_000);
    expect(cache.get('a')).toBeUndefined();
  });
});
