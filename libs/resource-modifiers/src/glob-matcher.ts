// github.com/gobwas/glob matching, as Velero uses it here: `glob.Compile(groupResource, '.')` for a
// rule's groupResource (`*` and `?` stop at `.`, `**` crosses it) and `glob.Compile(namespace)`
// without separators for its namespaces. Syntax errors are gobwas's own, found by
// @ferry/volume-policy's port of its parser; a valid pattern is translated to a RegExp.
import { globPatternError } from '@ferry/volume-policy';

/** Outcome of {@link compileGlob}. */
export type GlobResult =
  { readonly ok: true; readonly matches: (text: string) => boolean } | { readonly ok: false; readonly message: string };

/**
 * Compiles a gobwas glob: `*`, `**`, `?`, `[abc]`, `[!a-z]`, `{a,b}` and `\` escapes, matched
 * against the whole text. `separator` (one character, or none) is what `*` and `?` do not match.
 * Pure.
 */
export function compileGlob(pattern: string, separator?: string): GlobResult {
  const problem = globPatternError(pattern);
  if (problem !== undefined) return { ok: false, message: problem };
  const notSeparator = separator === undefined ? '[\\s\\S]' : `[^${escapeForClass(separator)}]`;
  const regexp = new RegExp(`^${translate(Array.from(pattern), notSeparator)}$`, 'u');
  return { ok: true, matches: (text) => regexp.test(text) };
}

function translate(runes: readonly string[], notSeparator: string): string {
  let out = '';
  let termsDepth = 0;
  for (let i = 0; i < runes.length; i++) {
    const r = runes[i] ?? '';
    if (r === '\\') {
      out += escapeLiteral(runes[++i] ?? '');
    } else if (r === '*') {
      const superStar = runes[i + 1] === '*';
      if (superStar) i++;
      out += superStar ? '[\\s\\S]*' : `${notSeparator}*`;
    } else if (r === '?') {
      out += notSeparator;
    } else if (r === '[') {
      const range = rangeClass(runes, i + 1);
      out += range.regexp;
      i = range.end;
    } else if (r === '{') {
      termsDepth++;
      out += '(?:';
    } else if (r === ',' && termsDepth > 0) {
      out += '|';
    } else if (r === '}' && termsDepth > 0) {
      termsDepth--;
      out += ')';
    } else {
      out += escapeLiteral(r);
    }
  }
  return out;
}

/**
 * `[!a-z]`, `[abc]` from `start` (after `[`): a range `lo-hi` or a list of runes (escapes are
 * literal), negated by a leading `!`; `end` is the index of the closing `]`.
 */
function rangeClass(runes: readonly string[], start: number): { regexp: string; end: number } {
  let i = start;
  const negated = runes[i] === '!';
  if (negated) i++;
  if (runes[i + 1] === '-' && runes[i + 3] === ']') {
    const regexp = `[${negated ? '^' : ''}${escapeForClass(runes[i] ?? '')}-${escapeForClass(runes[i + 2] ?? '')}]`;
    return { regexp, end: i + 3 };
  }
  let chars = '';
  for (; i < runes.length && runes[i] !== ']'; i++) {
    if (runes[i] === '\\') i++;
    chars += escapeForClass(runes[i] ?? '');
  }
  return { regexp: `[${negated ? '^' : ''}${chars}]`, end: i };
}

function escapeLiteral(rune: string): string {
  return rune.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function escapeForClass(rune: string): string {
  return rune.replace(/[\\\]^[-]/g, '\\$&');
}
