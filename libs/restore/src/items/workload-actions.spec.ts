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
});

describe('serviceAccountAction (Velero ServiceAccountAction)', () => {
  it.each([
    ['no secrets', { metadata: { name: 'foo' } }, undefined],
    ['no token secret', { metadata: { name: 'foo' }, secrets: [{ name: 'foo' }, { name: 'bar' }] }, [{ name: 'foo' }, { name: 'bar' }]],
    ['the token secret removed', { metadata: { name: 'foo' }, secrets: [{ name: 'foo' }, { name: 'foo-token-xyz' }] }, [{ name: 'foo' }]],
  ])('%s', (_name, account, expected) => {
    expect(serviceAccountAction(account).item['secrets']).toEqual(expected);
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
});
