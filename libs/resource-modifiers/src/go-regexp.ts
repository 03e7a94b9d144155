// Go's regexp (RE2 syntax) on JavaScript's engine, for `resourceNameRegex`: what RE2 rejects is
// rejected with Go's message where it differs from JS (back-references, look-arounds, unbalanced
// brackets, unknown escapes), and the constructs whose meaning differs are translated — `(?P<n>`,
// leading `(?ims)` flags, `\A`, `\z`, `\Q…\E`, `\a`, octal `\141`, `\pL`, POSIX classes `[[:alpha:]]`,
// repeat counts (at most 1000; `{` that starts none is a literal), and `.`
// and `\s`, which in Go do not match `\r`/Unicode spaces the way JS does. Not supported (rejected
// with a message saying so): flags other than at the very start, and the ungreedy flag `U`.

/** Outcome of {@link compileGoRegexp}. */
export type GoRegexpResult = { readonly ok: true; readonly regexp: RegExp } | { readonly ok: false; readonly message: string };

const posixClasses: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};
const generalCategories = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' '),
);
const simpleEscapes: Readonly<Record<string, string>> = { a: '\\x07', f: '\\f', t: '\\t', n: '\\n', r: '\\r', v: '\\v' };
const classEscapes = new Set(['d', 'D', 'w', 'W', 'b', 'B']);

interface Scan {
  readonly pattern: string;
  pos: number;
  out: string;
  inClass: boolean;
  classStart: number;
  depth: number;
  unicode: boolean;
  dotAll: boolean;
}

/**
 * Compiles `pattern` as Go's `regexp.MatchString` would use it (unanchored search). A rejected
 * pattern's message reads like Go's: `error parsing regexp: missing closing ]: `[a-z``. Pure.
 */
export function compileGoRegexp(pattern: string): GoRegexpResult {
  const flags = leadingFlags(pattern);
  if ('ok' in flags) return flags;
  const scan: Scan = {
    pattern,
    pos: flags.length,
    out: '',
    inClass: false,
    classStart: 0,
    depth: 0,
    unicode: false,
    dotAll: flags.js.includes('s'),
  };
  while (scan.pos < pattern.length) {
    const problem = step(scan);
    if (problem !== undefined) return { ok: false, message: `error parsing regexp: ${problem}` };
  }
  if (scan.inClass) return goError('missing closing ]', pattern.slice(scan.classStart));
  if (scan.depth > 0) return goError('missing closing )', pattern);
  try {
    return { ok: true, regexp: new RegExp(scan.out, flags.js + (scan.unicode ? 'u' : '')) };
  } catch (error) {
    return { ok: false, message: `error parsing regexp: ${(error as Error).message}` };
  }
}

function goError(code: string, expr: string): GoRegexpResult {
  return { ok: false, message: `error parsing regexp: ${code}: \`${expr}\`` };
}

/** A leading `(?flags)` group: its length and the JS flags, or the rejection. */
function leadingFlags(pattern: string): { length: number; js: string } | GoRegexpResult {
  const match = /^\(\?([a-zA-Z]*)\)/.exec(pattern);
  if (match === null) return { length: 0, js: '' };
  const letters = match[1] ?? '';
  for (const letter of letters) {
    if (letter === 'U')
      return {
        ok: false,
        message: 'error parsing regexp: the ungreedy flag (?U) is not supported by Ferry; write lazy quantifiers (*?, +?) instead',
      };
    if (!'ims'.includes(letter)) return goError('invalid or unsupported Perl syntax', match[0].slice(0, 3));
  }
  return { length: match[0].length, js: [...new Set(letters)].join('') };
}

function step(scan: Scan): string | undefined {
  const { pattern } = scan;
  const c = pattern[scan.pos] ?? '';
  if (c === '\\') return escape(scan);
  if (scan.inClass) return classChar(scan, c);
  scan.pos++;
  switch (c) {
    case '[':
      scan.inClass = true;
      scan.classStart = scan.pos - 1;
      scan.out += '[';
      for (const leading of ['^', ']']) {
        if (pattern[scan.pos] !== leading) continue;
        scan.out += leading === ']' ? '\\]' : '^';
        scan.pos++;
      }
      return undefined;
    case '(':
      scan.depth++;
      return group(scan);
    case ')':
      if (scan.depth === 0) return `unexpected ): \`${pattern}\``;
      scan.depth--;
      scan.out += ')';
      return undefined;
    case '.':
      scan.out += scan.dotAll ? '[\\s\\S]' : '[^\\n]';
      return undefined;
    case '{':
      return repeat(scan);
    default:
      scan.out += c === '}' ? '\\}' : c;
      return undefined;
  }
}

/** `{n}`, `{n,}` or `{n,m}` as Go reads them (counts up to 1000, min ≤ max); otherwise `{` is a literal. */
function repeat(scan: Scan): string | undefined {
  const count = /^(0|[1-9]\d*)(?:(,)(0|[1-9]\d*)?)?\}/.exec(scan.pattern.slice(scan.pos));
  if (count === null) return void (scan.out += '\\{');
  const min = Number(count[1]);
  const max = count[2] === undefined ? min : count[3] === undefined ? -1 : Number(count[3]);
  if (min > 1000 || max > 1000 || (max >= 0 && min > max)) return `invalid repeat count: \`{${count[0]}\``;
  scan.out += `{${count[0]}`;
  scan.pos += count[0].length;
  return undefined;
}

function classChar(scan: Scan, c: string): string | undefined {
  const posix = /^\[:(\^?)([a-z]+):\]/.exec(scan.pattern.slice(scan.pos));
  if (posix !== null) {
    const range = posixClasses[posix[2] ?? ''];
    if (range === undefined) return `invalid character class range: \`${posix[0]}\``;
    if (posix[1] === '^') return `negated POSIX classes (${posix[0]}) are not supported by Ferry`;
    scan.out += range;
    scan.pos += posix[0].length;
    return undefined;
  }
  scan.pos++;
  if (c === ']') scan.inClass = false;
  scan.out += c === '[' ? '\\[' : c;
  return undefined;
}

function group(scan: Scan): string | undefined {
  const rest = scan.pattern.slice(scan.pos);
  if (!rest.startsWith('?')) return void (scan.out += '(');
  const named = /^\?P?<([A-Za-z0-9_]+)>/.exec(rest);
  if (named !== null) {
    scan.out += `(?<${named[1]}>`;
    scan.pos += named[0].length;
    return undefined;
  }
  if (rest.startsWith('?:')) {
    scan.out += '(?:';
    scan.pos += 2;
    return undefined;
  }
  if (/^\?[a-zA-Z-]+[:)]/.test(rest))
    return `flags inside the pattern (${rest.slice(0, rest.search(/[:)]/) + 1)}) are not supported by Ferry; put them at the start`;
  return `invalid or unsupported Perl syntax: \`(${rest.slice(0, 2)}\``;
}

function escape(scan: Scan): string | undefined {
  const { pattern } = scan;
  const c = pattern[scan.pos + 1];
  if (c === undefined) return 'trailing backslash at end of expression: ``';
  scan.pos += 2;
  if (/[0-7]/.test(c)) return octalEscape(scan, c);
  if (/[89]/.test(c)) return `invalid escape sequence: \`\\${c}\``;
  if (/[^A-Za-z0-9]/.test(c)) return void (scan.out += `\\${c}`);
  if (c === 'x') return hexEscape(scan);
  const simple = simpleEscapes[c];
  if (simple !== undefined) return void (scan.out += simple);
  if (classEscapes.has(c)) return void (scan.out += `\\${c}`);
  if (c === 's' || c === 'S') return void (scan.out += spaceClass(c === 'S', scan.inClass));
  if (c === 'p' || c === 'P') return unicodeClass(scan, c === 'P');
  if (!scan.inClass && (c === 'A' || c === 'z')) return void (scan.out += c === 'A' ? '(?<![\\s\\S])' : '(?![\\s\\S])');
  if (!scan.inClass && c === 'Q') return quoted(scan);
  return `invalid escape sequence: \`\\${c}\``;
}

/** `\0`, or `\1`–`\7` and another octal digit: a code of up to three octal digits (a lone `\1` is a back-reference). */
function octalEscape(scan: Scan, first: string): string | undefined {
  const more = /^[0-7]{0,2}/.exec(scan.pattern.slice(scan.pos))?.[0] ?? '';
  if (first !== '0' && more === '') return `invalid escape sequence: \`\\${first}\``;
  scan.pos += more.length;
  scan.out += `\\u${parseInt(first + more, 8)
    .toString(16)
    .padStart(4, '0')}`;
  return undefined;
}

/** `\xHH` as is; `\x{H…}` as a code point escape (JS needs the `u` flag for it). */
function hexEscape(scan: Scan): undefined {
  const braced = /^\{([0-9A-Fa-f]{1,6})\}/.exec(scan.pattern.slice(scan.pos));
  if (braced === null) return void (scan.out += '\\x');
  scan.unicode = true;
  scan.out += `\\u{${braced[1]}}`;
  scan.pos += braced[0].length;
  return undefined;
}

/** Go's `\s` is ASCII `[\t\n\f\r ]`; JS's also matches `\v` and Unicode spaces. */
function spaceClass(negated: boolean, inClass: boolean): string {
  if (inClass) return negated ? '\\S' : '\\t\\n\\f\\r ';
  return negated ? '[^\\t\\n\\f\\r ]' : '[\\t\\n\\f\\r ]';
}

function unicodeClass(scan: Scan, negated: boolean): string | undefined {
  const braced = /^\{(\^?)([A-Za-z_]+)\}/.exec(scan.pattern.slice(scan.pos));
  const name = braced !== null ? (braced[2] ?? '') : (scan.pattern[scan.pos] ?? '');
  const inverted = negated !== (braced?.[1] === '^');
  scan.pos += braced !== null ? braced[0].length : 1;
  if (name === 'Any') return void (scan.out += inverted ? '[^\\s\\S]' : '[\\s\\S]');
  const property = generalCategories.has(name) ? name : `Script=${name}`;
  scan.unicode = true;
  scan.out += `\\${inverted ? 'P' : 'p'}{${property}}`;
  return undefined;
}

/** `\Q…\E`: everything between is literal. */
function quoted(scan: Scan): undefined {
  const end = scan.pattern.indexOf('\\E', scan.pos);
  const literal = end === -1 ? scan.pattern.slice(scan.pos) : scan.pattern.slice(scan.pos, end);
  scan.out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  scan.pos = end === -1 ? scan.pattern.length : end + 2;
  return undefined;
}
