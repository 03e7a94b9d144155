// Loading a Backup's resource policies for validation and collection: the ConfigMap its
// `spec.resourcePolicy` names (kind configmap in any case, the Backup's namespace, exactly one data
// key), parsed strictly. The outcome is plain data for @ferry/backup's `validateBackup`, which
// words failures as Velero (`fail to get|read the|validate ResourcePolicies …`).
import type { Backup } from '@ferry/api';
import { PolicyConfigMapOrigin, PolicyLoadStage, type ResourcePoliciesOutcome } from '@ferry/backup';
import { getOrUndefined, type KubeClient } from '@ferry/kube';
import {
  formatPolicyIssue,
  isConfigMapPolicyReference,
  parseResourcePolicies,
  isDecodingIssue,
  policyDocumentFromConfigMap,
  type ResourcePolicies,
} from '@ferry/volume-policy';

/** The outcome for validation, and the parsed document when it loaded. */
export interface LoadedResourcePolicies {
  readonly outcome: ResourcePoliciesOutcome;
  readonly policies?: ResourcePolicies;
}

/**
 * Loads `backup`'s resource policies with one ConfigMap GET. A missing ConfigMap, a bad data key
 * or an invalid document is a `failed` outcome; an API failure other than NotFound rejects (the
 * reconcile retries).
 */
export async function loadResourcePolicies(kube: KubeClient, backup: Backup): Promise<LoadedResourcePolicies> {
  const reference = backup.spec?.resourcePolicy;
  if (!reference || !isConfigMapPolicyReference(reference)) return { outcome: { kind: 'none' } };
  const namespace = backup.metadata.namespace ?? '';
  const configMap = { namespace, name: reference.name };
  const failed = (stage: PolicyLoadStage, detail: string): LoadedResourcePolicies => ({
    outcome: { kind: 'failed', failure: { stage, origin: PolicyConfigMapOrigin.Backup, configMap, detail } },
  });
  const found = await getOrUndefined(`get ConfigMap ${namespace}/${reference.name}`, () =>
    kube.core.readNamespacedConfigMap({ namespace, name: reference.name }),
  );
  if (!found) return failed(PolicyLoadStage.Get, `configmaps "${reference.name}" not found`);
  const document = policyDocumentFromConfigMap({ metadata: configMap, data: found.data ?? null });
  if (!document.ok) return failed(PolicyLoadStage.Read, document.message);
  const parsed = parseResourcePolicies(document.text);
  if (!parsed.ok) {
    const stage = parsed.issues.some((issue) => isDecodingIssue(issue)) ? PolicyLoadStage.Read : PolicyLoadStage.Validate;
    return failed(stage, parsed.issues.map((issue) => `data["${document.key}"] ${formatPolicyIssue(issue)}`).join('; '));
  }
  const policies = parsed.policies;
  return {
    outcome: {
      kind: 'loaded',
      includeExcludePolicy: policies.includeExcludePolicy !== undefined,
      filterPolicies: (policies.namespacedFilterPolicies?.length ?? 0) > 0 || policies.clusterScopedFilterPolicy !== undefined,
    },
    policies,
  };
}
