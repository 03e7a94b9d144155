import { PatchStrategy, setHeaderOptions, type V1Node, type V1PersistentVolume, type V1Pod } from '@kubernetes/client-node';
import { isConflict, toKubeError, objectKey, splitObjectKey } from '@ferry/kube';
import { nodeMismatch, NodeMismatch, unschedulableMessage } from './node-selection';
import {
  isPodTerminal,
  podClaimNames,
  simulatorNames,
  type SimulatorContext,
  type SimulatorController,
  createSimulatorController,
} from './simulator-context';

/** What the scheduler decided for a pod. */
type Placement =
  | { readonly kind: 'bind'; readonly node: string }
  | { readonly kind: 'select-node'; readonly node: string; readonly claims: readonly string[] }
  | { readonly kind: 'wait' }
  | { readonly kind: 'unschedulable'; readonly message: string };

const strategicMerge = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** True for pods this scheduler must place. */
function needsScheduling(pod: V1Pod): boolean {
  const schedulerName = pod.spec?.schedulerName ?? 'default-scheduler';
  return !pod.spec?.nodeName && !pod.metadata?.deletionTimestamp && !isPodTerminal(pod) && schedulerName === 'default-scheduler';
}

/**
 * Plays kube-scheduler for the simulated nodes: places pods without `nodeName` on a node that
 * fits (nodeSelector, required node affinity, PV node affinity, readiness, taints), the least
 * loaded first, through the `pods/binding` subresource. For WaitForFirstConsumer claims it picks
 * the node first, writes `volume.kubernetes.io/selected-node` on the claim and binds the pod once
 * the claim is Bound. A pod that cannot be placed gets `PodScheduled=False` (reason
 * `Unschedulable`) and a `FailedScheduling` event, and is retried when claims or nodes change.
 */
export function createPodScheduler(context: SimulatorContext): SimulatorController {
  const { pods, persistentVolumeClaims: claims, persistentVolumes: volumes, storageClasses, nodes } = context.informers;
  const controller = createSimulatorController(context, {
    name: 'scheduler',
    reconcile: (key) => reconcile(key),
    resyncKeys: () => pods.list().filter(needsScheduling).map(objectKey),
  });
  const enqueuePending = (namespace?: string) => {
    for (const pod of pods.list(namespace)) if (needsScheduling(pod)) controller.enqueue(objectKey(pod));
  };

  const plan = (pod: V1Pod): Placement => {
    const namespace = pod.metadata?.namespace ?? '';
    const boundVolumes: V1PersistentVolume[] = [];
    const delayedClaims: string[] = [];
    const selectedNodes = new Set<string>();
    for (const claimName of podClaimNames(pod)) {
      const claim = claims.get(namespace, claimName);
      if (!claim) return { kind: 'unschedulable', message: `persistentvolumeclaim "${claimName}" not found` };
      if (claim.metadata?.deletionTimestamp)
        return { kind: 'unschedulable', message: `persistentvolumeclaim "${claimName}" is being deleted` };
      if (claim.status?.phase === 'Bound' && claim.spec?.volumeName) {
        const volume = volumes.get(undefined, claim.spec.volumeName);
        if (!volume) return { kind: 'wait' };
        boundVolumes.push(volume);
        continue;
      }
      const storageClass = storageClasses.get(undefined, claim.spec?.storageClassName ?? '');
      if (storageClass?.volumeBindingMode !== 'WaitForFirstConsumer' || claim.spec?.volumeName) {
        return {
          kind: 'unschedulable',
          message: `0/${context.nodes.length} nodes are available: pod has unbound immediate PersistentVolumeClaims.`,
        };
      }
      delayedClaims.push(claimName);
      const selected = claim.metadata?.annotations?.[simulatorNames.selectedNodeAnnotation];
      if (selected) selectedNodes.add(selected);
    }
    const mismatches: string[] = [];
    const candidates: V1Node[] = [];
    for (const simulated of context.nodes) {
      const node = nodes.get(undefined, simulated.name);
      if (!node) continue;
      const mismatch =
        nodeMismatch(pod, node, boundVolumes) ??
        ([...selectedNodes].some((name) => name !== simulated.name) ? NodeMismatch.VolumeNodeAffinity : undefined);
      if (mismatch) mismatches.push(mismatch);
      else candidates.push(node);
    }
    const load = (node: V1Node) =>
      pods.list().filter((other) => other.spec?.nodeName === node.metadata?.name && !isPodTerminal(other)).length;
    const [chosen] = candidates.sort((a, b) => load(a) - load(b) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
    if (!chosen) return { kind: 'unschedulable', message: unschedulableMessage(context.nodes.length, mismatches) };
    const node = chosen.metadata?.name ?? '';
    const pendingClaims = delayedClaims.filter((name) => claims.get(namespace, name)?.status?.phase !== 'Bound');
    return pendingClaims.length ? { kind: 'select-node', node, claims: pendingClaims } : { kind: 'bind', node };
  };

  const selectNode = async (namespace: string, claimNames: readonly string[], node: string) => {
    for (const name of claimNames) {
      if (claims.get(namespace, name)?.metadata?.annotations?.[simulatorNames.selectedNodeAnnotation]) continue;
      const body = { metadata: { annotations: { [simulatorNames.selectedNodeAnnotation]: node } } };
      try {
        await context.client.core.patchNamespacedPersistentVolumeClaim({ name, namespace, body }, mergePatch);
      } catch (error) {
        throw toKubeError(error, `annotate selected node ${node} on claim ${namespace}/${name}`);
      }
    }
  };

  const markUnschedulable = async (pod: V1Pod, message: string) => {
    const current = pod.status?.conditions?.find((condition) => condition.type === 'PodScheduled');
    if (current?.status === 'False' && current.reason === 'Unschedulable' && current.message === message) return;
    const { name = '', namespace = '' } = pod.metadata ?? {};
    const condition = {
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message,
      lastProbeTime: null,
      lastTransitionTime: new Date(),
    };
    try {
      await context.client.core.patchNamespacedPodStatus(
        { name, namespace, body: { status: { conditions: [condition] } } },
        strategicMerge,
      );
    } catch (error) {
      throw toKubeError(error, `mark pod ${namespace}/${name} unschedulable`);
    }
    await context.events.record(pod, 'Warning', 'FailedScheduling', message);
  };

  const bind = async (pod: V1Pod, node: string) => {
    const { name = '', namespace = '' } = pod.metadata ?? {};
    try {
      await context.client.core.createNamespacedPodBinding({
        name,
        namespace,
        body: {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name, namespace, uid: pod.metadata?.uid },
          target: { apiVersion: 'v1', kind: 'Node', name: node },
        },
      });
    } catch (error) {
      const failure = toKubeError(error, `bind pod ${namespace}/${name} to ${node}`);
      if (isConflict(failure)) return; // Already bound by an earlier pass.
      throw failure;
    }
    context.logger.info({ pod: `${namespace}/${name}`, node }, 'pod scheduled');
    await context.events.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${node}`);
  };

  const reconcile = async (key: string) => {
    const { namespace, name } = splitObjectKey(key);
    const pod = pods.get(namespace, name);
    if (!pod || !needsScheduling(pod)) return;
    const placement = plan(pod);
    if (placement.kind === 'unschedulable') await markUnschedulable(pod, placement.message);
    else if (placement.kind === 'bind') await bind(pod, placement.node);
    else if (placement.kind === 'select-node') await selectNode(namespace ?? '', placement.claims, placement.node);
  };

  return {
    name: 'scheduler',
    start() {
      controller.start();
      pods.on('add', (pod) => void (needsScheduling(pod) && controller.enqueue(objectKey(pod))));
      pods.on('update', (pod) => void (needsScheduling(pod) && controller.enqueue(objectKey(pod))));
      // A pod frees capacity or a claim binds: pods waiting in that namespace may now fit.
      claims.on('add', (claim) => enqueuePending(claim.metadata?.namespace));
      claims.on('update', (claim) => enqueuePending(claim.metadata?.namespace));
      nodes.on('update', () => enqueuePending());
    },
    async stop() {
      await controller.stop();
    },
  };
}
