import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiRequester, createKubeClient, hasKubeErrorCode, KubeErrorCode, loadKubeConfig } from '@ferry/kube';
import { createRepositoryAccessResolver } from '@ferry/mover-service';
import { parseAllDocuments } from 'yaml';
import { readBaseManifests } from '../src/base-manifests';
import { writeServiceKubeconfig } from '../src/servers/service-identity';
import { createMinioStorageLocation, grantMoverSecretRead, setRepositoryPassword } from '../src/storage-location';
import {
  connectTestContracts,
  createTestNamespace,
  deleteTestNamespace,
  eventually,
  loadEnvironmentInfo,
  startFerryService,
  uniqueName,
} from '../src/testing';
import { appSource, grantedResource, isReferenced, namedByWildcard } from './code-references';
import {
  type KubeObject,
  type RoleObject,
  type WorkloadObject,
  find,
  grants,
  hasKubectl,
  intoNamespace,
  isSubset,
  render,
  runKubectl,
  toYaml,
} from './manifest-support';
import { services } from './service-grants';

/**
 * The security of deploy/base: what each service is granted is named by its code and is what it
 * runs with in the dev environment; NetworkPolicies keep NATS to Ferry's pods and the mover to the
 * metrics scraper; every workload but the mover passes the API server's `restricted` Pod Security
 * check, and the mover's exception is exactly the documented one.
 */
const describeWithKubectl = hasKubectl ? describe : describe.skip;

interface NetworkPolicyPeer {
  readonly podSelector?: { readonly matchLabels?: Readonly<Record<string, string>> };
  readonly namespaceSelector?: { readonly matchLabels?: Readonly<Record<string, string>> };
}
interface NetworkPolicyObject extends KubeObject {
  readonly spec: {
    readonly podSelector: { readonly matchLabels: Readonly<Record<string, string>> };
    readonly policyTypes: readonly string[];
    readonly ingress?: readonly {
      readonly from?: readonly NetworkPolicyPeer[];
      readonly ports?: readonly { port: number; protocol?: string }[];
    }[];
  };
}

/** The app under apps/ a service account runs (`ferry-volume-info` → `volume-info`). */
const appOf = (service: string): string => service.replace(/^ferry-/, '');

/**
 * The mover's Pod Security exception (deploy/base/namespace.yaml): root, five file capabilities,
 * the kubelet's pods folder from the host — as the API server words its `restricted` violations.
 */
const moverViolations = [
  'restricted volume types (volume "kubelet-pods" uses restricted volume type "hostPath")',
  'runAsNonRoot != true (container "mover" must not set securityContext.runAsNonRoot=false)',
  'runAsUser=0 (container "mover" must not set runAsUser=0)',
  'unrestricted capabilities (container "mover" must not include "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID" in securityContext.capabilities.add)',
];

describeWithKubectl('deploy security - RBAC from code, network policies, pod security', () => {
  const info = loadEnvironmentInfo();
  let objects: KubeObject[] = [];
  beforeAll(async () => {
    objects = await render('local');
  });
  const workloads = (): WorkloadObject[] =>
    objects.filter((object): object is WorkloadObject => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(object.kind));
  const policiesSelecting = (labels: Readonly<Record<string, string>>): NetworkPolicyObject[] =>
    objects.filter(
      (object): object is NetworkPolicyObject =>
        object.kind === 'NetworkPolicy' && isSubset((object as NetworkPolicyObject).spec.podSelector.matchLabels, labels),
    );

  it('the devenv reads deploy/base as kubectl kustomize renders it (the RBAC services run with is the manifests)', async () => {
    const rendered = await runKubectl(['kustomize', 'deploy/base']);
    expect(rendered.stderr).toBe('');
    const byKey = (list: readonly KubeObject[]) =>
      new Map(
        list
          .filter((o) => o.kind !== 'CustomResourceDefinition')
          .map((o) => [`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]),
      );
    const kustomized = byKey(parseAllDocuments(rendered.stdout).map((d) => d.toJS() as KubeObject));
    const read = byKey(await readBaseManifests());
    expect([...read.keys()].sort()).toEqual([...kustomized.keys()].sort());
    for (const [key, object] of read) expect({ key, object }).toEqual({ key, object: kustomized.get(key) });
  });

  it.each(services)('grants %s only resources its code refers to (a grant no code uses is reported here)', (service) => {
    const roles = ['Role', 'ClusterRole'].flatMap((kind) =>
      objects.filter((o): o is RoleObject => o.kind === kind && o.metadata.name === service),
    );
    const granted = [...new Set(roles.flatMap((role) => grants(role.rules)).map(grantedResource))];
    const source = appSource(appOf(service));
    const unreferenced = granted.filter((resource) => !isReferenced(source, resource) && !namedByWildcard(granted, resource));
    expect({ service, unreferenced }).toEqual({ service, unreferenced: [] });
  });

  it('lets only Ferry service pods reach NATS, and only its client port', () => {
    const nats = find<WorkloadObject>(objects, 'StatefulSet', 'nats').spec.template.metadata.labels;
    const [policy, ...others] = policiesSelecting(nats);
    expect(others).toEqual([]);
    expect(policy?.spec.policyTypes).toEqual(['Ingress']);
    const rules = policy?.spec.ingress ?? [];
    expect(rules.map((rule) => rule.ports)).toEqual([[{ protocol: 'TCP', port: 4222 }]]);
    const peers = rules.flatMap((rule) => rule.from ?? []);
    // A bare podSelector: pods of Ferry's namespace only, never another namespace's.
    expect(peers.map((peer) => Object.keys(peer))).toEqual([['podSelector']]);
    const allowed = (labels: Readonly<Record<string, string>>) =>
      peers.some((peer) => isSubset(peer.podSelector?.matchLabels ?? {}, labels));
    const ferryPods = workloads().filter((w) => w.metadata.name !== 'nats');
    expect(ferryPods.map((w) => [w.metadata.name, allowed(w.spec.template.metadata.labels)])).toEqual(
      ferryPods.map((w) => [w.metadata.name, true]),
    );
    expect(allowed(nats)).toBe(false);
    expect(allowed({ 'app.kubernetes.io/name': 'some-app' })).toBe(false);
  });

  it('lets nothing reach a mover but the metrics scraper, on the scrape port', () => {
    const mover = find<WorkloadObject>(objects, 'DaemonSet', 'ferry-mover').spec.template.metadata;
    const [policy, ...others] = policiesSelecting(mover.labels);
    expect(others).toEqual([]);
    expect(policy?.spec).toEqual({
      podSelector: policy?.spec.podSelector,
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
              podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
            },
          ],
          ports: [{ protocol: 'TCP', port: Number(mover.annotations?.['prometheus.io/port']) }],
        },
      ],
    });
  });

  it('enforces privileged in Ferry namespace only because of the mover, and audits and warns at restricted', () => {
    expect(find(objects, 'Namespace', 'velero').metadata.labels).toEqual(
      expect.objectContaining({
        'pod-security.kubernetes.io/enforce': 'privileged',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      }),
    );
  });

  it("passes every workload but the mover through the API server's restricted Pod Security check; the mover's exception is the documented one", async () => {
    const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
    // Labelled as deploy/base labels Ferry's namespace: the API server warns at `restricted`.
    const namespace = uniqueName('pod-security');
    await kube.core.createNamespace({
      body: { metadata: { name: namespace, labels: { ...find(objects, 'Namespace', 'velero').metadata.labels } } },
    });
    try {
      const violations: [string, string[]][] = [];
      for (const workload of workloads()) {
        const applied = await runKubectl(
          ['--kubeconfig', info.kubeconfigPath, 'apply', '--dry-run=server', '-f', '-'],
          toYaml(intoNamespace([workload], namespace)),
        );
        expect({ workload: workload.metadata.name, code: applied.code }).toEqual({ workload: workload.metadata.name, code: 0 });
        const warning = applied.stderr.split('\n').find((line) => line.includes('would violate PodSecurity "restricted'));
        violations.push([workload.metadata.name, warning ? (warning.split('": ')[1] ?? '').split(/, (?=[a-zA-Z]+[ =!])/).sort() : []]);
      }
      expect(Object.fromEntries(violations)).toEqual(
        Object.fromEntries(workloads().map((w) => [w.metadata.name, w.metadata.name === 'ferry-mover' ? moverViolations : []])),
      );
    } finally {
      await deleteTestNamespace(kube, namespace);
    }
  });

  it("a mover reads only the Secrets named for it: another service's NATS password is refused, a BSL's credentials only once granted", async () => {
    const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
    const namespace = await createTestNamespace(kube, 'mover-secrets');
    const workDir = await mkdtemp(join(tmpdir(), 'mover-secrets-'));
    try {
      const kubeconfigPath = join(workDir, 'mover.kubeconfig');
      await writeServiceKubeconfig(info.kubeconfigPath, 'mover', namespace, kubeconfigPath);
      const moverKube = createKubeClient({ kind: 'file', kubeconfigPath });
      await kube.core.createNamespacedSecret({ namespace, body: { metadata: { name: 'ferry-nats-controller' }, stringData: { x: 'y' } } });
      const natsSecret = await moverKube.requester
        .request({ method: 'GET', path: `/api/v1/namespaces/${namespace}/secrets/ferry-nats-controller` })
        .catch((e: unknown) => e);
      expect(hasKubeErrorCode(natsSecret, KubeErrorCode.Forbidden)).toBe(true);

      await setRepositoryPassword(kube, namespace, 'a-password');
      // Secret other-credentials, and the grant for it a platform team adds (deploy/README.md).
      await createMinioStorageLocation(kube, info.s3, { namespace, name: 'other', prefix: namespace });
      const resolver = createRepositoryAccessResolver({ kube: moverKube, namespace, workDir });
      const resolve = () => resolver.resolve('kopia', { backupStorageLocation: 'other', volumeNamespace: 'app' });
      expect((await resolve()).password).toBe('a-password');
      await kube.requester.request({
        method: 'DELETE',
        path: `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings/ferry-mover-secret-other-credentials`,
      });
      // A changed binding reaches the API server's authorizer within moments.
      const refused = await eventually('the ungranted Secret refused', () =>
        resolve().then(
          () => undefined,
          (error: unknown) => error,
        ),
      );
      expect(refused).toMatchObject({
        code: 'MOVER_SECRET_FORBIDDEN',
        retryable: false,
        message: expect.stringContaining('grant ServiceAccount ferry-mover get on Secret other-credentials'),
      });
      await grantMoverSecretRead(kube, namespace, 'other-credentials');
      const granted = await eventually('the granted Secret read', () => resolve().catch(() => undefined));
      expect(granted.password).toBe('a-password');
    } finally {
      await deleteTestNamespace(kube, namespace);
      await rm(workDir, { recursive: true, force: true });
    }
  });

  it('runs a service from source as its own ServiceAccount, with its grants and no more', async () => {
    const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
    const namespace = await createTestNamespace(kube, 'sa-identity');
    const test = await connectTestContracts('sa-identity-it', info);
    try {
      const target = { natsUrl: info.natsUrl, kubeconfigPath: info.kubeconfigPath, namespace, natsNamespace: test.contracts.namespace };
      const app = await startFerryService({ app: 'volume-info', name: `${namespace}-volume-info` }, info.stateDir, target);
      try {
        const environ = (await readFile(`/proc/${app.process.pid}/environ`, 'utf8')).split('\0');
        const kubeconfigPath = environ.find((line) => line.startsWith('KUBECONFIG='))?.slice('KUBECONFIG='.length) ?? '';
        expect(kubeconfigPath).not.toBe(info.kubeconfigPath);
        const own = createApiRequester(loadKubeConfig({ kind: 'file', kubeconfigPath }));
        const review = await own.request<{ status: { userInfo: { username: string } } }>({
          method: 'POST',
          path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
          body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
        });
        expect(review.status.userInfo.username).toBe(`system:serviceaccount:${namespace}:ferry-volume-info`);
        await expect(own.request({ method: 'GET', path: `/apis/velero.io/v1/namespaces/${namespace}/backups` })).resolves.toBeDefined();
        const listSecrets = await own.request({ method: 'GET', path: `/api/v1/namespaces/${namespace}/secrets` }).catch((e: unknown) => e);
        expect(hasKubeErrorCode(listSecrets, KubeErrorCode.Forbidden)).toBe(true);
      } finally {
        await app.process.stop();
      }
    } finally {
      await test.dispose();
      await deleteTestNamespace(kube, namespace);
    }
  });
});
