// Velero's restore item actions for API registration objects: APIServiceAction
// (pkg/restore/actions/apiservice_action.go), which leaves Kubernetes-managed APIServices alone,
// and AdmissionWebhookConfigurationAction (admissionwebhook_config_action.go), which resets
// `sideEffects` values v1 no longer accepts (velero#3516).
import { asObject, stringMapOf, type ItemJson } from './item-json';
import { accessorError } from './unstructured-access';
import type { ActionOutput } from './workload-actions';

/** The label kube-aggregator puts on the APIServices it manages (`autoregister.AutoRegisterManagedLabel`). */
export const apiServiceManagedLabel = 'kube-aggregator.kubernetes.io/automanaged';

/** Velero's log line for an APIService the action discards. */
export const apiServiceSkipReason = 'Skipping restore of APIService as it is managed by Kubernetes';

/** A restore item action's answer that may say why it discarded the item. */
export interface SkippingActionOutput extends ActionOutput {
  /** Velero's log line for the skip. */
  readonly skipReason?: string;
}

/** An APIService carrying the managed label (any value) is not restored; others pass unchanged. Pure. */
export function apiServiceAction(apiService: ItemJson): SkippingActionOutput {
  const labels = stringMapOf(apiService, 'labels') ?? {};
  if (!Object.hasOwn(labels, apiServiceManagedLabel)) return { item: apiService };
  return { item: apiService, skip: true, skipReason: apiServiceSkipReason };
}

/** The `sideEffects` values admissionregistration.k8s.io/v1 accepts. */
const validSideEffects: readonly unknown[] = ['None', 'NoneOnDryRun'];

/**
 * For an admissionregistration.k8s.io/v1 Mutating/ValidatingWebhookConfiguration, every webhook
 * whose `sideEffects` is not `None` or `NoneOnDryRun` (missing included) gets `None`; a webhook
 * entry that is not an object is dropped, as Velero's conversion drops it. Other versions and
 * items without `webhooks` pass unchanged. Throws Velero's error when `apiVersion` is not a
 * string or `webhooks` is not a list. Pure.
 */
export function admissionWebhookConfigurationAction(configuration: ItemJson): ActionOutput {
  const apiVersion = configuration['apiVersion'];
  if (apiVersion !== undefined && typeof apiVersion !== 'string')
    throw new Error(`failed to get the apiVersion from input item: ${accessorError(['apiVersion'], apiVersion, 'string')}`);
  if (apiVersion !== 'admissionregistration.k8s.io/v1' || !Object.hasOwn(configuration, 'webhooks')) return { item: configuration };
  const webhooks = configuration['webhooks'];
  if (!Array.isArray(webhooks))
    throw new Error(`failed to get webhooks slice from input item: ${accessorError(['webhooks'], webhooks, '[]interface{}')}`);
  const reset = webhooks.flatMap((webhook: unknown) => {
    const fields = asObject(webhook);
    if (!fields) return [];
    return [validSideEffects.includes(fields['sideEffects']) ? fields : { ...fields, sideEffects: 'None' }];
  });
  return { item: { ...configuration, webhooks: reset } };
}
