import { bytesToQuantity, quantityToBytes } from './quantity';

describe('quantity - parsing', () => {
  it.each([
    ['1Gi', 2 ** 30],
    ['10Mi', 10 * 2 ** 20],
    ['500M', 500e6],
    ['1536', 1536],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['1e3', 1000],
    ['100m', 1],
  ])('%s is %i bytes', (quantity, bytes) => {
    expect(quantityToBytes(quantity)).toBe(bytes);
  });

  it.each(['', 'Gi', '1 Gi', 'abc', '1Gb'])('rejects %p', (text) => {
    expect(quantityToBytes(text)).toBeUndefined();
  });

  it('formats bytes in the largest binary unit that divides them', () => {
    expect(bytesToQuantity(2 ** 30)).toBe('1Gi');
    expect(bytesToQuantity(3 * 2 ** 20)).toBe('3Mi');
    expect(bytesToQuantity(1000)).toBe('1000');
  });
});
