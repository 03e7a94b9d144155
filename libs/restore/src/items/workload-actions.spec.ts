import { bindingAction, jobAction, podAction, podClaimItems, secretAction, serviceAccountAction } from './workload-actions';

// Velero's pkg/restore/actions/{pod,job,service_account,secret,rolebinding,add_pvc_from_pod}_action_test.go, as JSON.
describe('podAction (Velero PodAction)', () => {
  it.each([
    [
      'nodeName and priority cleared',
      { spec: { nodeName: 'foo', priority: 10, serviceAccountName: 'foo', containers: [{ name: 'c' }] } },
      { spec: { serviceAccountName: 'foo', containers: [{ name: 'c' }] } },
    ],
    [
      'service-account token volumes and mounts removed, others kept',
      {
        spec: {
          serviceAccountName: 'foo',
          volumes: [{ name: 'foo' }, { name: 'foo-token-foo' }],
          containers: [{ name: 'c', volumeMounts: [{ name: 'foo-token-foo' }, { name: 'foo' }] }],
          initContainers: [{ name: 'i', volumeMounts: [{ name: 'foo-token-foo' }] }],
        },
      },
      {
        spec: {
          serviceAccountName: 'foo',
          volumes: [{ name: 'foo' }],
          containers: [{ name: 'c', volumeMounts: [{ name: 'foo' }] }],
          initContainers: [{ name: 'i' }],
        },
      },
    ],
  ])('%s', (_name, pod, expected) => {
    expect(JSON.parse(JSON.stringify(podAction(pod).item))).toEqual(expected);
  });

  // Velero TestPodActionExecute.
  const withSa = (spec: Record<string, unknown>) => ({ metadata: { name: 'pod-1' }, spec: { serviceAccountName: 'foo', ...spec } });
  const tokenVolumes = [{ name: 'foo' }, { name: 'foo-token-foo' }];
  it.each<[string, Record<string, unknown>, Record<string, unknown>, unknown]>([
    ['podAction - nodeName (only) is deleted', withSa({ nodeName: 'foo' }), withSa({}), undefined],
    ['podAction - priority (only) is deleted', withSa({ priority: 1 }), withSa({}), undefined],
    ['podAction - token volumes are deleted', withSa({ volumes: tokenVolumes }), withSa({ volumes: [{ name: 'foo' }] }), undefined],
    [
      'podAction - container token mounts are deleted',
      withSa({ volumes: tokenVolumes, containers: [{ volumeMounts: tokenVolumes }] }),
      withSa({ volumes: [{ name: 'foo' }], containers: [{ volumeMounts: [{ name: 'foo' }] }] }),
      undefined,
    ],
    [
      'podAction - initContainer token mounts are deleted',
      withSa({ volumes: tokenVolumes, initContainers: [{ volumeMounts: tokenVolumes }] }),
      withSa({ volumes: [{ name: 'foo' }], initContainers: [{ volumeMounts: [{ name: 'foo' }] }] }),
      undefined,
    ],
    [
      'podAction - containers without volume mounts are fine',
      withSa({ volumes: tokenVolumes, containers: [{ name: 'c' }], initContainers: [{ name: 'i' }] }),
      withSa({ volumes: [{ name: 'foo' }], containers: [{ name: 'c' }], initContainers: [{ name: 'i' }] }),
      undefined,
    ],
    [
      'podAction - the priority class is an additional item',
      withSa({ priorityClassName: 'testPriorityClass', volumes: tokenVolumes }),
      withSa({ priorityClassName: 'testPriorityClass', volumes: [{ name: 'foo' }] }),
      [{ groupResource: 'priorityclasses.scheduling.k8s.io', namespace: '', name: 'testPriorityClass' }],
    ],
  ])('%s', (_name, pod, expected, additionalItems) => {
    const output = podAction(pod);
    expect(JSON.parse(JSON.stringify(output.item))).toEqual(expected);
    expect(output.additionalItems).toEqual(additionalItems);
  });

  it('pulls in its priority class and its claims', () => {
    const pod = {
      metadata: { namespace: 'ns-1' },
      spec: {
        priorityClassName: 'high',
        containers: [],
        volumes: [
          { name: 'v', persistentVolumeClaim: { claimName: 'data' } },
          { name: 'e', emptyDir: {} },
        ],
      },
    };
    expect(podAction(pod).additionalItems).toEqual([{ groupResource: 'priorityclasses.scheduling.k8s.io', namespace: '', name: 'high' }]);
    expect(podClaimItems(pod)).toEqual([{ groupResource: 'persistentvolumeclaims', namespace: 'ns-1', name: 'data' }]);
  });
});

// Velero TestAddPVCFromPodActionExecute.
describe('podClaimItems (Velero AddPVCFromPodAction)', () => {
  const claim = (claimName: string) => ({ persistentVolumeClaim: { claimName } });
  it.each([
    ['podClaimItems - a pod without volumes has none', {}, []],
    [
      'podClaimItems - every claim volume, in order, in the pod namespace',
      {
        metadata: { namespace: 'ns-1', name: 'foo' },
        spec: { volumes: [{ emptyDir: {} }, claim('pvc-1'), claim('pvc-2'), { hostPath: {} }, claim('pvc-3')] },
      },
      ['pvc-1', 'pvc-2', 'pvc-3'].map((name) => ({ groupResource: 'persistentvolumeclaims', namespace: 'ns-1', name })),
    ],
  ])('%s', (_name, pod, expected) => {
    expect(podClaimItems(pod)).toEqual(expected);
  });
});

describe('jobAction (Velero JobAction)', () => {
  it('removes the controller-uid labels (new and legacy) from the selector and the template', () => {
    const job = {
      spec: {
        selector: { matchLabels: { 'controller-uid': 'x', 'batch.kubernetes.io/controller-uid': 'x', app: 'a' } },
        template: { metadata: { labels: { 'controller-uid': 'x', 'batch.kubernetes.io/controller-uid': 'x', app: 'a' } } },
      },
    };
    expect(jobAction(job).item).toEqual({
      spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } } } },
    });
  });

  // Velero TestJobActionExecute.
  const job = (spec?: Record<string, unknown>) => ({ metadata: { name: 'job-1' }, ...(spec ? { spec } : {}) });
  it.each([
    ['jobAction - no selector or template is fine', job(), job({ template: { metadata: {} } })],
    ['jobAction - a selector without matchLabels is fine', job({ selector: {} }), job({ selector: {}, template: { metadata: {} } })],
    [
      'jobAction - selector controller-uid removed',
      job({ selector: { matchLabels: { 'controller-uid': 'foo', hello: 'world' } } }),
      job({ selector: { matchLabels: { hello: 'world' } }, template: { metadata: {} } }),
    ],
    ['jobAction - a template without labels is fine', job({ template: {} }), job({ template: { metadata: {} } })],
    [
      'jobAction - template controller-uid removed',
      job({ template: { metadata: { labels: { 'controller-uid': 'foo', hello: 'world' } } } }),
      job({ template: { metadata: { labels: { hello: 'world' } } } }),
    ],
  ])('%s', (_name, input, expected) => {
    expect(JSON.parse(JSON.stringify(jobAction(input).item))).toEqual(expected);
  });
});

describe('serviceAccountAction (Velero ServiceAccountAction)', () => {
  it.each([
    ['no secrets', { metadata: { name: 'foo' } }, undefined],
    ['no token secret', { metadata: { name: 'foo' }, secrets: [{ name: 'foo' }, { name: 'bar' }] }, [{ name: 'foo' }, { name: 'bar' }]],
    ['the token secret removed', { metadata: { name: 'foo' }, secrets: [{ name: 'foo' }, { name: 'foo-token-xyz' }] }, [{ name: 'foo' }]],
  ])('%s', (_name, account, expected) => {
    expect(serviceAccountAction(account).item['secrets']).toEqual(expected);
  });

  // Velero TestServiceAccountActionExecute (service account "bar").
  it.each([
    ['serviceAccountAction - empty secrets', [], []],
    ['serviceAccountAction - no match', ['a', 'bar-TOKN-nomatch', 'baz'], ['a', 'bar-TOKN-nomatch', 'baz']],
    ['serviceAccountAction - match first', ['bar-token-a1b2c', 'a', 'baz'], ['a', 'baz']],
    ['serviceAccountAction - match middle', ['a', 'bar-token-a1b2c', 'baz'], ['a', 'baz']],
    ['serviceAccountAction - match end', ['a', 'baz', 'bar-token-a1b2c'], ['a', 'baz']],
  ])('%s', (_name, secrets, expected) => {
    const account = { metadata: { namespace: 'foo', name: 'bar' }, secrets: secrets.map((name) => ({ name })) };
    expect(serviceAccountAction(account).item['secrets']).toEqual(expected.map((name) => ({ name })));
  });
});

describe('secretAction (Velero SecretAction)', () => {
  const token = (name: string) => ({
    metadata: {
      name,
      namespace: 'ns',
      annotations: { 'kubernetes.io/service-account.uid': 'u', 'kubernetes.io/service-account.name': 'default' },
    },
    type: 'kubernetes.io/service-account-token',
    data: { token: 't', 'ca.crt': 'c', namespace: 'n' },
  });
  it('keeps other Secrets untouched', () => {
    const opaque = { metadata: { name: 'x' }, type: 'Opaque', data: { token: 't' } };
    expect(secretAction(opaque, ['default'])).toEqual({ item: opaque });
  });
  it('secretAction - an Opaque Secret named like a token is not skipped (Velero "not service account token secret")', () => {
    const opaque = { metadata: { namespace: 'foo', name: 'default-token-sfafa' }, type: 'Opaque' };
    expect(secretAction(opaque, ['default'])).toEqual({ item: opaque });
  });
  it('skips an auto-created token Secret of a service account of its namespace', () => {
    expect(secretAction(token('default-token-sfafa'), ['default']).skip).toBe(true);
  });
  it('strips uid, token and ca.crt from another token Secret', () => {
    expect(secretAction(token('my-token'), ['default']).item).toEqual({
      metadata: { name: 'my-token', namespace: 'ns', annotations: { 'kubernetes.io/service-account.name': 'default' } },
      type: 'kubernetes.io/service-account-token',
      data: { namespace: 'n' },
    });
  });
});

describe('bindingAction (Velero RoleBinding/ClusterRoleBinding actions)', () => {
  const binding = {
    subjects: [
      { kind: 'ServiceAccount', name: 'a', namespace: 'ns-1' },
      { kind: 'User', name: 'u' },
    ],
  };
  it.each([
    ['no mapping', {}, binding.subjects],
    [
      'mapped namespace',
      { 'ns-1': 'ns-2' },
      [
        { kind: 'ServiceAccount', name: 'a', namespace: 'ns-2' },
        { kind: 'User', name: 'u' },
      ],
    ],
  ])('%s', (_name, mapping, subjects) => {
    expect(bindingAction(binding, mapping).item['subjects']).toEqual(subjects);
  });

  // Velero TestRoleBindingActionExecute and TestClusterRoleBindingActionExecute (same table).
  it.each<[string, string[], Record<string, string>, string[]]>([
    ['bindingAction - mapping disabled', ['foo'], {}, ['foo']],
    ['bindingAction - mapping enabled', ['foo'], { foo: 'bar', fizz: 'buzz' }, ['bar']],
    ['bindingAction - an unmapped namespace is unchanged', ['foo', 'xyz'], { foo: 'bar', fizz: 'buzz' }, ['bar', 'xyz']],
    ['bindingAction - no namespace mapped', ['foo', 'xyz'], { a: 'b', c: 'd' }, ['foo', 'xyz']],
    ['bindingAction - a namespace named like an Object member is unmapped', ['constructor'], { a: 'b' }, ['constructor']],
  ])('%s', (_name, namespaces, mapping, expected) => {
    const subjects = bindingAction({ subjects: namespaces.map((namespace) => ({ namespace })) }, mapping).item['subjects'];
    expect(subjects).toEqual(expected.map((namespace) => ({ namespace })));
  });
});
