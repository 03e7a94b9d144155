// A small map whose entries expire and whose size is bounded: the review caches of the API access
// check (a token's review, a user's permission) keep answers for seconds, not for the life of the
// process, and a flood of distinct tokens cannot grow memory. Pure (the clock is passed in).

/** Options of {@link ExpiringCache}. */
export interface ExpiringCacheOptions {
  /** Entries kept at most; the least recently used goes first. */
  readonly maxEntries: number;
  /** Milliseconds since some epoch (`Date.now`). */
  readonly now: () => number;
}

/**
 * Entries live for the TTL given when set; a read of an expired entry removes it and misses; a set
 * over `maxEntries` evicts the least recently read or written entry. Not thread-shared; synchronous.
 */
export class ExpiringCache<K, V> {
  private readonly entries = new Map<K, { readonly value: V; readonly expiresAt: number }>();

  constructor(private readonly options: ExpiringCacheOptions) {}

  /** The live value of `key`, marking it recently used; undefined when absent or expired. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.options.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` for `ttlMs` (nothing when `ttlMs` ≤ 0), evicting the oldest entry when full. */
  set(key: K, value: V, ttlMs: number): void {
    this.entries.delete(key);
    if (ttlMs <= 0 || this.options.maxEntries <= 0) return;
    while (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: this.options.now() + ttlMs });
  }

  /** Entries held, expired ones not yet read included. */
  get size(): number {
    return this.entries.size;
  }
}
