import { compareGoStrings, encodeGoJson, goJsonString, goMap } from './go-json';

// Expected text printed by Go 1.26's json.NewEncoder(os.Stdout).Encode.
describe('go json - strings as encoding/json escapes them', () => {
  it.each<[string, string]>([
    ['plain', '"plain"'],
    ['<a>&b', '"\\u003ca\\u003e\\u0026b"'],
    ['\u2028 \u2029', '"\\u2028 \\u2029"'],
    ['\b \f \u0001', '"\\b \\f \\u0001"'],
    ['\u00e9 \u{1f600}', '"\u00e9 \u{1f600}"'],
    ['quote " and \\', '"quote \\" and \\\\"'],
    ['lone \ud800 surrogate', '"lone \ufffd surrogate"'],
  ])('%j', (text, json) => {
    expect(goJsonString(text)).toBe(json);
  });
});

describe('go json - documents', () => {
  it('keeps struct order, drops undefined fields, sorts map keys bytewise and ends with a newline', () => {
    const document = { a: '<a>&b', skipped: undefined, m: goMap({ b: ['z'], '9': ['x'], '10': ['y'] }), n: null, t: true, i: 42 };
    expect(encodeGoJson(document)).toBe('{"a":"\\u003ca\\u003e\\u0026b","m":{"10":["y"],"9":["x"],"b":["z"]},"n":null,"t":true,"i":42}\n');
  });

  it('writes a nil map as null and an empty one as {}', () => {
    expect(encodeGoJson([goMap(undefined), goMap({}), goMap(new Map([['k', 'v']]))])).toBe('[null,{},{"k":"v"}]\n');
  });

  it.each<[string, string, number]>([
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['a', 'a', 0],
    ['a', 'ab', -1],
    ['\uffff', '\u{10000}', -1],
  ])('compareGoStrings(%j, %j) has sign %d', (a, b, sign) => {
    expect(Math.sign(compareGoStrings(a, b))).toBe(sign);
  });
});
