import { backupSelectsLabels, selectorMatches } from './label-selector';

describe('label selector - one selector', () => {
  const labels = { app: 'db', tier: 'backend' };
  it.each<[string, Parameters<typeof selectorMatches>[0], boolean]>([
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
    expect(selectorMatches(selector, labels)).toBe(expected);
  });

  it('treats missing labels as none', () => {
    expect(selectorMatches({ matchLabels: { app: 'db' } }, undefined)).toBe(false);
    expect(selectorMatches({}, null)).toBe(true);
  });
});

describe('label selector - the backup', () => {
  it('selects everything without selectors', () => {
    expect(backupSelectsLabels({}, { any: 'x' })).toBe(true);
    expect(backupSelectsLabels({ orLabelSelectors: [] }, undefined)).toBe(true);
  });

  it('uses labelSelector when set', () => {
    expect(backupSelectsLabels({ labelSelector: { matchLabels: { app: 'db' } } }, { app: 'db' })).toBe(true);
    expect(backupSelectsLabels({ labelSelector: { matchLabels: { app: 'db' } } }, { app: 'web' })).toBe(false);
  });

  it('takes an object matching any of orLabelSelectors', () => {
    const spec = { orLabelSelectors: [{ matchLabels: { app: 'db' } }, { matchLabels: { app: 'web' } }] };
    expect(backupSelectsLabels(spec, { app: 'web' })).toBe(true);
    expect(backupSelectsLabels(spec, { app: 'cache' })).toBe(false);
  });
});
