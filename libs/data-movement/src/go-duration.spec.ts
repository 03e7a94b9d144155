import { goDurationVariable, parseGoDuration } from './go-duration';

describe('go duration - parsing', () => {
  it.each([
    ['30m', 30 * 60_000],
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
    ['2m3s', 123_000],
    [' 3s ', 3000],
    ['1h0m0s', 3_600_000],
    ['10m0s', 600_000],
    ['2500us', 3],
  ])('%s → %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });

  it.each(['', '30', 'm', '30 minutes', '0s', '-1s', '-5m', '5 m', '1d', '5mm', '3s4'])('rejects %p naming the variable', (text) => {
    expect(() => parseGoDuration(text, 'FERRY_X')).toThrow(/^FERRY_X=.* is not a positive duration: use a Go duration such as 30m/);
    expect(() => parseGoDuration(text, 'FERRY_X')).toThrow(
      expect.objectContaining({ code: 'DATA_MOVEMENT_INVALID_DURATION', retryable: false }),
    );
  });
});

describe('goDurationVariable', () => {
  it('reads the variable, falls back when unset or blank, and names the variable when malformed', () => {
    expect(goDurationVariable({ FERRY_X: '1m30s' }, 'FERRY_X', 5)).toBe(90_000);
    expect(goDurationVariable({ FERRY_X: '  ' }, 'FERRY_X', 5)).toBe(5);
    expect(goDurationVariable({}, 'FERRY_X', 5)).toBe(5);
    expect(() => goDurationVariable({ FERRY_X: 'soon' }, 'FERRY_X', 5)).toThrow(/FERRY_X/);
  });
});
