import { compileLabelSelector, labelSelectorMatches } from './label-selector';

describe('label selector - one selector', () => {
  const labels = { app: 'db', tier: 'backend' };
  it.each<[string, Parameters<typeof labelSelectorMatches>[0], boolean]>([
    ['empty selector', {}, true],
    ['matchLabels all present', { matchLabels: { app: 'db' } }, true],
    ['matchLabels value differs', { matchLabels: { app: 'web' } }, false],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend', 'cache'] }] }, true],
    ['In without the key', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, false],
    ['NotIn', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] }, false],
    ['NotIn without the key', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    ['unknown operator never matches', { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] }, false],
    ['labels and expressions together', { matchLabels: { app: 'db' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
  ])('%s', (_name, selector, expected) => {
    expect(labelSelectorMatches(selector, labels)).toBe(expected);
  });

  it('treats missing labels as none', () => {
    expect(labelSelectorMatches({ matchLabels: { app: 'db' } }, undefined)).toBe(false);
    expect(labelSelectorMatches({}, null)).toBe(true);
  });
});

describe('label selector - compiled (validated)', () => {
  const labels = { app: 'db', tier: 'backend' };
  it.each<[string, Parameters<typeof compileLabelSelector>[0], boolean]>([
    ['absent selector', undefined, true],
    ['empty selector', {}, true],
    ['matchLabels all present', { matchLabels: { app: 'db' } }, true],
    ['matchLabels value differs', { matchLabels: { app: 'web' } }, false],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend', 'cache'] }] }, true],
    ['NotIn without the key', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
  ])('matches - %s', (_name, selector, expected) => {
    const compiled = compileLabelSelector(selector);
    expect(compiled.ok && compiled.matches(labels)).toBe(expected);
  });

  it.each<[string, Parameters<typeof compileLabelSelector>[0], RegExp]>([
    [
      'bad matchLabels key',
      { matchLabels: { 'bad key': 'x' } },
      /^key: Invalid value: "bad key": name part must consist of alphanumeric characters/,
    ],
    [
      'bad matchLabels value',
      { matchLabels: { app: 'a b' } },
      /^values\[0\]\[app\]: Invalid value: "a b": a valid label must be an empty string/,
    ],
    [
      'unknown operator',
      { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] },
      /^"Gt" is not a valid label selector operator$/,
    ],
    [
      'In without values',
      { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] },
      /^values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty$/,
    ],
    [
      'Exists with values',
      { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] },
      /^values: Invalid value: \["x"\]: values set must be empty for exists and does not exist$/,
    ],
  ])('rejects - %s', (_name, selector, reason) => {
    const compiled = compileLabelSelector(selector);
    expect(compiled.ok ? 'compiled' : compiled.reason).toMatch(reason);
  });
});
