import { createHash } from 'node:crypto';
import { release } from 'node:os';
import { PatchStrategy, setHeaderOptions, type V1Node, type V1NodeStatus } from '@kubernetes/client-node';
import { isAlreadyExists, toKubeError } from '@ferry/kube';
import { nodeRootDirectory, type SimulatorLayout } from './simulator-layout';
import { messageOf, simulatorNames, type SimulatedNode, type SimulatorContext, type SimulatorController } from './simulator-context';

/** Kubelet version the simulated nodes report (the API server's minor). */
export const simulatedKubeletVersion = 'v1.36.3';
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const zones = ['a', 'b', 'c'];
const conditionTaintKeys = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

/** The name of the simulated node at `index` (0-based): `ferry-node-<index + 1>`. Pure. */
export function simulatedNodeName(index: number): string {
  return `ferry-node-${index + 1}`;
}

/** The simulated nodes `ferry-node-1..count`, each in its own zone (cycling a, b, c). Pure. */
export function simulatedNodes(layout: SimulatorLayout, count: number): SimulatedNode[] {
  return Array.from({ length: count }, (_unused, index) => {
    const name = simulatedNodeName(index);
    return {
      name,
      index,
      root: nodeRootDirectory(layout, name),
      internalIp: `10.0.0.${index + 10}`,
      zone: `ferry-zone-${zones[index % zones.length]}`,
    };
  });
}

/** The Node object a kubelet would register for `node`. Pure. */
export function nodeObject(node: SimulatedNode): V1Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels: {
        [simulatorNames.hostnameLabel]: node.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': 'amd64',
        'topology.kubernetes.io/zone': node.zone,
        'topology.kubernetes.io/region': 'ferry-region',
        'node.kubernetes.io/instance-type': 'ferry-simulated',
      },
      annotations: { 'ferry.dev/kubelet-root': node.root },
    },
    spec: { podCIDR: `10.244.${node.index}.0/24`, podCIDRs: [`10.244.${node.index}.0/24`], providerID: `ferry://${node.name}` },
  };
}

/** The status of a healthy node, heartbeat at `now`. Pure. */
export function nodeStatus(node: SimulatedNode, now: Date): V1NodeStatus {
  const resources = { cpu: '8', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi' };
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
  });
  const id = createHash('sha256').update(node.name).digest('hex').slice(0, 32);
  return {
    capacity: resources,
    allocatable: resources,
    phase: 'Running',
    conditions: [
      condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status (Ferry node simulator)'),
    ],
    addresses: [
      { type: 'InternalIP', address: node.internalIp },
      { type: 'Hostname', address: node.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: id,
      systemUUID: id,
      bootID: id,
      kernelVersion: release(),
      osImage: 'Ferry simulated node',
      containerRuntimeVersion: 'containerd://2.1.0',
      kubeletVersion: simulatedKubeletVersion,
      kubeProxyVersion: simulatedKubeletVersion,
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
}

/**
 * Registers the simulated nodes (create, or re-label an existing one) and keeps their Ready
 * condition fresh with a heartbeat, like kubelets do. `register` runs once before the other
 * controllers start.
 */
export function createNodeRegistrar(context: SimulatorContext, heartbeatMs = 10_000): SimulatorController & { register(): Promise<void> } {
  const { core } = context.client;
  let timer: NodeJS.Timeout | undefined;
  let beating: Promise<void> = Promise.resolve();

  const writeStatus = async (node: SimulatedNode) => {
    try {
      await core.patchNodeStatus({ name: node.name, body: { status: nodeStatus(node, new Date()) } }, mergePatch);
    } catch (error) {
      throw toKubeError(error, `update status of node ${node.name}`);
    }
  };
  const registerOne = async (node: SimulatedNode) => {
    const body = nodeObject(node);
    try {
      await core.createNode({ body });
    } catch (error) {
      if (!isAlreadyExists(toKubeError(error, `create node ${node.name}`))) throw toKubeError(error, `create node ${node.name}`);
      await core.patchNode(
        { name: node.name, body: { metadata: { labels: body.metadata?.labels, annotations: body.metadata?.annotations } } },
        mergePatch,
      );
    }
    await writeStatus(node);
    await clearConditionTaints(node);
  };
  // The TaintNodesByCondition admission plugin taints new nodes not-ready; without a node lifecycle
  // controller nobody lifts it, so the simulator does (keeping any other taint).
  const clearConditionTaints = async (node: SimulatedNode) => {
    const current = await core.readNode({ name: node.name });
    const taints = current.spec?.taints ?? [];
    const kept = taints.filter((taint) => !conditionTaintKeys.includes(taint.key));
    if (kept.length === taints.length) return;
    await core.patchNode(
      { name: node.name, body: { metadata: { resourceVersion: current.metadata?.resourceVersion }, spec: { taints: kept } } },
      mergePatch,
    );
  };

  return {
    name: 'node-registrar',
    async register() {
      await Promise.all(context.nodes.map(registerOne));
      context.logger.info({ nodes: context.nodes.map((node) => node.name) }, 'nodes registered');
    },
    start() {
      timer = setInterval(() => {
        beating = Promise.all(context.nodes.map(writeStatus)).then(
          () => undefined,
          (error: unknown) => context.logger.warn({ err: messageOf(error) }, 'node heartbeat failed; retrying at the next beat'),
        );
      }, heartbeatMs);
    },
    async stop() {
      clearInterval(timer);
      await beating;
    },
  };
}
