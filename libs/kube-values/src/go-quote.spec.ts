import { goQuoted } from './go-quote';

describe("goQuoted - Go's %q", () => {
  it.each<[string, string]>([
    ['', '""'],
    ['restore completed', '"restore completed"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['C:\\data', '"C:\\\\data"'],
    ['line\nbreak\ttab', '"line\\nbreak\\ttab"'],
    ['\x00\x7f', '"\\x00\\x7f"'],
    ['größe ✓', '"größe ✓"'],
  ])('%j is written %s', (text, quoted) => {
    expect(goQuoted(text)).toBe(quoted);
  });
});
