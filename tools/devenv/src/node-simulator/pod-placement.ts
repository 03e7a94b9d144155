// The pod scheduler's decision (see pod-scheduler.ts), from the informers alone: the pod's claims
// decide which volumes constrain it, then the least loaded fitting node is chosen. Never writes.
import type { V1Node, V1PersistentVolume, V1Pod } from '@kubernetes/client-node';
import { nodeMismatch, NodeMismatch, unschedulableMessage } from './node-selection';
import { isPodTerminal, podClaimNames, simulatorNames, type SimulatorContext } from './simulator-context';

/** What the scheduler decided for a pod. */
export type Placement =
  | { readonly kind: 'bind'; readonly node: string }
  | { readonly kind: 'select-node'; readonly node: string; readonly claims: readonly string[] }
  | { readonly kind: 'wait' }
  | { readonly kind: 'unschedulable'; readonly message: string };

/** What the pod's claims require of a node. */
interface ClaimRequirements {
  readonly kind: 'claims';
  readonly boundVolumes: V1PersistentVolume[];
  readonly delayedClaims: string[];
  readonly selectedNodes: Set<string>;
}

function claimRequirements(context: SimulatorContext, pod: V1Pod): ClaimRequirements | Placement {
  const { persistentVolumeClaims: claims, persistentVolumes: volumes, storageClasses } = context.informers;
  const namespace = pod.metadata?.namespace ?? '';
  const requirements: ClaimRequirements = { kind: 'claims', boundVolumes: [], delayedClaims: [], selectedNodes: new Set<string>() };
  for (const claimName of podClaimNames(pod)) {
    const claim = claims.get(namespace, claimName);
    if (!claim) return { kind: 'unschedulable', message: `persistentvolumeclaim "${claimName}" not found` };
    if (claim.metadata?.deletionTimestamp)
      return { kind: 'unschedulable', message: `persistentvolumeclaim "${claimName}" is being deleted` };
    if (claim.status?.phase === 'Bound' && claim.spec?.volumeName) {
      const volume = volumes.get(undefined, claim.spec.volumeName);
      if (!volume) return { kind: 'wait' };
      requirements.boundVolumes.push(volume);
      continue;
    }
    const storageClass = storageClasses.get(undefined, claim.spec?.storageClassName ?? '');
    if (storageClass?.volumeBindingMode !== 'WaitForFirstConsumer' || claim.spec?.volumeName) {
      return {
        kind: 'unschedulable',
        message: `0/${context.nodes.length} nodes are available: pod has unbound immediate PersistentVolumeClaims.`,
      };
    }
    requirements.delayedClaims.push(claimName);
    const selected = claim.metadata?.annotations?.[simulatorNames.selectedNodeAnnotation];
    if (selected) requirements.selectedNodes.add(selected);
  }
  return requirements;
}

/** The least loaded fitting node (ties by name), or the reasons every node was refused. */
function chooseNode(context: SimulatorContext, pod: V1Pod, requirements: ClaimRequirements): V1Node | string[] {
  const { nodes, pods } = context.informers;
  const mismatches: string[] = [];
  const candidates: V1Node[] = [];
  for (const simulated of context.nodes) {
    const node = nodes.get(undefined, simulated.name);
    if (!node) continue;
    const mismatch =
      nodeMismatch(pod, node, requirements.boundVolumes) ??
      ([...requirements.selectedNodes].some((name) => name !== simulated.name) ? NodeMismatch.VolumeNodeAffinity : undefined);
    if (mismatch) mismatches.push(mismatch);
    else candidates.push(node);
  }
  const load = (node: V1Node) =>
    pods.list().filter((other) => other.spec?.nodeName === node.metadata?.name && !isPodTerminal(other)).length;
  const [chosen] = candidates.sort((a, b) => load(a) - load(b) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  return chosen ?? mismatches;
}

/** Where `pod` goes: bound to a node, a node to select first on its delayed claims, wait, or unschedulable (why). */
export function planPlacement(context: SimulatorContext, pod: V1Pod): Placement {
  const requirements = claimRequirements(context, pod);
  if (requirements.kind !== 'claims') return requirements;
  const chosen = chooseNode(context, pod, requirements);
  if (Array.isArray(chosen)) return { kind: 'unschedulable', message: unschedulableMessage(context.nodes.length, chosen) };
  const node = chosen.metadata?.name ?? '';
  const namespace = pod.metadata?.namespace ?? '';
  const claims = context.informers.persistentVolumeClaims;
  const pendingClaims = requirements.delayedClaims.filter((name) => claims.get(namespace, name)?.status?.phase !== 'Bound');
  return pendingClaims.length ? { kind: 'select-node', node, claims: pendingClaims } : { kind: 'bind', node };
}
