// JSON pointer walking as github.com/evanphx/json-patch/v5 does it (findObject, container.get),
// for the two things fast-json-patch does differently: the `test` operation's missing-path
// semantics and negative array indices (`/containers/-1`, which v5 supports by default).

/** A JSON value as patches see it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Where a pointer leads: the parent container and the last token, or `missing` (v5's ErrMissing). */
export type PointerTarget =
  | { readonly found: true; readonly container: JsonValue[] | { [key: string]: JsonValue }; readonly key: string }
  | { readonly found: false };

/** Splits a pointer into decoded tokens (`~1` → `/`, `~0` → `~`); the first, empty one dropped. */
export function pointerTokens(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Encodes tokens back into a pointer. */
export function tokensPointer(tokens: readonly string[]): string {
  return tokens.map((token) => `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * v5's findObject: walks every token but the last through objects and arrays (array tokens are
 * indices; negative ones count from the end). Any step that does not lead to a container is
 * `missing`. Pure.
 */
export function findParent(doc: JsonValue, pointer: string): PointerTarget {
  const tokens = pointerTokens(pointer);
  const key = tokens.pop();
  if (key === undefined) return { found: false };
  let current: JsonValue | undefined = doc;
  for (const token of tokens) {
    current = childOf(current, token);
  }
  if (typeof current !== 'object' || current === null) return { found: false };
  return { found: true, container: current, key };
}

function childOf(value: JsonValue | undefined, token: string): JsonValue | undefined {
  if (Array.isArray(value)) {
    const index = arrayIndex(token, value.length, false);
    return index === undefined ? undefined : value[index];
  }
  if (typeof value === 'object' && value !== null) return Object.prototype.hasOwnProperty.call(value, token) ? value[token] : undefined;
  return undefined;
}

/**
 * An array token as v5 reads it (strconv.Atoi; negative counts from the end; for `add` the end
 * itself is a valid position), or `undefined` when it is no valid index.
 */
export function arrayIndex(token: string, length: number, forAdd: boolean): number | undefined {
  if (!/^[+-]?\d+$/.test(token)) return undefined;
  const size = forAdd ? length + 1 : length;
  let index = Number(token);
  if (index >= size || index < -size) return undefined;
  if (index < 0) index += size;
  return index;
}

/**
 * Rewrites array indices in `pointer` as v5 reads them (strconv.Atoi: `+1`, `01`, and negative ones
 * counted from the end) into plain positive ones against `doc`, so that a library without that
 * support applies the same operation. Other tokens, and indices out of range, are left as they
 * are. Pure.
 */
export function resolveNegativeIndices(doc: JsonValue, pointer: string, forAdd: boolean): string {
  const tokens = pointerTokens(pointer);
  if (!tokens.some((token) => /^[+-]\d+$|^0\d/.test(token))) return pointer;
  let current: JsonValue | undefined = doc;
  const resolved = tokens.map((token, position) => {
    const last = position === tokens.length - 1;
    let out = token;
    if (Array.isArray(current) && /^[+-]?\d+$/.test(token)) {
      const index = arrayIndex(token, current.length, forAdd && last);
      if (index !== undefined) out = String(index);
    }
    current = childOf(current, out);
    return out;
  });
  return tokensPointer(resolved);
}
