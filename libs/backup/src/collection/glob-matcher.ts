// gobwas/glob v0.2.3 matching without separators, as Velero uses it for namespace patterns,
// resource filter entries and filter-policy names: `*` and `**` any run of characters, `?` one
// character, `[abc]` `[a-z]` and their `[!…]` negations, `{a,b}` alternatives, `\` escapes the
// next character. Patterns gobwas cannot compile never match (volume-policy's globPatternError
// says which those are).
import { globPatternError } from '@ferry/volume-policy';
import { compareGoStrings } from '../encoding/go-json';

/** A compiled pattern: whether `text` matches it as a whole. */
export type GlobMatcher = (text: string) => boolean;

const regexSpecials = /[\\^$.*+?()[\]{}|/]/g;
const escapeRegex = (text: string): string => text.replace(regexSpecials, '\\$&');
const escapeClass = (text: string): string => text.replace(/[\\\]^[-]/g, '\\$&');

/** Translates the bracket body starting at `runes[start]` (after `[`); returns the class and the index after `]`. */
function translateRange(runes: readonly string[], start: number): [string, number] {
  let i = start;
  let negated = false;
  if (runes[i] === '!') {
    negated = true;
    i++;
  }
  let body = '';
  if (runes[i + 1] === '-' && runes[i + 3] === ']') {
    body = `${escapeClass(runes[i] ?? '')}-${escapeClass(runes[i + 2] ?? '')}`;
    i += 3;
  } else {
    while (i < runes.length && runes[i] !== ']') {
      if (runes[i] === '\\') i++;
      body += escapeClass(runes[i] ?? '');
      i++;
    }
  }
  return [`[${negated ? '^' : ''}${body}]`, i + 1];
}

/** Translates `runes` from `start` until the end or, inside `{…}` (depth > 0), a `,` or `}` at this level. */
function translate(runes: readonly string[], start: number, depth: number): [string, number] {
  let out = '';
  let i = start;
  while (i < runes.length) {
    const rune = runes[i] ?? '';
    if (depth > 0 && (rune === ',' || rune === '}')) return [out, i];
    if (rune === '\\') {
      out += escapeRegex(runes[i + 1] ?? '');
      i += 2;
    } else if (rune === '*') {
      out += '.*';
      i += runes[i + 1] === '*' ? 2 : 1;
    } else if (rune === '?') {
      out += '.';
      i++;
    } else if (rune === '[') {
      const [range, next] = translateRange(runes, i + 1);
      out += range;
      i = next;
    } else if (rune === '{') {
      const alternatives: string[] = [];
      i++;
      for (;;) {
        const [alternative, next] = translate(runes, i, depth + 1);
        alternatives.push(alternative);
        i = next + 1;
        if (runes[next] !== ',') break;
      }
      out += `(?:${alternatives.join('|')})`;
    } else {
      out += escapeRegex(rune);
      i++;
    }
  }
  return [out, i];
}

/**
 * Compiles `pattern` as gobwas/glob does (no separators), or `undefined` when gobwas rejects it.
 * Pure; the matcher is linear-ish in the text (a JS RegExp).
 */
export function compileGlob(pattern: string): GlobMatcher | undefined {
  if (globPatternError(pattern) !== undefined) return undefined;
  if (!/[*?[{\\]/.test(pattern)) return (text) => text === pattern;
  const [source] = translate(Array.from(pattern), 0, 0);
  const regex = new RegExp(`^${source}$`, 'su');
  return (text) => regex.test(text);
}

/**
 * Velero's `globStringSet.match`: the patterns walked in sorted order; the first that does not
 * compile ends the walk with no match, the first that matches ends it with a match. Pure.
 */
export function globSetMatches(sortedPatterns: readonly string[], text: string): boolean {
  for (const pattern of sortedPatterns) {
    const matcher = compileGlob(pattern);
    if (matcher === undefined) return false;
    if (matcher(text)) return true;
  }
  return false;
}

/** Patterns compiled once, matched in Velero's set order (see {@link globSetMatches}). */
export class GlobSet {
  private readonly matchers: readonly (GlobMatcher | undefined)[];
  /** The patterns, deduplicated and sorted as Go's `sets.String.List()` (by UTF-8 bytes). */
  readonly patterns: readonly string[];

  constructor(patterns: Iterable<string>) {
    this.patterns = [...new Set(patterns)].sort(compareGoStrings);
    this.matchers = this.patterns.map(compileGlob);
  }

  /** Number of patterns. */
  get size(): number {
    return this.patterns.length;
  }

  /** Whether the exact string is one of the patterns (Go's `sets.String.Has`). */
  has(pattern: string): boolean {
    return this.patterns.includes(pattern);
  }

  /** Velero's `globStringSet.match`. */
  matches(text: string): boolean {
    for (const matcher of this.matchers) {
      if (matcher === undefined) return false;
      if (matcher(text)) return true;
    }
    return false;
  }
}
