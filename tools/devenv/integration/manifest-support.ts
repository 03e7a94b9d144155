// What the deploy manifest spec reads: the objects kubectl renders, typed as far as the checks look,
// and small helpers over them (kubectl runner, lookups, RBAC grants flattened, namespace moves).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments, stringify } from 'yaml';

export const repoRoot = join(__dirname, '..', '..', '..');
export const kubectl = process.env['KUBECTL'] ?? '/usr/bin/kubectl';
export const hasKubectl = existsSync(kubectl);
export const ferryNamespace = 'velero';

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
}
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
}
export interface PolicyRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}
export interface RoleObject extends KubeObject {
  readonly rules?: readonly PolicyRule[];
}
export interface BindingObject extends KubeObject {
  readonly roleRef: { readonly apiGroup: string; readonly kind: string; readonly name: string };
  readonly subjects?: readonly { readonly kind: string; readonly name: string; readonly namespace?: string }[];
}
export interface HttpProbe {
  readonly httpGet?: { readonly path: string; readonly port: number | string };
}
export interface ContainerSecurityContext {
  readonly runAsNonRoot?: boolean;
  readonly readOnlyRootFilesystem?: boolean;
  readonly allowPrivilegeEscalation?: boolean;
  readonly privileged?: boolean;
  readonly capabilities?: { readonly drop?: readonly string[]; readonly add?: readonly string[] };
}
export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly fieldRef?: { readonly fieldPath: string } };
}
export interface Container {
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
export interface PodSpec {
  readonly serviceAccountName?: string;
  readonly automountServiceAccountToken?: boolean;
  readonly securityContext?: { readonly runAsNonRoot?: boolean };
  readonly affinity?: { readonly podAntiAffinity?: object };
  readonly containers: readonly Container[];
}
export interface WorkloadObject extends KubeObject {
  readonly spec: {
    readonly replicas?: number;
    readonly selector: { readonly matchLabels: Readonly<Record<string, string>> };
    readonly template: {
      readonly metadata: { readonly labels: Readonly<Record<string, string>>; readonly annotations?: Readonly<Record<string, string>> };
      readonly spec: PodSpec;
    };
  };
}
export interface ServiceObject extends KubeObject {
  readonly spec: {
    readonly selector: Readonly<Record<string, string>>;
    readonly ports: readonly { readonly port: number; readonly targetPort?: number | string }[];
  };
}
export interface ConfigMapObject extends KubeObject {
  readonly data?: Readonly<Record<string, string>>;
}
export interface PdbObject extends KubeObject {
  readonly spec: { readonly minAvailable?: number; readonly selector: { readonly matchLabels: Readonly<Record<string, string>> } };
}

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs kubectl to completion, feeding `input` on stdin. Never rejects for a non-zero exit. */
export function runKubectl(args: readonly string[], input?: string): Promise<CommandResult> {
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

/** The objects `kubectl kustomize deploy/overlays/<overlay>` renders. */
export async function render(overlay: string): Promise<KubeObject[]> {
  const result = await runKubectl(['kustomize', join('deploy', 'overlays', overlay)]);
  if (result.code !== 0) throw new Error(`kubectl kustomize deploy/overlays/${overlay} failed (${result.code}): ${result.stderr}`);
  return parseAllDocuments(result.stdout).map((document) => document.toJS() as KubeObject);
}

export const find = <T extends KubeObject>(objects: readonly KubeObject[], kind: string, name: string): T => {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`the render has no ${kind} ${name}; it has ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found as T;
};

/**
 * Rules flattened to sorted `group/resource:verb` grants — `group/resource#name:verb` per name of a
 * rule limited by `resourceNames` — so a broader or extra grant shows up.
 */
export const grants = (rules: readonly PolicyRule[] | undefined): string[] =>
  (rules ?? [])
    .flatMap((rule) => {
      expect(rule.nonResourceURLs ?? []).toEqual([]);
      const names = rule.resourceNames?.length ? rule.resourceNames.map((name) => `#${name}`) : [''];
      return (rule.apiGroups ?? []).flatMap((group) =>
        (rule.resources ?? []).flatMap((resource) =>
          names.flatMap((name) => rule.verbs.map((verb) => `${group || 'core'}/${resource}${name}:${verb}`)),
        ),
      );
    })
    .sort();

export const isSubset = (subset: Readonly<Record<string, string>>, of: Readonly<Record<string, string>>): boolean =>
  Object.entries(subset).every(([key, value]) => of[key] === value);

/** Every object moved from the `velero` namespace into `namespace` (names, bindings' subjects). */
export function intoNamespace(objects: readonly KubeObject[], namespace: string): unknown[] {
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

export const toYaml = (objects: readonly unknown[]): string => objects.map((object) => stringify(object)).join('---\n');

/** The CRD files the generated deploy/crds kustomization lists. */
export const crdCount = (parse(readFileSync(join(repoRoot, 'deploy', 'crds', 'kustomization.yaml'), 'utf8')) as { resources: string[] })
  .resources.length;
