import { ApiErrorCode, DocumentValidationError } from '../errors';
import { parseDocument, validateDocument } from './document-validator';
import type { NodeAgentConfig } from './node-agent-config-schema';

const selector = () => ({ matchLabels: {}, matchExpressions: [] });

/** A full node-agent ConfigMap document (every key, Velero's documented defaults). */
function theFactsExample(): NodeAgentConfig {
  return {
    loadConcurrency: { globalConfig: 1, prepareQueueLength: 10, perNodeConfig: [{ nodeSelector: selector(), number: 2 }] },
    loadAffinity: [{ nodeSelector: selector(), storageClass: '' }],
    backupPVC: {
      'source-sc': { storageClass: '', readOnly: false, spcNoRelabeling: false, annotations: {}, secretNames: [], configMapNames: [] },
    },
    restorePVC: { ignoreDelayBinding: false, secretNames: [], configMapNames: [] },
    podResources: {
      cpuRequest: '500m',
      cpuLimit: '0',
      memoryRequest: '512Mi',
      memoryLimit: '0',
      ephemeralStorageRequest: '0',
      ephemeralStorageLimit: '0',
    },
    priorityClassName: '',
    privilegedFsBackup: false,
    cachePVC: { storageClass: '', residentThresholdInMB: 0 },
    podAnnotations: {},
    podLabels: {},
    csiSnapshotMetadataServiceConfigs: { saName: '' },
  };
}

/** The ConfigMap's data value: the document as JSON text, decoded as the node-agent would. */
const asConfigMapValue = (doc: unknown): unknown => JSON.parse(JSON.stringify(doc));

describe('node-agent config - documented examples parse', () => {
  it.each<[string, unknown]>([
    ['the full documented example', theFactsExample()],
    ['an empty document', {}],
    [
      'concurrency per node',
      {
        loadConcurrency: {
          globalConfig: 2,
          perNodeConfig: [{ nodeSelector: { matchLabels: { 'kubernetes.io/hostname': 'node-1' } }, number: 3 }],
        },
      },
    ],
    [
      'read-only backup PVC per source storage class',
      { backupPVC: { 'gp3-csi': { storageClass: 'gp3-csi-ro', readOnly: true, spcNoRelabeling: true, annotations: { 'x.io/a': 'b' } } } },
    ],
    [
      'affinity with expressions',
      { loadAffinity: [{ nodeSelector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, storageClass: 'fast' }] },
    ],
    ['restore PVC ignoring delayed binding', { restorePVC: { ignoreDelayBinding: true } }],
    ['unknown keys (ignored by Go)', { futureKnob: true }],
  ])('%s', (_name, doc) => {
    const result = validateDocument('NodeAgentConfig', asConfigMapValue(doc));
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});

describe('node-agent config - invalid documents name the field', () => {
  it.each<[string, unknown, string, string]>([
    ['non-string backupPVC annotation', { backupPVC: { sc: { annotations: { a: 1 } } } }, 'backupPVC.sc.annotations.a', 'expected string'],
    ['non-integer concurrency', { loadConcurrency: { globalConfig: 1.5 } }, 'loadConcurrency.globalConfig', 'expected integer'],
    ['string number', { loadConcurrency: { prepareQueueLength: '10' } }, 'loadConcurrency.prepareQueueLength', 'expected number'],
    [
      'missing per-node number',
      { loadConcurrency: { perNodeConfig: [{ nodeSelector: {} }] } },
      'loadConcurrency.perNodeConfig[0].number',
      'required',
    ],
    ['readOnly as string', { backupPVC: { sc: { readOnly: 'true' } } }, 'backupPVC.sc.readOnly', 'expected boolean'],
    ['podResources as quantity number', { podResources: { cpuRequest: 1 } }, 'podResources.cpuRequest', 'expected string'],
    ['podLabels not a map', { podLabels: ['a'] }, 'podLabels', 'expected record'],
  ])('%s', (_name, doc, path, message) => {
    const result = validateDocument('NodeAgentConfig', doc);
    const issues = result.ok ? [] : result.issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(path);
    expect(issues[0]?.message).toContain(message);
  });

  it('parseDocument throws DocumentValidationError naming the source', () => {
    const bad = { backupPVC: { sc: { annotations: { a: true } } } };
    expect(() => parseDocument('NodeAgentConfig', bad, 'ConfigMap velero/node-agent-config')).toThrow(
      expect.objectContaining({
        code: ApiErrorCode.InvalidDocument,
        message: expect.stringContaining('NodeAgentConfig from ConfigMap velero/node-agent-config is invalid: backupPVC.sc.annotations.a'),
      }) as unknown as Error,
    );
    expect(() => parseDocument('NodeAgentConfig', bad)).toThrow(DocumentValidationError);
  });
});
