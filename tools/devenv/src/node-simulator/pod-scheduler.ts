import { PatchStrategy, setHeaderOptions, type V1Pod } from '@kubernetes/client-node';
import { isConflict, toKubeError, objectKey, splitObjectKey, type Controller } from '@ferry/kube';
import { planPlacement } from './pod-placement';
import {
  isPodTerminal,
  simulatorNames,
  type SimulatorContext,
  type SimulatorController,
  createSimulatorController,
} from './simulator-context';

const strategicMerge = setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch);
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** True for pods this scheduler must place. */
function needsScheduling(pod: V1Pod): boolean {
  const schedulerName = pod.spec?.schedulerName ?? 'default-scheduler';
  return !pod.spec?.nodeName && !pod.metadata?.deletionTimestamp && !isPodTerminal(pod) && schedulerName === 'default-scheduler';
}

async function selectNode(context: SimulatorContext, namespace: string, claimNames: readonly string[], node: string): Promise<void> {
  for (const name of claimNames) {
    if (context.informers.persistentVolumeClaims.get(namespace, name)?.metadata?.annotations?.[simulatorNames.selectedNodeAnnotation])
      continue;
    const body = { metadata: { annotations: { [simulatorNames.selectedNodeAnnotation]: node } } };
    try {
      await context.client.core.patchNamespacedPersistentVolumeClaim({ name, namespace, body }, mergePatch);
    } catch (error) {
      throw toKubeError(error, `annotate selected node ${node} on claim ${namespace}/${name}`);
    }
  }
}

async function markUnschedulable(context: SimulatorContext, pod: V1Pod, message: string): Promise<void> {
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
    await context.client.core.patchNamespacedPodStatus({ name, namespace, body: { status: { conditions: [condition] } } }, strategicMerge);
  } catch (error) {
    throw toKubeError(error, `mark pod ${namespace}/${name} unschedulable`);
  }
  await context.events.record(pod, 'Warning', 'FailedScheduling', message);
}

async function bind(context: SimulatorContext, pod: V1Pod, node: string): Promise<void> {
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
}

async function reconcile(context: SimulatorContext, key: string): Promise<void> {
  const { namespace, name } = splitObjectKey(key);
  const pod = context.informers.pods.get(namespace, name);
  if (!pod || !needsScheduling(pod)) return;
  const placement = planPlacement(context, pod);
  if (placement.kind === 'unschedulable') await markUnschedulable(context, pod, placement.message);
  else if (placement.kind === 'bind') await bind(context, pod, placement.node);
  else if (placement.kind === 'select-node') await selectNode(context, namespace ?? '', placement.claims, placement.node);
}

/** Enqueues pods to place, and the pending ones again when a claim or node changes. */
function watchPods(context: SimulatorContext, controller: Controller): void {
  const { pods, persistentVolumeClaims: claims, nodes } = context.informers;
  const enqueuePending = (namespace?: string) => {
    for (const pod of pods.list(namespace)) if (needsScheduling(pod)) controller.enqueue(objectKey(pod));
  };
  pods.on('add', (pod) => void (needsScheduling(pod) && controller.enqueue(objectKey(pod))));
  pods.on('update', (pod) => void (needsScheduling(pod) && controller.enqueue(objectKey(pod))));
  // A pod frees capacity or a claim binds: pods waiting in that namespace may now fit.
  claims.on('add', (claim) => enqueuePending(claim.metadata?.namespace));
  claims.on('update', (claim) => enqueuePending(claim.metadata?.namespace));
  nodes.on('update', () => enqueuePending());
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
  const controller = createSimulatorController(context, {
    name: 'scheduler',
    reconcile: (key) => reconcile(context, key),
    resyncKeys: () => context.informers.pods.list().filter(needsScheduling).map(objectKey),
  });
  return {
    name: 'scheduler',
    start() {
      controller.start();
      watchPods(context, controller);
    },
    async stop() {
      await controller.stop();
    },
  };
}
