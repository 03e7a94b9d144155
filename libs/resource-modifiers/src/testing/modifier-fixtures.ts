// Builders of the objects and rules Velero's resource_modifiers_test.go uses, for the specs.
import type { KubeObject } from '../modifiers-applier';
import type { JsonPatchOperation, ModifierConditions, ResourceModifierRule, ResourceModifiers } from '../modifier-document';

/** A PVC `test-pvc` in `foo` with the storage class. */
export function pvc(storageClassName: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'test-pvc', namespace: 'foo' },
    spec: { storageClassName },
  };
}

/** Deployment `test-deployment` in `foo` labelled app=nginx, with the replicas and containers. */
export function deployment(replicas: number, ...containers: string[]): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'test-deployment', namespace: 'foo', labels: { app: 'nginx' } },
    spec: {
      replicas,
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: { containers: containers.map((name) => ({ name, image: `${name}:latest` })) },
      },
    },
  };
}

/** ConfigMap `cm1` in `fake` with the labels. */
export function configMap(labels: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm1', namespace: 'fake', labels } };
}

/** Pod `pod1` in `fake` with the containers (name → image) and volumes. */
export function pod(containers: Record<string, string>, volumes?: KubeObject[], mounts?: KubeObject[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pod1', namespace: 'fake' },
    spec: {
      containers: Object.entries(containers).map(([name, image]) => ({ image, name, ...(mounts ? { volumeMounts: mounts } : {}) })),
      ...(volumes ? { volumes } : {}),
    },
  };
}

/** Service `svc1` in `fake` with TCP ports named as given (name → port, targetPort = port). */
export function service(ports: Record<string, number>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'svc1', namespace: 'fake' },
    spec: { ports: Object.entries(ports).map(([name, port]) => ({ name, port, protocol: 'TCP', targetPort: port })) },
  };
}

/** A JSON patch operation (`from` empty unless given). */
export function op(operation: string, path: string, value = '', from = ''): JsonPatchOperation {
  return { operation, from, path, value };
}

/** A rule with the conditions and patches given (others empty). */
export function rule(
  conditions: Partial<ModifierConditions>,
  patches: Partial<Omit<ResourceModifierRule, 'conditions'>>,
): ResourceModifierRule {
  return {
    conditions: { groupResource: '', namespaces: [], resourceNameRegex: '', matches: [], ...conditions },
    patches: [],
    mergePatches: [],
    strategicPatches: [],
    ...patches,
  };
}

/** A `version: v1` document of the rules. */
export function modifiers(...rules: ResourceModifierRule[]): ResourceModifiers {
  return { version: 'v1', resourceModifierRules: rules };
}
