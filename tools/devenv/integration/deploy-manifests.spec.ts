import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { controllerRouteAccess } from '@ferry/controller-service';
import { exposerRouteAccess } from '@ferry/exposer-service';
import { moverRouteAccess } from '@ferry/mover-service';
import { policyRouteAccess } from '@ferry/policy-service';
import { restoreProgressRouteAccess } from '@ferry/restore-service';
import type { RouteAccessRule } from '@ferry/service-runtime';
import { volumeInfoRouteAccess } from '@ferry/volume-info-service';
import { loadEnvironmentInfo } from '../src/testing';
import {
  type BindingObject,
  type ConfigMapObject,
  type KubeObject,
  type PdbObject,
  type RoleObject,
  type ServiceObject,
  type WorkloadObject,
  crdCount,
  ferryNamespace,
  render,
  repoRoot,
  find,
  grants,
  hasKubectl,
  intoNamespace,
  isSubset,
  kubectl,
  runKubectl,
  toYaml,
} from './manifest-support';
import {
  apiCallerRoles,
  apiReviewGrants,
  serviceApiCallerRoles,
  serviceGrants,
  services,
  perNodeServices,
  rootContainers,
} from './service-grants';

/**
 * The Kustomize overlays in deploy/ render with the kubectl on this machine, are accepted by the
 * real API server of the dev environment (server-side dry-run, so admission, schema and RBAC
 * escalation checks all run and nothing is persisted), grant each service exactly the access its
 * code needs, and harden every container.
 */
const describeWithKubectl = hasKubectl ? describe : describe.skip;

/** What `service` may do cluster-wide: its own grants and the reviews of its API's callers. */
const clusterGrantsOf = (service: (typeof services)[number]): readonly string[] => [
  ...serviceGrants[service].clusterRole,
  ...apiReviewGrants,
];

/** The RBAC kinds `service` has: no ClusterRole (nor binding) when it needs nothing cluster-wide. */
const rbacKindsOf = (service: (typeof services)[number], kinds: readonly string[]): readonly string[] =>
  clusterGrantsOf(service).length === 0 ? kinds.filter((kind) => !kind.startsWith('Cluster')) : kinds;

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
        ).toEqual(
          [
            ...services.flatMap((service) => rbacKindsOf(service, rbacKinds).map((kind) => `${kind}/${service}`)),
            ...apiCallerRoles.map((role) => `ClusterRole/${role}`),
            ...Object.keys(serviceApiCallerRoles).flatMap((role) => [`Role/${role}`, `RoleBinding/${role}`]),
          ].sort(),
        );
      });

      it.each(Object.entries(serviceApiCallerRoles))(
        '%s grants exactly the routes its service calls on another, bound to that service only',
        (role, { service, routes }) => {
          const objects = objectsOf(overlay);
          expect(grants(find<RoleObject>(objects, 'Role', role).rules)).toEqual(
            routes.map(({ resource: r }) => `${r.group}/${r.resource}:get`).sort(),
          );
          const binding = find<BindingObject>(objects, 'RoleBinding', role);
          expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role });
          expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: service, namespace: ferryNamespace }]);
        },
      );

      it.each(services)('grants %s exactly the verbs its code needs, bound to its own service account only', (service) => {
        const objects = objectsOf(overlay);
        const role = find<RoleObject>(objects, 'Role', service);
        expect(role.metadata.namespace).toBe(ferryNamespace);
        expect(grants(role.rules)).toEqual([...serviceGrants[service].role].sort());
        const subject = [{ kind: 'ServiceAccount', name: service, namespace: ferryNamespace }];
        const roleBinding = find<BindingObject>(objects, 'RoleBinding', service);
        expect(roleBinding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: service });
        expect(roleBinding.subjects).toEqual(subject);
        const clusterGrants = clusterGrantsOf(service);
        if (clusterGrants.length === 0) {
          // Nothing cluster-wide: no ClusterRole at all rather than an empty one.
          expect(objects.filter((o) => o.kind.startsWith('Cluster') && o.metadata.name === service)).toEqual([]);
          return;
        }
        expect(grants(find<RoleObject>(objects, 'ClusterRole', service).rules)).toEqual([...clusterGrants].sort());
        const clusterBinding = find<BindingObject>(objects, 'ClusterRoleBinding', service);
        expect(clusterBinding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: service });
        expect(clusterBinding.subjects).toEqual(subject);
      });

      it('grants API callers exactly what the routes check: GET routes to ferry-api-reader, the policy POSTs to ferry-api-planner', () => {
        const objects = objectsOf(overlay);
        const permissions = (rules: readonly RouteAccessRule[], verb: string): string[] =>
          rules.map(({ resource: r }) => `${r.group}/${r.resource}${r.subresource ? `/${r.subresource}` : ''}:${verb}`);
        const reads = [volumeInfoRouteAccess, controllerRouteAccess, restoreProgressRouteAccess, exposerRouteAccess, moverRouteAccess];
        expect(grants(find<RoleObject>(objects, 'ClusterRole', 'ferry-api-reader').rules)).toEqual(
          reads.flatMap((rules) => permissions(rules, 'get')).sort(),
        );
        expect(grants(find<RoleObject>(objects, 'ClusterRole', 'ferry-api-planner').rules)).toEqual(
          permissions(policyRouteAccess, 'create').sort(),
        );
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

      it('annotates every service pod for scraping /metrics on its HTTP port (the scrape convention)', () => {
        const objects = objectsOf(overlay);
        for (const service of services) {
          const workload = find<WorkloadObject>(objects, perNodeServices.has(service) ? 'DaemonSet' : 'Deployment', service);
          const [container] = workload.spec.template.spec.containers;
          const env = new Map((container?.env ?? []).map((variable) => [variable.name, variable.value]));
          const httpPort = container?.ports?.find((port) => port.name === 'http')?.containerPort;
          expect({ service, httpPort, env: Number(env.get('HTTP_PORT')) }).toEqual({ service, httpPort: 8080, env: 8080 });
          expect({ service, annotations: workload.spec.template.metadata.annotations }).toEqual({
            service,
            annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(httpPort), 'prometheus.io/path': '/metrics' },
          });
        }
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

    it('production runs two volume-info replicas on different nodes where possible (each follows every record; either seals)', () => {
      const deployment = find<WorkloadObject>(objectsOf('production'), 'Deployment', 'ferry-volume-info');
      expect(deployment.spec.replicas).toBe(2);
      expect(JSON.stringify(deployment.spec.template.spec.affinity?.podAntiAffinity)).toContain('"volume-info"');
      expect(find<WorkloadObject>(objectsOf('local'), 'Deployment', 'ferry-volume-info').spec.replicas).toBe(1);
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

describe('deploy observability - the Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(join(repoRoot, 'deploy', 'observability', 'ferry-dashboard.json'), 'utf8')) as {
    readonly uid: string;
    readonly panels: readonly { readonly type: string; readonly targets?: readonly { readonly expr: string }[] }[];
  };
  const exprs = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
  const metricNames = [
    ...new Set(exprs.flatMap((expr) => expr.match(/\b(?:velero|podVolume|ferry|workqueue|controller_runtime)_[A-Za-z0-9_]+/g) ?? [])),
  ];
  // A histogram is graphed through its `_bucket`, `_sum` and `_count` series.
  const histogramOf = (name: string): string => name.replace(/_(bucket|sum|count)$/, '');

  it("graphs Velero's backup, restore and data-path metrics and Ferry's own", () => {
    expect(dashboard.uid).toBe('ferry-overview');
    expect([...metricNames, ...metricNames.map(histogramOf)]).toEqual(
      expect.arrayContaining([
        'velero_backup_success_total',
        'velero_backup_duration_seconds',
        'velero_restore_failed_total',
        'podVolume_data_upload_success_total',
        'ferry_mover_bytes_total',
        'ferry_exposure_wait_seconds',
        'ferry_nats_redeliveries_total',
        'workqueue_depth',
        'controller_runtime_reconcile_time_seconds',
      ]),
    );
  });

  it('graphs only metrics deploy/README.md lists', () => {
    const readme = readFileSync(join(repoRoot, 'deploy', 'README.md'), 'utf8');
    const listed = (name: string): boolean =>
      readme.includes(`\`${name}\``) ||
      readme.includes(`\`${histogramOf(name)}\``) ||
      // podVolume_data_{upload,download}_{success,failure,cancel}_total is listed as one pattern.
      /^podVolume_data_(upload|download)_(success|failure|cancel)_total$/.test(name) ||
      /^podVolume_pod_volume_backup_(enqueue|dequeue)_count$/.test(name);
    expect(metricNames.filter((name) => !listed(name))).toEqual([]);
  });
});
