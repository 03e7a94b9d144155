import {
  ConfigIssueCode,
  NodeAgentConfigError,
  formatConfigIssue,
  parseNodeAgentConfig,
  parseNodeAgentConfigOrThrow,
  type ConfigIssue,
} from './index';

const cm = (document: unknown, key = 'config.json') => ({
  metadata: { name: 'na', namespace: 'ferry' },
  data: { [key]: typeof document === 'string' ? document : JSON.stringify(document) },
});
const issuesOf = (configMap: Parameters<typeof parseNodeAgentConfig>[0]): readonly ConfigIssue[] => parseNodeAgentConfig(configMap).issues;
const validResources = { cpuRequest: '500m', cpuLimit: '1', memoryRequest: '512Mi', memoryLimit: '1Gi' };

describe('node-agent config parser - accepted documents', () => {
  it.each([
    ['empty object', {}],
    [
      'full documented example',
      {
        loadConcurrency: {
          globalConfig: 1,
          prepareQueueLength: 10,
          perNodeConfig: [{ nodeSelector: { matchLabels: { a: 'b' }, matchExpressions: [] }, number: 2 }],
        },
        loadAffinity: [{ nodeSelector: { matchLabels: {}, matchExpressions: [] }, storageClass: '' }],
        backupPVC: {
          gp3: { storageClass: '', readOnly: true, spcNoRelabeling: true, annotations: { x: 'y' }, secretNames: [], configMapNames: [] },
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
      },
    ],
  ])('%s', (_name, document) => {
    const result = parseNodeAgentConfig(cm(document, 'any-name'));
    expect(result).toMatchObject({ ok: true, issues: [], config: { dataKey: 'any-name' } });
  });
});

describe('node-agent config parser - rejected documents', () => {
  it.each<[string, Parameters<typeof parseNodeAgentConfig>[0], string, string, RegExp]>([
    ['no data', { data: {} }, ConfigIssueCode.DataKeyCount, 'data', /found none/],
    ['null data', { data: null }, ConfigIssueCode.DataKeyCount, 'data', /found none/],
    ['two keys', { data: { a: '{}', b: '{}' } }, ConfigIssueCode.DataKeyCount, 'data', /found 'a', 'b'/],
    [
      'invalid JSON',
      cm('{\n  "podLabels": {"a": "b",}\n}'),
      ConfigIssueCode.JsonSyntax,
      'config.json',
      /not valid JSON at line 2, column \d+/,
    ],
    ['array document', cm([]), ConfigIssueCode.NotAnObject, 'config.json', /JSON object/],
    ['unknown top-level key', cm({ backupPvc: {} }), ConfigIssueCode.UnknownKey, 'backupPvc', /unknown key 'backupPvc'/],
    ['unknown nested key', cm({ backupPVC: { gp3: { readonly: true } } }), ConfigIssueCode.UnknownKey, 'backupPVC.gp3.readonly', /unknown/],
    [
      'unknown key in array item',
      cm({ loadAffinity: [{ nodeSelector: {}, sc: 'x' }] }),
      ConfigIssueCode.UnknownKey,
      'loadAffinity[0].sc',
      /unknown/,
    ],
    ['wrong type', cm({ loadConcurrency: { globalConfig: '2' } }), ConfigIssueCode.WrongType, 'loadConcurrency.globalConfig', /./],
    [
      'non-string annotation',
      cm({ backupPVC: { gp3: { annotations: { n: 3 } } } }),
      ConfigIssueCode.AnnotationNotString,
      'backupPVC.gp3.annotations.n',
      /must be strings/,
    ],
    [
      'spcNoRelabeling without readOnly',
      cm({ backupPVC: { gp3: { spcNoRelabeling: true } } }),
      ConfigIssueCode.SpcNoRelabelingWithoutReadOnly,
      'backupPVC.gp3.spcNoRelabeling',
      /read-only/,
    ],
    [
      'bad quantity',
      cm({ podResources: { ...validResources, memoryLimit: '1GB' } }),
      ConfigIssueCode.BadQuantity,
      'podResources.memoryLimit',
      /not a Kubernetes quantity/,
    ],
    [
      'request above limit',
      cm({ podResources: { ...validResources, cpuRequest: '2' } }),
      ConfigIssueCode.RequestAboveLimit,
      'podResources.cpuRequest',
      /above its limit/,
    ],
    [
      'bad loadAffinity selector',
      cm({ loadAffinity: [{ nodeSelector: { matchExpressions: [{ key: 'k', operator: 'In' }] } }] }),
      ConfigIssueCode.BadSelector,
      'loadAffinity[0].nodeSelector',
      /values set can't be empty/,
    ],
  ])('%s', (_name, configMap, code, path, message) => {
    const result = parseNodeAgentConfig(configMap);
    expect(result.ok).toBe(false);
    const found = result.issues.find((issue) => issue.code === code);
    expect(found).toMatchObject({ severity: 'error', path });
    expect(found?.message).toMatch(message);
    expect(found?.fix.length).toBeGreaterThan(0);
  });

  it('names the fix for spcNoRelabeling', () => {
    expect(issuesOf(cm({ backupPVC: { fast: { spcNoRelabeling: true } } }))[0]?.fix).toBe(
      'set backupPVC.fast.readOnly to true, or remove spcNoRelabeling',
    );
  });

  it('throws NodeAgentConfigError with every issue in the message', () => {
    const attempt = () => parseNodeAgentConfigOrThrow(cm('{'));
    expect(attempt).toThrow(NodeAgentConfigError);
    expect(attempt).toThrow(/na.*config\.json: data key 'config\.json' is not valid JSON/);
  });

  it('formats an issue on one line', () => {
    expect(formatConfigIssue({ severity: 'error', code: ConfigIssueCode.UnknownKey, path: 'a.b', message: 'm', fix: 'f' })).toBe(
      'a.b: m (fix: f)',
    );
  });
});

describe('node-agent config parser - warnings (accepted, part ignored)', () => {
  it.each<[string, unknown, string, string]>([
    ['empty cpuRequest', { podResources: { ...validResources, cpuRequest: '' } }, ConfigIssueCode.EmptyQuantity, 'podResources.cpuRequest'],
    [
      'missing memoryLimit',
      { podResources: { cpuRequest: '1', cpuLimit: '0', memoryRequest: '1Gi' } },
      ConfigIssueCode.EmptyQuantity,
      'podResources.memoryLimit',
    ],
    ['globalConfig 0', { loadConcurrency: { globalConfig: 0 } }, ConfigIssueCode.NonPositiveConcurrency, 'loadConcurrency.globalConfig'],
    [
      'per-node number -1',
      { loadConcurrency: { perNodeConfig: [{ nodeSelector: {}, number: -1 }] } },
      ConfigIssueCode.NonPositiveConcurrency,
      'loadConcurrency.perNodeConfig[0].number',
    ],
    [
      'per-node bad operator',
      { loadConcurrency: { perNodeConfig: [{ nodeSelector: { matchExpressions: [{ key: 'k', operator: 'Is' }] }, number: 2 }] } },
      ConfigIssueCode.BadSelector,
      'loadConcurrency.perNodeConfig[0].nodeSelector',
    ],
  ])('%s', (_name, document, code, path) => {
    const result = parseNodeAgentConfig(cm(document));
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([expect.objectContaining({ severity: 'warning', code, path })]);
  });

  it('accepts empty ephemeral-storage fields as "0" without a warning', () => {
    expect(parseNodeAgentConfig(cm({ podResources: validResources }))).toMatchObject({ ok: true, issues: [] });
  });
});
