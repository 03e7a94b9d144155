import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { loadEnvironmentInfo } from '../src/testing';

/**
 * The Kustomize overlays in deploy/ render with the kubectl on this machine, are accepted by the
 * real API server of the dev environment (server-side dry-run, so admission, schema and RBAC
 * escalation checks all run and nothing is persisted), grant each service exactly the access its
 * code needs, and harden every container.
 */
const repoRoot = join(__dirname, '..', '..', '..');
const kubectl = process.env['KUBECTL'] ?? '/usr/bin/kubectl';
const hasKubectl = existsSync(kubectl);
const describeWithKubectl = hasKubectl ? describe : describe.skip;
const ferryNamespace = 'velero';

interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
}
interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
}
interface PolicyRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}
interface RoleObject extends KubeObject {
  readonly rules?: readonly PolicyRule[];
}
interface BindingObject extends KubeObject {
  readonly roleRef: { readonly apiGroup: string; readonly kind: string; readonly name: string };
  readonly subjects?: readonly { readonly kind: string; readonly name: string; readonly namespace?: string }[];
}
interface HttpProbe {
  readonly httpGet?: { readonly path: string; readonly port: number | string };
}
interface ContainerSecurityContext {
  readonly runAsNonRoot?: boolean;
  readonly readOnlyRootFilesystem?: boolean;
  readonly allowPrivilegeEscalation?: boolean;
  readonly privileged?: boolean;
  readonly capabilities?: { readonly drop?: readonly string[]; readonly add?: readonly string[] };
}
interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly fieldRef?: { readonly fieldPath: string } };
}
interface Container {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly env?: readonly EnvVar[];
  readonly envFrom?: readonly { readonly configMapRef?: { readonly name: string } }[];
  readonly ports?: readonly { readonly name?: string; readonly containerPort: number }[];
  readonly livenessProbe?: HttpProbe;
  readonly readinessProbe?: HttpProbe;
  readonly resources?: { readonly requests?: Readonly<Record<string, string>>; readonly limits?: Readonly<Record<string, string>> };
  readonly securityContext?: ContainerSecurityContext;
}
interface PodSpec {
  readonly serviceAccountName?: string;
  readonly automountServiceAccountToken?: boolean;
  readonly securityContext?: { readonly runAsNonRoot?: boolean };
  readonly affinity?: { readonly podAntiAffinity?: object };
  readonly containers: readonly Container[];
}
interface WorkloadObject extends KubeObject {
  readonly spec: {
    readonly replicas?: number;
    readonly selector: { readonly matchLabels: Readonly<Record<string, string>> };
    readonly template: { readonly metadata: { readonly labels: Readonly<Record<string, string>> }; readonly spec: PodSpec };
  };
}
interface ServiceObject extends KubeObject {
  readonly spec: {
    readonly selector: Readonly<Record<string, string>>;
    readonly ports: readonly { readonly port: number; readonly targetPort?: number | string }[];
  };
}
interface ConfigMapObject extends KubeObject {
  readonly data?: Readonly<Record<string, string>>;
}
interface PdbObject extends KubeObject {
  readonly spec: { readonly minAvailable?: number; readonly selector: { readonly matchLabels: Readonly<Record<string, string>> } };
}

interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs kubectl to completion, feeding `input` on stdin. Never rejects for a non-zero exit. */
function runKubectl(args: readonly string[], input?: string): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(kubectl, args, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

async function render(overlay: string): Promise<KubeObject[]> {
  const result = await runKubectl(['kustomize', join('deploy', 'overlays', overlay)]);
  if (result.code !== 0) throw new Error(`kubectl kustomize deploy/overlays/${overlay} failed (${result.code}): ${result.stderr}`);
  return parseAllDocuments(result.stdout).map((document) => document.toJS() as KubeObject);
}

const find = <T extends KubeObject>(objects: readonly KubeObject[], kind: string, name: string): T => {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`the render has no ${kind} ${name}; it has ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found as T;
};

/** Rules flattened to sorted `group/resource:verb` grants, so a broader or extra grant shows up. */
const grants = (rules: readonly PolicyRule[] | undefined): string[] =>
  (rules ?? [])
    .flatMap((rule) => {
      expect(rule.resourceNames ?? []).toEqual([]);
      expect(rule.nonResourceURLs ?? []).toEqual([]);
      return (rule.apiGroups ?? []).flatMap((group) =>
        (rule.resources ?? []).flatMap((resource) => rule.verbs.map((verb) => `${group || 'core'}/${resource}:${verb}`)),
      );
    })
    .sort();

const isSubset = (subset: Readonly<Record<string, string>>, of: Readonly<Record<string, string>>): boolean =>
  Object.entries(subset).every(([key, value]) => of[key] === value);

/** Every object moved from the `velero` namespace into `namespace` (names, bindings' subjects). */
function intoNamespace(objects: readonly KubeObject[], namespace: string): unknown[] {
  return objects.map((object) => {
    const copy = structuredClone(object) as KubeObject & {
      metadata: { name: string; namespace?: string };
      subjects?: { namespace?: string }[];
    };
    if (copy.kind === 'Namespace' && copy.metadata.name === ferryNamespace) copy.metadata.name = namespace;
    if (copy.metadata.namespace === ferryNamespace) copy.metadata.namespace = namespace;
    for (const subject of copy.subjects ?? []) if (subject.namespace === ferryNamespace) subject.namespace = namespace;
    return copy;
  });
}

const toYaml = (objects: readonly unknown[]): string => objects.map((object) => stringify(object)).join('---\n');

/** The CRD files the generated deploy/crds kustomization lists. */
const crdCount = (parse(readFileSync(join(repoRoot, 'deploy', 'crds', 'kustomization.yaml'), 'utf8')) as { resources: string[] }).resources
  .length;

/** Exactly what each service may do: what its code calls, nothing more. */
const serviceGrants = {
  /** libs/policy-service: reads only. */
  'ferry-policy': {
    role: ['core/configmaps:get', 'velero.io/backups:get'],
    clusterRole: ['core/namespaces:list', 'core/persistentvolumeclaims:list', 'core/persistentvolumes:list', 'core/pods:list'],
  },
  /** libs/exposer-service: intermediate objects in its namespace (watched, to wake waiting exposures); snapshots, PVs and claims across the cluster. */
  'ferry-exposer': {
    role: [
      'core/configmaps:list',
      'core/configmaps:watch',
      'core/events:create',
      'core/events:list',
      'core/persistentvolumeclaims:create',
      'core/persistentvolumeclaims:delete',
      'core/persistentvolumeclaims:list',
      'core/persistentvolumeclaims:watch',
      'core/pods:create',
      'core/pods:delete',
      'core/pods:get',
      'core/pods:list',
      'core/pods:watch',
      'snapshot.storage.k8s.io/volumesnapshots:create',
      'velero.io/datadownloads:get',
      'velero.io/datauploads:get',
    ],
    clusterRole: [
      'core/persistentvolumeclaims:get',
      'core/persistentvolumeclaims:patch',
      'core/persistentvolumes:delete',
      'core/persistentvolumes:get',
      'core/persistentvolumes:patch',
      'snapshot.storage.k8s.io/volumesnapshotcontents:create',
      'snapshot.storage.k8s.io/volumesnapshotcontents:delete',
      'snapshot.storage.k8s.io/volumesnapshotcontents:get',
      'snapshot.storage.k8s.io/volumesnapshotcontents:patch',
      'snapshot.storage.k8s.io/volumesnapshots:delete',
      'snapshot.storage.k8s.io/volumesnapshots:get',
      'storage.k8s.io/storageclasses:get',
    ],
  },
  /** libs/controller-service: data-path resources and repository objects in its namespace; DataMoverClasses; pod volumes. Beside it the snapshot mover and the BSL controller. */
  'ferry-controller': {
    role: [
      'coordination.k8s.io/leases:create',
      'coordination.k8s.io/leases:get',
      'coordination.k8s.io/leases:update',
      'core/events:create',
      'core/secrets:create',
      'core/secrets:get',
      'velero.io/backuprepositories:create',
      'velero.io/backuprepositories:get',
      'velero.io/backupstoragelocations:get',
      'velero.io/datadownloads:get',
      'velero.io/datadownloads:list',
      'velero.io/datadownloads:update',
      'velero.io/datadownloads:watch',
      'velero.io/datauploads:get',
      'velero.io/datauploads:list',
      'velero.io/datauploads:update',
      'velero.io/datauploads:watch',
      'velero.io/podvolumebackups:get',
      'velero.io/podvolumebackups:list',
      'velero.io/podvolumebackups:update',
      'velero.io/podvolumebackups:watch',
      'velero.io/podvolumerestores:get',
      'velero.io/podvolumerestores:list',
      'velero.io/podvolumerestores:update',
      'velero.io/podvolumerestores:watch',
      // libs/snapshot-mover-service (VSB/VSR): its DUs/DDs, snapshots, PVCs and Secrets; BSLs; Backups.
      'velero.io/datauploads:create',
      'velero.io/datauploads:delete',
      'velero.io/datadownloads:create',
      'velero.io/datadownloads:delete',
      'velero.io/backupstoragelocations:list',
      'velero.io/backups:get',
      'velero.io/restores:get',
      'snapshot.storage.k8s.io/volumesnapshots:create',
      'snapshot.storage.k8s.io/volumesnapshots:delete',
      'snapshot.storage.k8s.io/volumesnapshots:list',
      'core/persistentvolumeclaims:create',
      'core/persistentvolumeclaims:delete',
      'core/persistentvolumeclaims:list',
      'core/secrets:create',
      'core/secrets:delete',
      'core/secrets:list',
      // libs/storage-location-service (BSL controller): watches and updates BSLs; reads credential Secrets (core/secrets:get above).
      'velero.io/backupstoragelocations:list',
      'velero.io/backupstoragelocations:watch',
      'velero.io/backupstoragelocations:update',
    ],
    clusterRole: [
      'core/persistentvolumeclaims:get',
      'core/pods:get',
      'datamover.oadp.openshift.io/datamoverclasses:list',
      'datamover.oadp.openshift.io/datamoverclasses:watch',
      // libs/snapshot-mover-service: VSBs/VSRs and their status, users' snapshots, clone/restored contents, Events on VSBs/VSRs.
      'datamover.oadp.openshift.io/volumesnapshotbackups:get',
      'datamover.oadp.openshift.io/volumesnapshotbackups:list',
      'datamover.oadp.openshift.io/volumesnapshotbackups:watch',
      'datamover.oadp.openshift.io/volumesnapshotbackups:patch',
      'datamover.oadp.openshift.io/volumesnapshotrestores:get',
      'datamover.oadp.openshift.io/volumesnapshotrestores:list',
      'datamover.oadp.openshift.io/volumesnapshotrestores:watch',
      'datamover.oadp.openshift.io/volumesnapshotbackups/status:update',
      'datamover.oadp.openshift.io/volumesnapshotrestores/status:update',
      'snapshot.storage.k8s.io/volumesnapshots:get',
      'snapshot.storage.k8s.io/volumesnapshotcontents:create',
      'snapshot.storage.k8s.io/volumesnapshotcontents:delete',
      'snapshot.storage.k8s.io/volumesnapshotcontents:get',
      'snapshot.storage.k8s.io/volumesnapshotcontents:list',
      'snapshot.storage.k8s.io/volumesnapshotcontents:patch',
      'core/events:create',
    ],
  },
  /** libs/mover-service: reads its BSLs, their credential Secrets, the repository password and its node; writes nothing. */
  'ferry-mover': {
    role: ['core/configmaps:list', 'core/configmaps:watch', 'core/secrets:get', 'velero.io/backupstoragelocations:get'],
    clusterRole: ['core/nodes:get'],
  },
} as const;
const services = Object.keys(serviceGrants) as (keyof typeof serviceGrants)[];
/** Services that run on every node (a DaemonSet, no Service); the others are a Deployment behind a Service. */
const perNodeServices: ReadonlySet<string> = new Set(['ferry-mover']);
/**
 * Containers that run as root, with the only capabilities they add: the mover reads and writes
 * volume files of any owner and keeps ownership on restore (Velero's node-agent runs privileged).
 */
const rootContainers: Readonly<Record<string, readonly string[]>> = {
  'DaemonSet/ferry-mover container mover': ['CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID'],
};

describeWithKubectl(
  `deploy manifests - kustomize overlays against the real API server${hasKubectl ? '' : ` (skipped: no kubectl at ${kubectl}; set KUBECTL)`}`,
  () => {
    const { kubeconfigPath } = loadEnvironmentInfo();
    const rendered = new Map<string, KubeObject[]>();
    const overlays = ['local', 'production'] as const;

    beforeAll(async () => {
      for (const overlay of overlays) rendered.set(overlay, await render(overlay));
    });
    const objectsOf = (overlay: string): KubeObject[] => rendered.get(overlay) ?? [];

    describe.each(overlays)('overlay %s', (overlay) => {
      it('renders the CRDs, the namespace, the config, the services and the bundled NATS', () => {
        const objects = objectsOf(overlay);
        expect(objects.filter((object) => object.kind === 'CustomResourceDefinition')).toHaveLength(crdCount);
        const expected: readonly (readonly [kind: string, name: string])[] = [
          ['Namespace', 'velero'],
          ['ConfigMap', 'ferry-config'],
          ...services.flatMap((service): (readonly [string, string])[] =>
            perNodeServices.has(service)
              ? [
                  ['ServiceAccount', service],
                  ['DaemonSet', service],
                ]
              : [
                  ['ServiceAccount', service],
                  ['Deployment', service],
                  ['Service', service],
                ],
          ),
          ['StatefulSet', 'nats'],
          ['Service', 'nats'],
          ['DataMoverClass', 'ferry-kopia'],
          ['DataMoverClass', 'ferry-restic'],
        ];
        for (const [kind, name] of expected) {
          expect(find(objects, kind, name).metadata.name).toBe(name);
        }
        const namespaced = objects.filter(
          (object) =>
            !['CustomResourceDefinition', 'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'DataMoverClass'].includes(object.kind),
        );
        expect(
          namespaced.filter((object) => object.metadata.namespace !== ferryNamespace).map((o) => `${o.kind}/${o.metadata.name}`),
        ).toEqual([]);
      });

      it('has exactly one Role, ClusterRole and their bindings per service', () => {
        const rbacKinds = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'];
        expect(
          objectsOf(overlay)
            .filter((object) => rbacKinds.includes(object.kind))
            .map((o) => `${o.kind}/${o.metadata.name}`)
            .sort(),
        ).toEqual(services.flatMap((service) => rbacKinds.map((kind) => `${kind}/${service}`)).sort());
      });

      it.each(services)('grants %s exactly the verbs its code needs, bound to its own service account only', (service) => {
        const objects = objectsOf(overlay);
        const role = find<RoleObject>(objects, 'Role', service);
        expect(role.metadata.namespace).toBe(ferryNamespace);
        expect(grants(role.rules)).toEqual([...serviceGrants[service].role].sort());
        expect(grants(find<RoleObject>(objects, 'ClusterRole', service).rules)).toEqual([...serviceGrants[service].clusterRole].sort());

        const subject = [{ kind: 'ServiceAccount', name: service, namespace: ferryNamespace }];
        const roleBinding = find<BindingObject>(objects, 'RoleBinding', service);
        expect(roleBinding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: service });
        expect(roleBinding.subjects).toEqual(subject);
        const clusterBinding = find<BindingObject>(objects, 'ClusterRoleBinding', service);
        expect(clusterBinding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: service });
        expect(clusterBinding.subjects).toEqual(subject);
      });

      it('hardens every workload container: probes, non-root (or root with only the listed capabilities), read-only root, no escalation, resources', () => {
        const workloads = objectsOf(overlay).filter((object): object is WorkloadObject =>
          ['Deployment', 'StatefulSet', 'DaemonSet'].includes(object.kind),
        );
        expect(workloads.length).toBeGreaterThanOrEqual(2);
        for (const workload of workloads) {
          const pod = workload.spec.template.spec;
          expect(isSubset(workload.spec.selector.matchLabels, workload.spec.template.metadata.labels)).toBe(true);
          for (const container of pod.containers) {
            const where = `${workload.kind}/${workload.metadata.name} container ${container.name}`;
            expect({ where, liveness: container.livenessProbe?.httpGet?.path, readiness: container.readinessProbe?.httpGet?.path }).toEqual(
              {
                where,
                liveness: expect.any(String),
                readiness: expect.any(String),
              },
            );
            const security = container.securityContext ?? {};
            const rootCapabilities = rootContainers[where];
            expect({ where, runAsNonRoot: security.runAsNonRoot ?? pod.securityContext?.runAsNonRoot }).toEqual({
              where,
              runAsNonRoot: rootCapabilities === undefined,
            });
            expect({
              where,
              ...security.capabilities,
              readOnly: security.readOnlyRootFilesystem,
              escalation: security.allowPrivilegeEscalation,
              privileged: security.privileged ?? false,
            }).toEqual({
              where,
              drop: ['ALL'],
              ...(rootCapabilities ? { add: rootCapabilities } : {}),
              readOnly: true,
              escalation: false,
              privileged: false,
            });
            expect({ where, request: container.resources?.requests?.['memory'], limit: container.resources?.limits?.['memory'] }).toEqual({
              where,
              request: expect.any(String),
              limit: expect.any(String),
            });
          }
        }
      });

      it('wires the policy container as the image contract and the service config say', () => {
        const objects = objectsOf(overlay);
        const deployment = find<WorkloadObject>(objects, 'Deployment', 'ferry-policy');
        const pod = deployment.spec.template.spec;
        expect(pod.serviceAccountName).toBe('ferry-policy');
        expect(pod.containers).toHaveLength(1);
        const [container] = pod.containers;
        expect(container?.image).toBe('ghcr.io/ferry-dev/ferry:0.1.0');
        expect(container?.command).toEqual(['node', 'dist/apps/policy/main.js']);
        expect(container?.envFrom).toEqual([{ configMapRef: { name: 'ferry-config' } }]);
        const env = new Map((container?.env ?? []).map((variable) => [variable.name, variable]));
        expect(env.get('FERRY_NAMESPACE')?.valueFrom?.fieldRef?.fieldPath).toBe('metadata.namespace');
        expect(env.has('KUBECONFIG')).toBe(false);
        const port = Number(env.get('HTTP_PORT')?.value);
        expect(container?.ports).toEqual([{ name: 'http', containerPort: port }]);
        expect(container?.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
        expect(container?.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });

        const service = find<ServiceObject>(objects, 'Service', 'ferry-policy');
        expect(isSubset(service.spec.selector, deployment.spec.template.metadata.labels)).toBe(true);
        expect(service.spec.ports).toEqual([expect.objectContaining({ port, targetPort: 'http' })]);

        const config = find<ConfigMapObject>(objects, 'ConfigMap', 'ferry-config').data ?? {};
        expect(config['NATS_URL']).toBe('nats://nats.velero.svc:4222');
        expect(config['LOG_LEVEL']).toBe(overlay === 'local' ? 'debug' : 'info');
        expect(Object.keys(config)).toEqual(
          expect.arrayContaining([
            'FERRY_GLOBAL_VOLUME_POLICIES_CONFIGMAP',
            'FERRY_DEFAULT_VOLUMES_TO_FS_BACKUP',
            'FERRY_POLICY_LIST_PAGE_SIZE',
          ]),
        );
        expect(Object.keys(config)).not.toContain('FERRY_NAMESPACE');

        const nats = find<WorkloadObject>(objects, 'StatefulSet', 'nats');
        const natsService = find<ServiceObject>(objects, 'Service', 'nats');
        expect(nats.spec.template.spec.containers[0]?.image).toBe('nats:2.10-alpine');
        expect(isSubset(natsService.spec.selector, nats.spec.template.metadata.labels)).toBe(true);
        expect(natsService.spec.ports.map((p) => p.port)).toEqual([4222]);
      });

      it('applies cleanly to the real API server (server-side dry-run)', async () => {
        // A fresh namespace stands in for `velero`: namespaced objects need an existing namespace
        // even in a dry-run, and the shared environment's `velero` is left to the services.
        const namespace = `deploy-${overlay}-${Date.now().toString(36)}`;
        const created = await runKubectl(['--kubeconfig', kubeconfigPath, 'create', 'namespace', namespace]);
        expect(created.stderr).toBe('');
        const moved = intoNamespace(objectsOf(overlay), namespace);

        const applied = await runKubectl(['--kubeconfig', kubeconfigPath, 'apply', '--dry-run=server', '-f', '-'], toYaml(moved));
        expect({ code: applied.code, errors: applied.stderr.split('\n').filter((line) => line && !line.startsWith('Warning:')) }).toEqual({
          code: 0,
          errors: [],
        });
        const lines = applied.stdout.trim().split('\n');
        expect(lines).toHaveLength(moved.length);
        expect(lines.every((line) => line.endsWith('(server dry run)'))).toBe(true);
        expect(applied.stdout).toContain(`deployment.apps/ferry-policy created (server dry run)`);
        expect(applied.stdout).toContain(`clusterrole.rbac.authorization.k8s.io/ferry-policy`);
      });
    });

    it('production runs two policy replicas on different nodes where possible, guarded by a PodDisruptionBudget', () => {
      const objects = objectsOf('production');
      const deployment = find<WorkloadObject>(objects, 'Deployment', 'ferry-policy');
      expect(deployment.spec.replicas).toBe(2);
      expect(JSON.stringify(deployment.spec.template.spec.affinity?.podAntiAffinity)).toContain('kubernetes.io/hostname');
      const budget = find<PdbObject>(objects, 'PodDisruptionBudget', 'ferry-policy');
      expect(budget.spec.minAvailable).toBe(1);
      expect(isSubset(budget.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);

      expect(find<WorkloadObject>(objectsOf('local'), 'Deployment', 'ferry-policy').spec.replicas).toBe(1);
      expect(objectsOf('local').some((object) => object.kind === 'PodDisruptionBudget')).toBe(false);
    });

    it('production runs two controller replicas on different nodes where possible; leader election lets them share one Lease', () => {
      const deployment = find<WorkloadObject>(objectsOf('production'), 'Deployment', 'ferry-controller');
      expect(deployment.spec.replicas).toBe(2);
      expect(JSON.stringify(deployment.spec.template.spec.affinity?.podAntiAffinity)).toContain('kubernetes.io/hostname');
      expect(find<WorkloadObject>(objectsOf('local'), 'Deployment', 'ferry-controller').spec.replicas).toBe(1);
    });

    it('the API server rejects a broken manifest in the same dry-run (the check can fail)', async () => {
      const deployment = structuredClone(find<WorkloadObject>(objectsOf('local'), 'Deployment', 'ferry-policy'));
      const broken = {
        ...deployment,
        metadata: { ...deployment.metadata, namespace: 'default' },
        spec: { ...deployment.spec, selector: { matchLabels: { 'app.kubernetes.io/name': 'something-else' } } },
      };

      const applied = await runKubectl(['--kubeconfig', kubeconfigPath, 'apply', '--dry-run=server', '-f', '-'], toYaml([broken]));
      expect(applied.code).not.toBe(0);
      expect(applied.stderr).toContain('does not match template');
    });
  },
);
