import { encodeGoJson, goMap } from '../encoding/go-json';
import { indentGoJson } from './go-json-indent';

describe('indentGoJson - Go MarshalIndent layout', () => {
  it.each([
    ['a flat object', '{"a":1,"b":"x"}', '{\n  "a": 1,\n  "b": "x"\n}'],
    ['empty object and array stay compact', '{"a":{},"b":[]}', '{\n  "a": {},\n  "b": []\n}'],
    ['nested arrays', '{"a":[1,[2,3]]}', '{\n  "a": [\n    1,\n    [\n      2,\n      3\n    ]\n  ]\n}'],
    ['punctuation inside strings is copied', '{"k":"a,b:{c}[d] \\"e\\""}', '{\n  "k": "a,b:{c}[d] \\"e\\""\n}'],
    ['a trailing newline is dropped', 'null\n', 'null'],
  ])('%s', (_name, compact, expected) => {
    expect(indentGoJson(compact)).toBe(expected);
  });

  it('round-trips through JSON.parse', () => {
    const value = { z: [1, 'two', { three: null }], a: goMap({ b: 'x<y' }) };
    const text = indentGoJson(encodeGoJson(value));
    expect(JSON.parse(text)).toEqual({ z: [1, 'two', { three: null }], a: { b: 'x<y' } });
    expect(text).toContain('"b": "x\\u003cy"');
  });
});
