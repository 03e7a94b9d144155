// Where a Backup's volume policies come from, as in Velero: the ConfigMap its
// `spec.resourcePolicy` names (kind `configmap`, any case, in the Backup's namespace, exactly one
// data key), then the optional cluster-wide ConfigMap whose volume policies are appended. Errors
// keep Velero's message prefixes and add the parser's path, line and column.
import type { BackupSpec } from '@ferry/api';
import { builtinResources } from '@ferry/kube';
import {
  checkFilterPolicyCompatibility,
  checkIncludeExcludeCompatibility,
  combinePolicies,
  formatPolicyIssue,
  isConfigMapPolicyReference,
  parseResourcePolicies,
  isDecodingIssue,
  PolicyOrigin,
  policyDocumentFromConfigMap,
  type PolicyIssue,
  type ResourcePolicies,
} from '@ferry/volume-policy';
import type { ClusterReader } from './cluster-reader';
import { InvalidGlobalPoliciesError, InvalidResourcePoliciesError } from './errors';

/** One ConfigMap whose policies a plan used. */
export interface PolicySource {
  readonly origin: PolicyOrigin;
  readonly configMap: { readonly namespace: string; readonly name: string };
  readonly key: string;
  readonly volumePolicies: number;
}

/** The combined policies of a Backup (absent when it has none) and where they came from. */
export interface LoadedPolicies {
  readonly policies?: ResourcePolicies;
  readonly sources: readonly PolicySource[];
}

/** The cluster-wide policy ConfigMap, when the service has one configured. */
export interface GlobalPoliciesRef {
  readonly namespace: string;
  readonly name: string;
}

interface ConfigMapObject {
  readonly metadata?: { readonly namespace?: string; readonly name?: string };
  readonly data?: Record<string, string> | null;
}

/** Velero's wording for each stage, for the Backup's own ConfigMap and for the global one. */
const wording = {
  [PolicyOrigin.Backup]: {
    get: (ref: string) => `fail to get ResourcePolicies ${ref} ConfigMap`,
    read: (ref: string) => `fail to read the ResourcePolicies from ConfigMap ${ref}`,
    validate: (ref: string) => `fail to validate ResourcePolicies in ConfigMap ${ref}`,
  },
  [PolicyOrigin.Global]: {
    get: (ref: string) => `fail to get global backup volume policies ConfigMap ${ref}`,
    read: (ref: string) => `fail to read global backup volume policies from ConfigMap ${ref}`,
    validate: (ref: string) => `fail to validate global backup volume policies in ConfigMap ${ref}`,
  },
} as const;

/**
 * Loads and combines the Backup's policies. One GET for the Backup's ConfigMap (when
 * `spec.resourcePolicy` is a ConfigMap reference; other kinds are ignored) and one for the
 * global ConfigMap (when configured). Throws {@link InvalidResourcePoliciesError} (Backup's
 * ConfigMap missing, not one data key, invalid document, or an includeExcludePolicy or filter
 * policy combined with the old resource filters), {@link InvalidGlobalPoliciesError} (same for the global one),
 * or `ClusterReadError` when the API server fails.
 */
export async function loadBackupPolicies(
  reader: ClusterReader,
  backupNamespace: string,
  spec: BackupSpec,
  global: GlobalPoliciesRef | undefined,
): Promise<LoadedPolicies> {
  const reference = spec.resourcePolicy;
  const own =
    reference && isConfigMapPolicyReference(reference)
      ? await loadConfigMap(reader, { namespace: backupNamespace, name: reference.name }, PolicyOrigin.Backup)
      : undefined;
  if (own) {
    const incompatible = checkIncludeExcludeCompatibility(own.policies, spec) ?? checkFilterPolicyCompatibility(own.policies, spec);
    if (incompatible) throw new InvalidResourcePoliciesError(`${wording.backup.validate(refText(own.source.configMap))}: ${incompatible}`);
  }
  const shared = global ? await loadConfigMap(reader, global, PolicyOrigin.Global) : undefined;
  const policies = combinePolicies(own?.policies, shared?.policies);
  return { ...(policies ? { policies } : {}), sources: [own?.source, shared?.source].filter((s) => s !== undefined) };
}

async function loadConfigMap(
  reader: ClusterReader,
  ref: GlobalPoliciesRef,
  origin: PolicyOrigin,
): Promise<{ policies: ResourcePolicies; source: PolicySource }> {
  const text = refText(ref);
  const words = wording[origin];
  const fail = (message: string, issues: readonly PolicyIssue[] = []): Error =>
    origin === PolicyOrigin.Global ? new InvalidGlobalPoliciesError(message, issues) : new InvalidResourcePoliciesError(message, issues);

  const configMap = await reader.find<ConfigMapObject>(builtinResources.configMaps, ref.namespace, ref.name);
  if (!configMap) throw fail(`${words.get(text)}: configmaps "${ref.name}" not found`);
  const document = policyDocumentFromConfigMap({ ...configMap, metadata: { namespace: ref.namespace, name: ref.name } });
  if (!document.ok) throw fail(`${words.read(text)}: ${document.message}`);
  const parsed = parseResourcePolicies(document.text, { origin });
  if (!parsed.ok) {
    const readIssues = parsed.issues.filter((issue) => isDecodingIssue(issue));
    const stage = readIssues.length > 0 ? words.read(text) : words.validate(text);
    const located = parsed.issues.map((issue) => `data["${document.key}"] ${formatPolicyIssue(issue)}`).join('; ');
    throw fail(`${stage}: ${located}`, parsed.issues);
  }
  return {
    policies: parsed.policies,
    source: {
      origin,
      configMap: { namespace: ref.namespace, name: ref.name },
      key: document.key,
      volumePolicies: parsed.policies.volumePolicies.length,
    },
  };
}

function refText(ref: { readonly namespace: string; readonly name: string }): string {
  return `${ref.namespace}/${ref.name}`;
}
