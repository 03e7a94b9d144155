import { goJson } from './go-json';

describe("go json - Velero's structured describer encoding", () => {
  it.each([
    ['an empty map and list', { a: {}, b: [] }, '{\n    "a": {},\n    "b": []\n}\n'],
    [
      'keys sorted as bytes, integer-like keys too',
      { b: 1, '9': 2, '10': 3, B: 4 },
      '{\n    "10": 3,\n    "9": 2,\n    "B": 4,\n    "b": 1\n}\n',
    ],
    [
      'nested indentation',
      { a: [{ x: null }, 'y'] },
      '{\n    "a": [\n        {\n            "x": null\n        },\n        "y"\n    ]\n}\n',
    ],
    ['HTML characters kept, line separators escaped', { s: '<none> & \u2028\u2029' }, '{\n    "s": "<none> & \\u2028\\u2029"\n}\n'],
    ['control characters escaped', { s: 'a\n\t"\\\u0001' }, '{\n    "s": "a\\n\\t\\"\\\\\\u0001"\n}\n'],
    ['numbers and booleans', { n: 1024, t: true }, '{\n    "n": 1024,\n    "t": true\n}\n'],
  ])('%s', (_name, value, expected) => {
    expect(goJson(value)).toBe(expected);
  });
});
