// What loading a Backup's resource policies came to, and Velero's validation texts for it
// (`internal/resourcepolicies`: `fail to get|read the|validate ResourcePolicies …`). Loading —
// the ConfigMap GET, parsing, validation — is the caller's (the policy service or the volume
// policy lib); the outcome is plain data.

/** Where the failing ConfigMap came from: the Backup's `spec.resourcePolicy`, or the server-wide volume policies. */
export const PolicyConfigMapOrigin = { Backup: 'backup', Global: 'global' } as const;
/** One of {@link PolicyConfigMapOrigin}. */
export type PolicyConfigMapOrigin = (typeof PolicyConfigMapOrigin)[keyof typeof PolicyConfigMapOrigin];

/** The step that failed: the GET, reading the document (one data key, YAML decoding), or validating it. */
export const PolicyLoadStage = { Get: 'get', Read: 'read', Validate: 'validate' } as const;
/** One of {@link PolicyLoadStage}. */
export type PolicyLoadStage = (typeof PolicyLoadStage)[keyof typeof PolicyLoadStage];

/** A failed load, structured; {@link resourcePolicyErrorMessage} words it as Velero does. */
export interface PolicyLoadFailure {
  readonly stage: PolicyLoadStage;
  readonly origin: PolicyConfigMapOrigin;
  /** The ConfigMap (the Backup's namespace for `backup`, the server's for `global`). */
  readonly configMap: { readonly namespace: string; readonly name: string };
  /** The cause, e.g. `configmaps "p" not found`, `illegal resource policies ns/p configmap`. */
  readonly detail: string;
}

/**
 * The outcome of loading a Backup's resource policies:
 * - `none`: no ConfigMap reference (or a kind other than configmap, ignored on backups);
 * - `loaded`: usable; whether the document has an `includeExcludePolicy` and filter policies
 *   (non-empty `namespacedFilterPolicies` or a `clusterScopedFilterPolicy`);
 * - `failed`: structured, worded here;
 * - `reported`: a loader's message already in Velero's wording (e.g. the policy service's error
 *   reply), used verbatim.
 */
export type ResourcePoliciesOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'loaded'; readonly includeExcludePolicy: boolean; readonly filterPolicies: boolean }
  | { readonly kind: 'failed'; readonly failure: PolicyLoadFailure }
  | { readonly kind: 'reported'; readonly message: string };

/**
 * Velero's validation error for a failed load. For the Backup's own ConfigMap Velero names the
 * ConfigMap when the GET fails but — its quirk, kept so messages match — the Backup
 * (`<namespace>/<backup>`) when reading or validating fails:
 * `fail to get ResourcePolicies <ns>/<configmap> ConfigMap: <detail>`,
 * `fail to read the ResourcePolicies from ConfigMap <ns>/<backup>: <detail>`,
 * `fail to validate ResourcePolicies in ConfigMap <ns>/<backup>: <detail>`; the global ConfigMap's
 * texts (`fail to get global backup volume policies ConfigMap …`) name the ConfigMap. Pure.
 */
export function resourcePolicyErrorMessage(
  failure: PolicyLoadFailure,
  backup: { readonly namespace: string; readonly name: string },
): string {
  const configMap = `${failure.configMap.namespace}/${failure.configMap.name}`;
  if (failure.origin === PolicyConfigMapOrigin.Global) {
    const global = {
      get: `fail to get global backup volume policies ConfigMap ${configMap}`,
      read: `fail to read global backup volume policies from ConfigMap ${configMap}`,
      validate: `fail to validate global backup volume policies in ConfigMap ${configMap}`,
    };
    return `${global[failure.stage]}: ${failure.detail}`;
  }
  const backupRef = `${backup.namespace}/${backup.name}`;
  const own = {
    get: `fail to get ResourcePolicies ${configMap} ConfigMap`,
    read: `fail to read the ResourcePolicies from ConfigMap ${backupRef}`,
    validate: `fail to validate ResourcePolicies in ConfigMap ${backupRef}`,
  };
  return `${own[failure.stage]}: ${failure.detail}`;
}

/** Velero's text when an includeExcludePolicy meets the old resource filters. */
export const includeExcludePolicyWithOldFilters =
  'include-resources, exclude-resources and include-cluster-resources are old filter parameters.\nThey cannot be used with include-exclude policies.';

/** Velero's text when filter policies meet the old resource filters. */
export const filterPoliciesWithOldFilters =
  'include-resources, exclude-resources and include-cluster-resources are old filter parameters.\nThey cannot be used with namespace-scoped or fine-grained global filter policies.';
