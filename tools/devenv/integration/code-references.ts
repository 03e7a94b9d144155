// Which Kubernetes resources a Ferry service's code refers to, read from its source: the deploy
// manifest spec reports a grant on a resource its code never names. Resource level, not verb level
// (generic clients and informers take the verb at run time; the verbs are held exactly by
// service-grants.ts and exercised by the integration suite, where every service runs as its own
// account). Over-inclusive on purpose — every file of every library the app imports counts — so
// what it reports is certainly unused.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as api from '@ferry/api';
import { builtinResources, type ResourceDescriptor } from '@ferry/kube';
import { repoRoot } from './manifest-support';

/** `group/plural` (`core/pods`), as `grants()` of manifest-support spells a grant's resource. */
const resourceKey = (descriptor: Pick<ResourceDescriptor, 'group' | 'plural'>): string =>
  `${descriptor.group || 'core'}/${descriptor.plural}`;

const isDescriptor = (value: unknown): value is ResourceDescriptor =>
  typeof value === 'object' && value !== null && typeof (value as ResourceDescriptor).plural === 'string' && 'group' in value;

/** The resource definitions of @ferry/api by export name (`backupDefinition` → velero.io/backups). */
const apiDefinitions: [string, ResourceDescriptor][] = Object.entries(api as Record<string, unknown>).flatMap(([name, value]) =>
  isDescriptor(value) ? [[name, value]] : [],
);

// Where the descriptors are declared: naming a resource there is not using it.
const definitionSites = [join('libs', 'api', 'src', 'resources'), join('libs', 'kube', 'src', 'resource-descriptor.ts')];

const aliases = (
  JSON.parse(readFileSync(join(repoRoot, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } }
).compilerOptions.paths;

/** Source files (no specs) under `folder`, with paths relative to the repository. */
function sourceFiles(folder: string): string[] {
  return readdirSync(join(repoRoot, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
    .map((entry) => join(entry.parentPath, entry.name).slice(repoRoot.length + 1))
    .filter((file) => !definitionSites.some((site) => file.startsWith(site)));
}

/** The source of `apps/<app>` and of every `@ferry/*` library it imports, transitively. */
export function appSource(app: string): string {
  const folders = [join('apps', app, 'src')];
  const texts: string[] = [];
  for (let i = 0; i < folders.length; i += 1) {
    for (const file of sourceFiles(folders[i] ?? '')) {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      texts.push(text);
      for (const [, name] of text.matchAll(/from '(@ferry\/[\w-]+)'/g)) {
        const entry = aliases[name ?? '']?.[0];
        if (entry && !folders.includes(dirname(entry))) folders.push(dirname(entry));
      }
    }
  }
  return texts.join('\n');
}

// Typed client calls (`kube.core.listNamespacedPod`): the kind names the resource.
const typedCall = /\.(?:read|list|create|delete|patch|replace)(?:Namespaced)?([A-Z][A-Za-z]+?)(?:ForAllNamespaces)?\(/g;
const typedGroups: Readonly<Record<string, string>> = {
  StorageClass: 'storage.k8s.io',
  Deployment: 'apps',
  TokenReview: 'authentication.k8s.io',
  SubjectAccessReview: 'authorization.k8s.io',
};

/**
 * Whether `source` refers to `resource` (`group/plural`): an @ferry/api definition or
 * `builtinResources` entry of it named, a typed client call of its kind, or its plural quoted or in
 * a path (`'/apis/authentication.k8s.io/v1/tokenreviews'`). Pure over `source`.
 */
export function isReferenced(source: string, resource: string): boolean {
  const plural = resource.split('/')[1] ?? '';
  return referencedDescriptors(source).has(resource) || new RegExp(`['"\`/]${plural}['"\`/?]`).test(source);
}

/** The `group/plural`s `source` names through a definition, a descriptor or a typed client call. */
function referencedDescriptors(source: string): Set<string> {
  const found = new Set<string>();
  for (const [name, definition] of apiDefinitions) if (new RegExp(`\\b${name}\\b`).test(source)) found.add(resourceKey(definition));
  for (const [key, descriptor] of Object.entries(builtinResources))
    if (source.includes(`builtinResources.${key}`)) found.add(resourceKey(descriptor));
  for (const [, kind = ''] of source.matchAll(typedCall)) {
    const plural = `${kind.toLowerCase()}${kind.endsWith('s') ? 'es' : 's'}`;
    found.add(`${typedGroups[kind] ?? 'core'}/${plural}`);
  }
  return found;
}

/**
 * Grants no code names because a wildcard grant brings them: the grant on every group and resource
 * (`*` in both) is the restore's, which creates whatever kinds the backups hold, and creating the
 * RBAC objects of a backup takes `escalate` and `bind` on Roles and ClusterRoles beside it.
 */
export function namedByWildcard(granted: readonly string[], resource: string): boolean {
  if (resource === '*/*') return true;
  return granted.includes('*/*') && ['rbac.authorization.k8s.io/roles', 'rbac.authorization.k8s.io/clusterroles'].includes(resource);
}

/** `group/resource` of a flattened grant (`core/pods:list`, `x/y/status:update` → `x/y`). */
export const grantedResource = (grant: string): string => (grant.split(':')[0]?.split('#')[0] ?? '').split('/').slice(0, 2).join('/');
