import { goTypeName } from './go-type-name';

describe('go type name - decoded JSON values', () => {
  it.each<[unknown, string]>([
    [null, '<nil>'],
    [undefined, '<nil>'],
    [[1], '[]interface {}'],
    [{ a: 1 }, 'map[string]interface {}'],
    ['x', 'string'],
    [true, 'bool'],
    [3, 'int64'],
    [2.5, 'float64'],
  ])('%p is %s', (value, expected) => {
    expect(goTypeName(value)).toBe(expected);
  });
});
