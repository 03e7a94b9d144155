import { veleroLabelValue } from './label-value';

// Expected values printed by Velero's GetValidName logic in Go.
describe('label value - GetValidName', () => {
  it.each<[string, string]>([
    ['nightly', 'nightly'],
    ['a'.repeat(63), 'a'.repeat(63)],
    ['a'.repeat(64), `${'a'.repeat(57)}ffe054`],
    [
      'schedule-with-a-really-long-name-that-goes-beyond-the-limit-20261206070000',
      'schedule-with-a-really-long-name-that-goes-beyond-the-lim3326b9',
    ],
  ])('%s', (name, value) => {
    expect(veleroLabelValue(name)).toBe(value);
  });
});
