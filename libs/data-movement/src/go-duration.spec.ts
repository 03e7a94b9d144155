import { parseGoDuration } from './go-duration';

describe('go duration - parsing', () => {
  it.each([
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
    [' 3s ', 3000],
  ])('%s → %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  it.each(['', '30', '30 minutes', '0s', '-1s', '1d'])('rejects %p naming the variable', (text) => {
    expect(() => parseGoDuration(text, 'FERRY_X')).toThrow(/^FERRY_X=.* is not a positive duration: use a Go duration/);
  });
});
