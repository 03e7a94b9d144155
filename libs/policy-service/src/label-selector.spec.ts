import { backupSelectsLabels } from './label-selector';

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
