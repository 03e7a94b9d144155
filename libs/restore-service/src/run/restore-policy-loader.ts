// The Restore's `spec.resourcePolicy` read (a ConfigMap in the Restore's namespace, kind
// `configmap` case-insensitively; other kinds ignored as on backups), parsed by
// @ferry/volume-policy, and summed up for validation: a restore may only use filter policies.
import type { RestoreSpec } from '@ferry/api';
import { getOrUndefined, type KubeClient } from '@ferry/kube';
import type { RestorePolicyOutcome } from '@ferry/restore';
import {
  isConfigMapPolicyReference,
  isDecodingIssue,
  parseResourcePolicies,
  policyDocumentFromConfigMap,
  type ResourcePolicies,
} from '@ferry/volume-policy';

/** The outcome for validation and, when loaded, the parsed document. */
export interface LoadedRestorePolicy {
  readonly outcome: RestorePolicyOutcome;
  readonly policies?: ResourcePolicies;
}

/** Loads the policy of a Restore in `namespace`; never rejects (a failed GET is an outcome). */
export async function loadRestorePolicy(kube: KubeClient, namespace: string, spec: RestoreSpec): Promise<LoadedRestorePolicy> {
  const reference = spec.resourcePolicy;
  if (!reference || !isConfigMapPolicyReference(reference)) return { outcome: { kind: 'none' } };
  const where = `${namespace}/${reference.name}`;
  let configMap;
  try {
    configMap = await getOrUndefined(`get configmap ${where}`, () =>
      kube.core.readNamespacedConfigMap({ name: reference.name, namespace }),
    );
  } catch (error) {
    return {
      outcome: {
        kind: 'failed',
        message: `fail to get ResourcePolicies ${where} ConfigMap: ${error instanceof Error ? error.message : String(error)}`,
      },
    };
  }
  if (!configMap) {
    return {
      outcome: { kind: 'failed', message: `fail to get ResourcePolicies ${where} ConfigMap: configmaps "${reference.name}" not found` },
    };
  }
  const document = policyDocumentFromConfigMap(configMap);
  if (!document.ok)
    return { outcome: { kind: 'failed', message: `fail to read the ResourcePolicies from ConfigMap ${where}: ${document.message}` } };
  const parsed = parseResourcePolicies(document.text);
  if (!parsed.ok) {
    const detail = parsed.issues.map((issue) => issue.message).join('; ');
    const message = parsed.issues.some(isDecodingIssue)
      ? `fail to read the ResourcePolicies from ConfigMap ${where}: ${detail}`
      : `fail to validate ResourcePolicies in ConfigMap ${where}: ${detail}`;
    return { outcome: { kind: 'failed', message } };
  }
  const { policies } = parsed;
  return {
    outcome: {
      kind: 'loaded',
      volumePolicies: policies.volumePolicies.length > 0,
      includeExcludePolicy: policies.includeExcludePolicy !== undefined,
    },
    policies,
  };
}
