// Where a simulated node keeps a pod's volumes: the folder that plays the kubelet root, laid out
// as the real kubelet does (`<root>/pods/<uid>/volumes/kubernetes.io~csi/<pv>/mount`).
import { join } from 'node:path';
import type { EnvironmentInfo } from './environment-info';

/** The kubelet root of simulated node `nodeName`; throws when the environment has no such node. */
export function simulatedNodeRoot(info: Pick<EnvironmentInfo, 'nodes'>, nodeName: string): string {
  const node = info.nodes.find((candidate) => candidate.name === nodeName);
  if (!node) throw new Error(`${nodeName} is not a simulated node`);
  return node.root;
}

/** `<root>/pods/<uid>/volumes/kubernetes.io~csi/<pv>/mount` on the named node (not created here). */
export function kubeletVolumePath(info: Pick<EnvironmentInfo, 'nodes'>, nodeName: string, podUid: string, pvName: string): string {
  return join(simulatedNodeRoot(info, nodeName), 'pods', podUid, 'volumes', 'kubernetes.io~csi', pvName, 'mount');
}
