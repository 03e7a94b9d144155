import { goFloat32Text } from './go-number-text';

describe("Go's FormatFloat(v, 'g', -1, 32)", () => {
  it.each<[number, string]>([
    [1, '1'],
    [0.5, '0.5'],
    [1.5, '1.5'],
    [3.14159265, '3.1415927'],
    [0.1, '0.1'],
    [100000, '100000'],
    [1000000, '1e+06'],
    [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-2.5, '-2.5'],
    [0, '0'],
    [Infinity, '+Inf'],
    [NaN, 'NaN'],
  ])('%s → %s', (value, expected) => {
    expect(goFloat32Text(value)).toBe(expected);
  });
});
