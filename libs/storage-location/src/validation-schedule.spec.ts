import { defaultValidationFrequencyMs, validationFrequency, validationTiming } from './validation-schedule';

describe('validation schedule - frequency and due time', () => {
  it.each([
    [undefined, { ms: defaultValidationFrequencyMs }],
    [null, { ms: defaultValidationFrequencyMs }],
    ['', { ms: defaultValidationFrequencyMs }],
    ['2s', { ms: 2000 }],
    ['1m30s', { ms: 90_000 }],
    ['0s', { ms: 0 }],
    ['0', { ms: 0 }],
    ['0h0m0s', { ms: 0 }],
    ['-1m', { ms: defaultValidationFrequencyMs, problem: expect.stringContaining('is negative') }],
    ['soon', { ms: defaultValidationFrequencyMs, problem: expect.stringContaining('"soon" is not a Go duration') }],
  ])('reads %j', (text, frequency) => {
    expect(validationFrequency(text)).toEqual(frequency);
  });

  const t0 = Date.parse('2025-01-01T00:00:00Z');
  it.each([
    ['never validated', 60_000, undefined, t0, { validateNow: true }],
    ['never validated, frequency 0', 0, undefined, t0, { validateNow: true }],
    ['an unreadable time', 60_000, 'yesterday', t0, { validateNow: true }],
    ['validated, frequency 0: never again', 0, '2025-01-01T00:00:00Z', t0 + 3_600_000, { validateNow: false }],
    ['before the frequency elapsed', 60_000, '2025-01-01T00:00:00Z', t0 + 15_000, { validateNow: false, dueInMs: 45_000 }],
    ['exactly due', 60_000, '2025-01-01T00:00:00Z', t0 + 60_000, { validateNow: true }],
    ['overdue', 2000, '2025-01-01T00:00:00Z', t0 + 9000, { validateNow: true }],
  ])('%s', (_what, frequencyMs, last, now, timing) => {
    expect(validationTiming(frequencyMs, last, now)).toEqual(timing);
  });

  // velero internal/storage/storagelocation_test.go TestIsReadyToValidate (times relative to now, in ms)
  it.each<[string, string | undefined, number | undefined, number, boolean]>([
    ['validate when true when validation frequency is zero and lastValidationTime is nil', '0s', undefined, 0, true],
    ["don't validate when false when validation is disabled and lastValidationTime is not nil", '0s', 0, 0, false],
    [
      'validate as per location setting, as that takes precedence, and always if it has never been validated before regardless of the frequency setting',
      '1h',
      undefined,
      0,
      true,
    ],
    ["don't validate as per location setting, as it is set to zero and that takes precedence", '0s', 0, 1, false],
    ['validate as per default setting when location setting is not set', undefined, undefined, 1, true],
    ["don't validate when default setting is set to zero and the location setting is not set", undefined, 0, 0, false],
    ["don't validate when now is before the NEXT validation time (validation frequency + last validation time)", '1s', 0, 0, false],
    ['validate when now is equal to the NEXT validation time (validation frequency + last validation time)', '1s', -1000, 0, true],
    ['validate when now is after the NEXT validation time (validation frequency + last validation time)', '1s', -2000, 0, true],
    ['a negative location setting takes the server default, here zero', '-1s', 0, 0, false],
  ])('%s', (_what, frequency, lastValidationAgo, serverDefaultMs, ready) => {
    const last = lastValidationAgo === undefined ? undefined : new Date(t0 + lastValidationAgo).toISOString();
    expect(validationTiming(validationFrequency(frequency, serverDefaultMs).ms, last, t0).validateNow).toBe(ready);
  });
});
