// `podResources` evaluated as Velero's kube.ParseResourceRequirements does: all six fields are
// quantities, an empty cpu/memory field is a parse error that makes Velero ignore the whole block,
// an empty ephemeral field means "0", "0" means unset, and a request above its limit is rejected.
import type { PodResourcesConfig } from '@ferry/api';
import { compareQuantities, isZeroQuantity, parseQuantity, type Quantity } from '@ferry/kube-values';
import { ConfigIssueCode, type ConfigIssue } from './errors';

/** Kubernetes resource requirements for data-mover pods; absent names are unset. */
export interface PodResourceRequirements {
  readonly requests: Readonly<Record<string, string>>;
  readonly limits: Readonly<Record<string, string>>;
}

/** Outcome of {@link evaluatePodResources}: requirements (undefined = none/ignored) and issues. */
export interface PodResourcesEvaluation {
  readonly resources: PodResourceRequirements | undefined;
  readonly issues: readonly ConfigIssue[];
}

const resources = [
  { name: 'cpu', request: 'cpuRequest', limit: 'cpuLimit', emptyMeansZero: false, example: '500m or 1' },
  { name: 'memory', request: 'memoryRequest', limit: 'memoryLimit', emptyMeansZero: false, example: '512Mi or 1Gi' },
  { name: 'ephemeral-storage', request: 'ephemeralStorageRequest', limit: 'ephemeralStorageLimit', emptyMeansZero: true, example: '1Gi' },
] as const;

/** Evaluates a `podResources` block (pure). `undefined` in, no resources and no issues out. */
export function evaluatePodResources(config: PodResourcesConfig | undefined): PodResourcesEvaluation {
  if (!config) return { resources: undefined, issues: [] };
  const issues: ConfigIssue[] = [];
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  for (const resource of resources) {
    const request = quantityOf(config, resource.request, resource.emptyMeansZero, resource.example, issues);
    const limit = quantityOf(config, resource.limit, resource.emptyMeansZero, resource.example, issues);
    if (!request || !limit) continue;
    if (!isZeroQuantity(request.quantity)) requests[resource.name] = request.text;
    if (!isZeroQuantity(limit.quantity)) limits[resource.name] = limit.text;
    if (!isZeroQuantity(limit.quantity) && compareQuantities(request.quantity, limit.quantity) > 0) {
      issues.push({
        severity: 'error',
        code: ConfigIssueCode.RequestAboveLimit,
        path: `podResources.${resource.request}`,
        message: `${resource.name} request '${request.text}' is above its limit podResources.${resource.limit} '${limit.text}'; Velero ignores the whole podResources block`,
        fix: `lower podResources.${resource.request} or raise podResources.${resource.limit} ("0" means no limit)`,
      });
    }
  }
  return { resources: issues.length > 0 ? undefined : { requests, limits }, issues };
}

function quantityOf(
  config: PodResourcesConfig,
  field: keyof PodResourcesConfig,
  emptyMeansZero: boolean,
  example: string,
  issues: ConfigIssue[],
): { text: string; quantity: Quantity } | undefined {
  const raw = config[field] ?? '';
  const text = raw === '' && emptyMeansZero ? '0' : raw;
  const path = `podResources.${field}`;
  if (text === '') {
    issues.push({
      severity: 'warning',
      code: ConfigIssueCode.EmptyQuantity,
      path,
      message: `${field} is empty or missing, which Velero cannot parse: the whole podResources block is ignored and data-mover pods get no requests or limits`,
      fix: `set ${path} to "0" for unset, or to a quantity such as ${example}`,
    });
    return undefined;
  }
  const parsed = parseQuantity(text);
  if (!parsed.ok) {
    issues.push({
      severity: 'error',
      code: ConfigIssueCode.BadQuantity,
      path,
      message: `'${text}' is not a Kubernetes quantity (${parsed.message})`,
      fix: `use a quantity such as ${example} ("0" means unset)`,
    });
    return undefined;
  }
  return { text, quantity: parsed.quantity };
}
