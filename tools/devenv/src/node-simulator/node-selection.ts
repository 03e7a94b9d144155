import type {
  V1Node,
  V1NodeSelectorRequirement,
  V1NodeSelectorTerm,
  V1PersistentVolume,
  V1Pod,
  V1Taint,
  V1Toleration,
} from '@kubernetes/client-node';

/** Why a node cannot take a pod, in the scheduler's own words (they appear in the pod's condition). */
export const NodeMismatch = {
  NodeName: "node(s) didn't match the requested node name",
  NodeAffinity: "node(s) didn't match Pod's node affinity/selector",
  VolumeNodeAffinity: 'node(s) had volume node affinity conflict',
  Unschedulable: 'node(s) were unschedulable',
  NotReady: 'node(s) were not ready',
  Taint: 'node(s) had untolerated taint(s)',
} as const;
export type NodeMismatch = (typeof NodeMismatch)[keyof typeof NodeMismatch];

/** True when `labels` satisfy one selector requirement (In, NotIn, Exists, DoesNotExist, Gt, Lt). Pure. */
export function labelRequirementMatches(labels: Readonly<Record<string, string>>, requirement: V1NodeSelectorRequirement): boolean {
  const value = labels[requirement.key];
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const [bound] = values;
      if (value === undefined || bound === undefined || !/^-?\d+$/.test(value)) return false;
      return requirement.operator === 'Gt' ? Number(value) > Number(bound) : Number(value) < Number(bound);
    }
    default:
      return false;
  }
}

/**
 * True when `node` satisfies the terms: terms are ORed, the expressions and fields of one term
 * ANDed; `matchFields` supports `metadata.name`, the only field Kubernetes allows. An empty term
 * matches nothing, as in Kubernetes. Pure.
 */
export function nodeMatchesTerms(node: V1Node, terms: readonly V1NodeSelectorTerm[]): boolean {
  const labels = node.metadata?.labels ?? {};
  const fields: Record<string, string> = { 'metadata.name': node.metadata?.name ?? '' };
  return terms.some((term) => {
    const expressions = term.matchExpressions ?? [];
    const matchFields = term.matchFields ?? [];
    if (expressions.length === 0 && matchFields.length === 0) return false;
    return (
      expressions.every((requirement) => labelRequirementMatches(labels, requirement)) &&
      matchFields.every((requirement) => labelRequirementMatches(fields, requirement))
    );
  });
}

/** True when every NoSchedule/NoExecute taint of the node is tolerated by the pod. Pure. */
export function toleratesTaints(taints: readonly V1Taint[], tolerations: readonly V1Toleration[]): boolean {
  return taints
    .filter((taint) => taint.effect === 'NoSchedule' || taint.effect === 'NoExecute')
    .every((taint) =>
      tolerations.some(
        (toleration) =>
          (!toleration.effect || toleration.effect === taint.effect) &&
          (toleration.operator === 'Exists'
            ? !toleration.key || toleration.key === taint.key
            : toleration.key === taint.key && (toleration.value ?? '') === (taint.value ?? '')),
      ),
    );
}

/**
 * Whether `pod` may run on `node`: requested node name, nodeSelector, required node affinity,
 * readiness, cordon, taints, and the node affinity of the PVs it mounts. Returns the first
 * mismatch, or undefined when the node fits. Pure.
 */
export function nodeMismatch(pod: V1Pod, node: V1Node, volumes: readonly V1PersistentVolume[]): NodeMismatch | undefined {
  const name = node.metadata?.name ?? '';
  if (pod.spec?.nodeName && pod.spec.nodeName !== name) return NodeMismatch.NodeName;
  const labels = node.metadata?.labels ?? {};
  const selector = pod.spec?.nodeSelector ?? {};
  if (Object.entries(selector).some(([key, value]) => labels[key] !== value)) return NodeMismatch.NodeAffinity;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required && !nodeMatchesTerms(node, required.nodeSelectorTerms)) return NodeMismatch.NodeAffinity;
  if (node.spec?.unschedulable) return NodeMismatch.Unschedulable;
  if (!node.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True'))
    return NodeMismatch.NotReady;
  if (!toleratesTaints(node.spec?.taints ?? [], pod.spec?.tolerations ?? [])) return NodeMismatch.Taint;
  for (const volume of volumes) {
    const terms = volume.spec?.nodeAffinity?.required?.nodeSelectorTerms;
    if (terms && !nodeMatchesTerms(node, terms)) return NodeMismatch.VolumeNodeAffinity;
  }
  return undefined;
}

/**
 * The scheduler's summary, e.g. `0/2 nodes are available: 2 node(s) didn't match Pod's node
 * affinity/selector.` Reasons are counted and sorted like kube-scheduler's FitError. Pure.
 */
export function unschedulableMessage(nodeCount: number, mismatches: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const reason of mismatches) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const reasons = [...counts.entries()].map(([reason, count]) => `${count} ${reason}`).sort();
  return `0/${nodeCount} nodes are available: ${reasons.length ? reasons.join(', ') : 'no nodes registered'}.`;
}
