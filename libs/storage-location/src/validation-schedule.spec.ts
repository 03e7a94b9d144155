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
});
