import { RestoreRuleErrorCode } from '../errors';
import {
  defaultRestorePriorities,
  formatRestorePriorities,
  orderedResources,
  parseRestorePriorities,
  restorePrioritiesFromFlag,
} from './restore-priorities';

describe('parseRestorePriorities (Velero TestSetOfPriority)', () => {
  it.each([
    ['empty input', '', { high: [], low: [] }],
    ['only high priorities', 'p0', { high: ['p0'], low: [] }],
    ['only low priorities', '-,p9', { high: [], low: ['p9'] }],
    ['only separator', '-', { high: [], low: [] }],
    ['both', 'p0,p1,p2,-,p9', { high: ['p0', 'p1', 'p2'], low: ['p9'] }],
    ['end with separator', 'p0,-', { high: ['p0'], low: [] }],
  ])('%s', (_name, input, expected) => {
    expect(parseRestorePriorities(input)).toEqual(expected);
  });

  it('rejects a second separator', () => {
    expect(() => parseRestorePriorities('-,-')).toThrow(expect.objectContaining({ code: RestoreRuleErrorCode.InvalidPriorities }));
  });

  it('formats back as Velero prints the flag', () => {
    expect(formatRestorePriorities({ high: ['a', 'b'], low: ['z'] })).toBe('a,b,-,z');
    expect(formatRestorePriorities({ high: ['a'], low: [] })).toBe('a');
  });
});

describe('restorePrioritiesFromFlag (Velero Priorities.Set over the flag default)', () => {
  const defaults = { high: ['namespaces', 'pods'], low: ['clusters.cluster.x-k8s.io'] };
  it.each([
    ['empty: the defaults', '', defaults],
    ['a lone separator: the defaults', '-', defaults],
    ['high and low', 'a,b,-,z', { high: ['a', 'b'], low: ['z'] }],
    ['no separator: high replaced, default low kept', 'a,b', { high: ['a', 'b'], low: defaults.low }],
    ['leading separator: low replaced, default high kept', '-,z', { high: defaults.high, low: ['z'] }],
    ['trailing separator: high replaced, default low kept', 'a,-', { high: ['a'], low: defaults.low }],
  ])('%s', (_name, input, expected) => {
    expect(restorePrioritiesFromFlag(input, defaults)).toEqual(expected);
  });

  it("uses Velero's default list by default", () => {
    expect(restorePrioritiesFromFlag('')).toBe(defaultRestorePriorities);
    expect(restorePrioritiesFromFlag('pods').low).toEqual(defaultRestorePriorities.low);
  });

  it.each([
    ['two separators', 'a,-,b,-,c', /multiple priority separator "-" found/],
    ['an empty entry', 'a,,b', /entry 2 \(""\) is not a resource name/],
    ['a trailing comma', 'a,b,', /entry 3 \(""\) is not a resource name/],
    ['a blank after a comma', 'pods, services', /entry 2 \(" services"\) is not a resource name.*without blanks/],
  ])('refuses %s', (_name, input, message) => {
    expect(() => restorePrioritiesFromFlag(input, defaults)).toThrow(
      expect.objectContaining({ code: RestoreRuleErrorCode.InvalidPriorities, message: expect.stringMatching(message) }),
    );
  });
});

describe('orderedResources (Velero TestGetOrderedResources)', () => {
  it.each([
    ['only priorities: in order', { high: ['prio-3', 'prio-2', 'prio-1'], low: [] }, [], ['prio-3', 'prio-2', 'prio-1']],
    [
      'only backed-up resources: alphabetical',
      { high: [], low: [] },
      ['backup-resource-3', 'backup-resource-2', 'backup-resource-1'],
      ['backup-resource-1', 'backup-resource-2', 'backup-resource-3'],
    ],
    [
      'priorities then backed-up resources',
      { high: ['prio-3', 'prio-2', 'prio-1'], low: [] },
      ['prio-3', 'backup-resource-3', 'backup-resource-2', 'backup-resource-1'],
      ['prio-3', 'prio-2', 'prio-1', 'backup-resource-1', 'backup-resource-2', 'backup-resource-3'],
    ],
    [
      'high, backed-up resources, low',
      { high: ['prio-3', 'prio-2', 'prio-1'], low: ['prio-0'] },
      ['prio-3', 'prio-0', 'backup-resource-3', 'backup-resource-2', 'backup-resource-1'],
      ['prio-3', 'prio-2', 'prio-1', 'backup-resource-1', 'backup-resource-2', 'backup-resource-3', 'prio-0'],
    ],
    // Velero TestRestoreResourcePriorities (the creation order of its restore).
    [
      'restore resource priorities',
      { high: ['persistentvolumes', 'persistentvolumeclaims', 'serviceaccounts'], low: ['deployments.apps'] },
      ['pods', 'persistentvolumes', 'deployments.apps', 'serviceaccounts', 'persistentvolumeclaims'],
      ['persistentvolumes', 'persistentvolumeclaims', 'serviceaccounts', 'pods', 'deployments.apps'],
    ],
    [
      'high only',
      { high: ['prio-3', 'prio-1', 'prio-2'], low: [] },
      ['my-resource', 'prio-1'],
      ['prio-3', 'prio-1', 'prio-2', 'my-resource'],
    ],
    [
      'high, alphabetical rest, low',
      { high: ['prio-0'], low: ['prio-last'] },
      ['zzz', 'aaa', 'prio-0', 'prio-last'],
      ['prio-0', 'aaa', 'zzz', 'prio-last'],
    ],
  ])('%s', (_name, priorities, backedUp, expected) => {
    expect(orderedResources(priorities, backedUp)).toEqual(expected);
  });

  it('puts CRDs and namespaces first and the tanzu kinds last by default', () => {
    const order = orderedResources(defaultRestorePriorities, ['deployments.apps', 'widgets.example.com', 'configmaps']);
    expect(order.slice(0, 2)).toEqual(['customresourcedefinitions', 'namespaces']);
    expect(order.indexOf('deployments.apps')).toBeGreaterThan(order.indexOf('services'));
    expect(order.indexOf('deployments.apps')).toBeLessThan(order.indexOf('widgets.example.com'));
    expect(order.at(-1)).toBe('packageinstalls.packaging.carvel.dev');
  });
});
