import { loadYaml } from './yaml-loader';

/** A billion-laughs document: nine levels of nine aliases (9^9 strings once expanded), used at `use`. */
function aliasBomb(use: string): string {
  const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  const anchors = levels.map((name, i) =>
    i === 0
      ? `x0: &a [${Array(9).fill('"lol"').join(',')}]`
      : `x${i}: &${name} [${Array(9)
          .fill(`*${levels[i - 1]}`)
          .join(',')}]`,
  );
  return [...anchors, use, ''].join('\n');
}

describe('yaml-loader - alias bombs', () => {
  it("refuses a billion-laughs document with go-yaml's message, quickly", () => {
    const started = Date.now();
    expect(loadYaml(aliasBomb('resourceModifierRules: *i'), true)).toEqual({
      ok: false,
      message: 'yaml: document contains excessive aliasing',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('loads a document that reuses an anchor a few times', () => {
    const loaded = loadYaml('a: &x {b: 1}\nc: *x\nd: *x\n', true);
    expect(loaded.ok && loaded.doc?.toJS()).toEqual({ a: { b: 1 }, c: { b: 1 }, d: { b: 1 } });
  });
});
