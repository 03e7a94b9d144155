import {
  backupPvcFor,
  concurrencyForNode,
  loadAffinityFor,
  parseNodeAgentConfig,
  podResourcesOf,
  type ParsedNodeAgentConfig,
} from './index';

const config = (document: unknown): ParsedNodeAgentConfig => {
  const result = parseNodeAgentConfig({ data: { c: JSON.stringify(document) } });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.config;
};
const rule = (number: number, matchLabels: Record<string, string> = {}, matchExpressions: unknown[] = []) => ({
  nodeSelector: { matchLabels, matchExpressions },
  number,
});

describe('node-agent config resolver - concurrencyForNode', () => {
  it.each<[string, unknown, Record<string, string>, number]>([
    ['no config section', {}, {}, 1],
    ['global', { loadConcurrency: { globalConfig: 3 } }, {}, 3],
    ['global 0 → 1', { loadConcurrency: { globalConfig: 0 } }, {}, 1],
    ['global negative → 1', { loadConcurrency: { globalConfig: -4 } }, {}, 1],
    ['matching rule', { loadConcurrency: { globalConfig: 3, perNodeConfig: [rule(5, { zone: 'a' })] } }, { zone: 'a' }, 5],
    ['non-matching rule → global', { loadConcurrency: { globalConfig: 3, perNodeConfig: [rule(5, { zone: 'a' })] } }, { zone: 'b' }, 3],
    [
      'smallest matching wins',
      { loadConcurrency: { perNodeConfig: [rule(7, { zone: 'a' }), rule(2), rule(4, { zone: 'a' })] } },
      { zone: 'a' },
      2,
    ],
    ['number ≤ 0 skipped', { loadConcurrency: { globalConfig: 3, perNodeConfig: [rule(0), rule(-1)] } }, {}, 3],
    [
      'bad selector skipped',
      { loadConcurrency: { globalConfig: 3, perNodeConfig: [rule(1, {}, [{ key: 'k', operator: 'Bogus' }]), rule(6, { zone: 'a' })] } },
      { zone: 'a' },
      6,
    ],
    [
      'matchExpressions In',
      { loadConcurrency: { perNodeConfig: [rule(9, {}, [{ key: 'gpu', operator: 'In', values: ['x', 'y'] }])] } },
      { gpu: 'y' },
      9,
    ],
    [
      'matchExpressions NotIn',
      { loadConcurrency: { perNodeConfig: [rule(9, {}, [{ key: 'gpu', operator: 'NotIn', values: ['y'] }])] } },
      { gpu: 'y' },
      1,
    ],
    [
      'matchExpressions Exists',
      { loadConcurrency: { perNodeConfig: [rule(9, {}, [{ key: 'gpu', operator: 'Exists' }])] } },
      { gpu: '' },
      9,
    ],
    [
      'matchExpressions DoesNotExist',
      { loadConcurrency: { perNodeConfig: [rule(9, {}, [{ key: 'gpu', operator: 'DoesNotExist' }])] } },
      { gpu: '' },
      1,
    ],
  ])('%s', (_name, document, labels, expected) => {
    expect(concurrencyForNode(config(document), labels)).toBe(expected);
  });

  it('defaults to 1 without any configuration', () => expect(concurrencyForNode(undefined, {})).toBe(1));
});

describe('node-agent config resolver - backupPvcFor', () => {
  const document = {
    backupPVC: {
      gp3: { storageClass: 'gp3-ro', readOnly: true, spcNoRelabeling: true, annotations: { a: 'b' } },
      std: { storageClass: '', readOnly: false },
    },
  };
  it.each([
    [
      'mapped class, read-only',
      'gp3',
      { storageClass: 'gp3-ro', readOnly: true, accessMode: 'ReadOnlyMany', spcNoRelabeling: true, annotations: { a: 'b' } },
    ],
    [
      'empty class = source class',
      'std',
      { storageClass: 'std', readOnly: false, accessMode: 'ReadWriteOnce', spcNoRelabeling: false, annotations: {} },
    ],
    [
      'unconfigured class',
      'other',
      { storageClass: 'other', readOnly: false, accessMode: 'ReadWriteOnce', spcNoRelabeling: false, annotations: {} },
    ],
  ])('%s', (_name, source, expected) => {
    expect(backupPvcFor(config(document), source)).toEqual(expected);
  });
});

describe('node-agent config resolver - loadAffinityFor', () => {
  const document = {
    loadAffinity: [
      { nodeSelector: { matchLabels: { z: '1', a: '2' } } },
      { nodeSelector: { matchLabels: { pool: 'fast' }, matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }, storageClass: 'fast' },
      { nodeSelector: { matchLabels: { second: 'global' } }, storageClass: '' },
    ],
  };
  it.each([
    [
      'equal storage class',
      'fast',
      [
        { key: 'pool', operator: 'In', values: ['fast'] },
        { key: 'gpu', operator: 'Exists' },
      ],
    ],
    [
      'first entry without class',
      'slow',
      [
        { key: 'a', operator: 'In', values: ['2'] },
        { key: 'z', operator: 'In', values: ['1'] },
      ],
    ],
  ])('%s', (_name, storageClass, expressions) => {
    expect(loadAffinityFor(config(document), storageClass)).toEqual({ nodeSelectorTerms: [{ matchExpressions: expressions }] });
  });
  it('is undefined when nothing applies', () => {
    expect(loadAffinityFor(config({ loadAffinity: [{ nodeSelector: {}, storageClass: 'fast' }] }), 'slow')).toBeUndefined();
    expect(loadAffinityFor(undefined, 'x')).toBeUndefined();
  });
});

describe('node-agent config resolver - podResourcesOf', () => {
  it.each<[string, unknown, unknown]>([
    ['unset', {}, undefined],
    [
      '"0" is unset, empty ephemeral is "0"',
      { podResources: { cpuRequest: '500m', cpuLimit: '0', memoryRequest: '512Mi', memoryLimit: '1Gi' } },
      { requests: { cpu: '500m', memory: '512Mi' }, limits: { memory: '1Gi' } },
    ],
    [
      'ephemeral storage',
      {
        podResources: {
          cpuRequest: '0',
          cpuLimit: '0',
          memoryRequest: '0',
          memoryLimit: '0',
          ephemeralStorageRequest: '1Gi',
          ephemeralStorageLimit: '2Gi',
        },
      },
      { requests: { 'ephemeral-storage': '1Gi' }, limits: { 'ephemeral-storage': '2Gi' } },
    ],
    [
      'empty cpu ignores the block',
      { podResources: { cpuRequest: '', cpuLimit: '0', memoryRequest: '512Mi', memoryLimit: '0' } },
      undefined,
    ],
  ])('%s', (_name, document, expected) => {
    expect(podResourcesOf(config(document))).toEqual(expected);
  });
});
