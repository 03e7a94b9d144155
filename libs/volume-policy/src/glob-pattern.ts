// The two pattern syntaxes Velero's filter policies check, ported so Ferry rejects exactly what
// Velero rejects, with Velero's words:
// - names/excludedNames: github.com/gobwas/glob v0.2.3 `glob.Compile` (syntax/lexer/lexer.go and
//   syntax/ast/parser.go). Only parsing can fail there; its compiler stage never errors on a
//   parsed tree, so it is not ported.
// - namespaces: velero pkg/util/wildcard/expand.go `ValidateNamespaceName`.

const Token = {
  Eof: 'eof',
  Error: 'error',
  Text: 'text',
  Any: 'any',
  Super: 'super',
  Single: 'single',
  Not: 'not',
  Separator: 'separator',
  RangeOpen: 'range-open',
  RangeClose: 'range-close',
  RangeLo: 'range-lo',
  RangeHi: 'range-hi',
  RangeBetween: 'range-between',
  TermsOpen: 'terms-open',
  TermsClose: 'terms-close',
} as const;
type TokenType = (typeof Token)[keyof typeof Token];
interface GlobToken {
  readonly type: TokenType;
  readonly raw: string;
}

const textBreakers = ['?', '*', '[', '{'];
const termsBreakers = [...textBreakers, '}', ','];

/** gobwas/glob's lexer: lazy, and an error it hits wins over tokens it has queued. */
class GlobLexer {
  private readonly runes: readonly string[];
  private pos = 0;
  private error: string | undefined;
  private readonly queue: GlobToken[] = [];
  private termsLevel = 0;

  constructor(source: string) {
    this.runes = Array.from(source);
  }

  next(): GlobToken {
    for (;;) {
      if (this.error !== undefined) return { type: Token.Error, raw: this.error };
      const queued = this.queue.shift();
      if (queued) return queued;
      this.fetchItem();
    }
  }

  private read(): string | undefined {
    const rune = this.runes[this.pos];
    // Go's utf8.DecodeRuneInString reports U+FFFD as RuneError, which the lexer treats as unreadable.
    if (rune === '\uFFFD') {
      this.error = 'could not read rune';
      return undefined;
    }
    if (rune === undefined) return undefined;
    this.pos++;
    // Go's lexer uses rune 0 as its end-of-input marker, so a NUL ends the pattern (after being consumed).
    return rune === '\0' ? undefined : rune;
  }

  private peek(): string | undefined {
    const rune = this.runes[this.pos];
    if (rune === '\uFFFD') this.error = 'could not read rune';
    return rune;
  }

  private push(type: TokenType, raw: string): void {
    this.queue.push({ type, raw });
  }

  private fetchItem(): void {
    const r = this.read();
    if (r === undefined) return this.push(Token.Eof, '');
    if (r === '{') {
      this.termsLevel++;
      return this.push(Token.TermsOpen, r);
    }
    if (r === ',' && this.termsLevel > 0) return this.push(Token.Separator, r);
    if (r === '}' && this.termsLevel > 0) {
      this.push(Token.TermsClose, r);
      this.termsLevel--;
      return;
    }
    if (r === '[') {
      this.push(Token.RangeOpen, r);
      return this.fetchRange();
    }
    if (r === '?') return this.push(Token.Single, r);
    if (r === '*') {
      if (this.peek() === '*') {
        this.pos++;
        return this.push(Token.Super, '**');
      }
      return this.push(Token.Any, r);
    }
    this.pos--;
    this.fetchText(this.termsLevel > 0 ? termsBreakers : textBreakers);
  }

  private fetchRange(): void {
    let wantHi = false;
    let wantClose = false;
    let seenNot = false;
    for (;;) {
      const r = this.read();
      if (r === undefined) {
        this.error = 'unexpected end of input';
        return;
      }
      if (wantClose) {
        if (r === ']') this.push(Token.RangeClose, r);
        else this.error = 'expected close range character';
        return;
      }
      if (wantHi) {
        this.push(Token.RangeHi, r);
        wantClose = true;
      } else if (!seenNot && r === '!') {
        this.push(Token.Not, r);
        seenNot = true;
      } else if (this.peek() === '-') {
        this.pos++;
        this.push(Token.RangeLo, r);
        this.push(Token.RangeBetween, '-');
        wantHi = true;
      } else {
        this.pos--;
        this.fetchText([']']);
        wantClose = true;
      }
    }
  }

  private fetchText(breakers: readonly string[]): void {
    let data = '';
    let escaped = false;
    for (;;) {
      const r = this.read();
      if (r === undefined) break;
      if (!escaped) {
        if (r === '\\') {
          escaped = true;
          continue;
        }
        if (breakers.includes(r)) {
          this.pos--;
          break;
        }
      }
      escaped = false;
      data += r;
    }
    if (data.length > 0) this.push(Token.Text, data);
  }
}

/**
 * Why gobwas/glob would not compile `pattern` (its own message), or `undefined` when it would.
 * Pure; O(pattern length).
 */
export function globPatternError(pattern: string): string | undefined {
  const lexer = new GlobLexer(pattern);
  for (;;) {
    const token = lexer.next();
    if (token.type === Token.Eof) return undefined;
    if (token.type === Token.Error) return token.raw;
    if (token.type === Token.RangeOpen) {
      const problem = parseRange(lexer);
      if (problem !== undefined) return problem;
    }
  }
}

/** gobwas/glob's parserRange, from the token after `[` through `]`. */
function parseRange(lexer: GlobLexer): string | undefined {
  let lo = '';
  let hi = '';
  let chars = '';
  for (;;) {
    const token = lexer.next();
    switch (token.type) {
      case Token.Eof:
        return 'unexpected end';
      case Token.Error:
        return token.raw;
      case Token.RangeLo:
        lo = token.raw;
        break;
      case Token.RangeHi:
        hi = token.raw;
        if ((hi.codePointAt(0) ?? 0) < (lo.codePointAt(0) ?? 0)) return `hi character '${hi}' should be greater than lo '${lo}'`;
        break;
      case Token.Text:
        chars = token.raw;
        break;
      case Token.RangeClose:
        return (chars !== '') === (lo !== '' && hi !== '') ? 'could not parse range' : undefined;
      default:
        break;
    }
  }
}

/**
 * Velero's `wildcard.ValidateNamespaceName`: why a namespace pattern is rejected, or `undefined`.
 * Checks, in Velero's order: characters `|()!{},`, consecutive `*`, then `[...]` brackets. Pure.
 */
export function namespacePatternError(pattern: string): string | undefined {
  if (/[|()!{},]/.test(pattern)) return 'wildcard pattern contains unsupported characters: |, (, ), !, {, }, ,';
  if (pattern.includes('**')) return 'wildcard pattern contains consecutive asterisks (only single * allowed)';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === ']') return "wildcard pattern contains unmatched closing bracket ']'";
    if (pattern[i] !== '[') continue;
    const close = pattern.indexOf(']', i + 1);
    if (close < 0) return "wildcard pattern contains unclosed bracket '['";
    if (close === i + 1) return "wildcard pattern contains empty bracket pattern '[]'";
    i = close;
  }
  return undefined;
}
