import { admissionWebhookConfigurationAction, apiServiceAction, apiServiceSkipReason } from './registration-actions';

const apiService = (labels?: Record<string, string>) => ({
  apiVersion: 'apiregistration.k8s.io/v1',
  kind: 'APIService',
  metadata: { name: 'v1.test.velero.io', ...(labels ? { labels } : {}) },
  spec: { group: 'test.velero.io', version: 'v1' },
});

// Velero TestAPIServiceActionExecuteSkipsRestore (apiservice_action_test.go), and the action's label selector.
describe('apiServiceAction (Velero APIServiceAction)', () => {
  it.each([
    [
      'apiServiceAction - a managed APIService is skipped unchanged',
      apiService({ 'kube-aggregator.kubernetes.io/automanaged': 'onstart' }),
      true,
    ],
    [
      'apiServiceAction - the managed label with an empty value is skipped',
      apiService({ 'kube-aggregator.kubernetes.io/automanaged': '' }),
      true,
    ],
    ['apiServiceAction - an APIService without the label is restored', apiService({ app: 'metrics' }), false],
    ['apiServiceAction - an APIService without labels is restored', apiService(), false],
  ])('%s', (_name, item, skipped) => {
    const output = apiServiceAction(item);
    expect(output).toEqual(skipped ? { item, skip: true, skipReason: apiServiceSkipReason } : { item });
  });
});

const webhookConfiguration = (apiVersion: unknown, kind: string, webhooks?: unknown) => ({
  apiVersion,
  kind,
  metadata: { name: 'my-test' },
  ...(webhooks === undefined ? {} : { webhooks }),
});
const webhook = (url: string, sideEffects?: unknown) => ({
  clientConfig: { url },
  rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'], scope: 'Namespaced' }],
  ...(sideEffects === undefined ? {} : { sideEffects }),
});
const v1 = 'admissionregistration.k8s.io/v1';

// Velero TestNewAdmissionWebhookConfigurationActionExecute (admissionwebhook_config_action_test.go), and the action's branches.
describe('admissionWebhookConfigurationAction (Velero AdmissionWebhookConfigurationAction)', () => {
  it.each([
    [
      'admissionWebhookConfigurationAction - v1 mutating with sideEffects Unknown becomes None',
      webhookConfiguration(v1, 'MutatingWebhookConfiguration', [webhook('https://mytest.org', 'Unknown')]),
      [webhook('https://mytest.org', 'None')],
    ],
    [
      'admissionWebhookConfigurationAction - v1 validating with sideEffects Some becomes None',
      webhookConfiguration(v1, 'ValidatingWebhookConfiguration', [webhook('https://mytest.org', 'Some')]),
      [webhook('https://mytest.org', 'None')],
    ],
    [
      'admissionWebhookConfigurationAction - v1beta1 with sideEffects Some is unchanged',
      webhookConfiguration('admissionregistration.k8s.io/v1beta1', 'ValidatingWebhookConfiguration', [
        webhook('https://mytest.org', 'Some'),
      ]),
      [webhook('https://mytest.org', 'Some')],
    ],
    [
      'admissionWebhookConfigurationAction - v1 with multiple invalid sideEffects all become None',
      webhookConfiguration(v1, 'ValidatingWebhookConfiguration', [
        webhook('https://mytest.org', 'Some'),
        webhook('https://mytest2.org', 'Some'),
      ]),
      [webhook('https://mytest.org', 'None'), webhook('https://mytest2.org', 'None')],
    ],
    [
      'admissionWebhookConfigurationAction - None and NoneOnDryRun are kept, a missing value becomes None',
      webhookConfiguration(v1, 'MutatingWebhookConfiguration', [webhook('a', 'None'), webhook('b', 'NoneOnDryRun'), webhook('c')]),
      [webhook('a', 'None'), webhook('b', 'NoneOnDryRun'), webhook('c', 'None')],
    ],
    [
      'admissionWebhookConfigurationAction - an entry that is not an object is dropped',
      webhookConfiguration(v1, 'MutatingWebhookConfiguration', ['not-a-webhook', webhook('a', 'Some')]),
      [webhook('a', 'None')],
    ],
    ['admissionWebhookConfigurationAction - no webhooks is unchanged', webhookConfiguration(v1, 'MutatingWebhookConfiguration'), undefined],
  ])('%s', (_name, item, webhooks) => {
    expect(admissionWebhookConfigurationAction(item).item).toEqual({ ...item, ...(webhooks ? { webhooks } : {}) });
  });

  it.each([
    [
      'admissionWebhookConfigurationAction - webhooks that is not a list fails',
      webhookConfiguration(v1, 'MutatingWebhookConfiguration', 'oops'),
      'failed to get webhooks slice from input item: .webhooks accessor error: oops is of the type string, expected []interface{}',
    ],
    [
      'admissionWebhookConfigurationAction - a non-string apiVersion fails',
      webhookConfiguration(1, 'MutatingWebhookConfiguration', []),
      'failed to get the apiVersion from input item: .apiVersion accessor error: 1 is of the type int64, expected string',
    ],
  ])('%s', (_name, item, message) => {
    expect(() => admissionWebhookConfigurationAction(item)).toThrow(message);
  });
});
