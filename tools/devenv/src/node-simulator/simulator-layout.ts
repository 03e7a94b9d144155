import { join } from 'node:path';

/** The kubelet plugin folder of CSI volumes under `pods/<uid>/volumes/`, as a real kubelet names it. */
export const csiPluginDirectory = 'kubernetes.io~csi';
/** The plugin folder of emptyDir volumes. */
export const emptyDirPluginDirectory = 'kubernetes.io~empty-dir';

/**
 * Where the simulator keeps data under the environment's state folder:
 * - `storage/volumes/<volumeHandle>`: the data of each provisioned volume (the "disk");
 * - `storage/snapshots/<snapshotHandle>` (+ `.json` metadata): snapshot data;
 * - `nodes/<node>/`: one kubelet root per simulated node, with `pods/<uid>/volumes/<plugin>/<volume>/mount`.
 */
export interface SimulatorLayout {
  readonly volumesRoot: string;
  readonly snapshotsRoot: string;
  readonly nodesRoot: string;
}

/** The layout under `stateDir`. Pure. */
export function simulatorLayout(stateDir: string): SimulatorLayout {
  return {
    volumesRoot: join(stateDir, 'storage', 'volumes'),
    snapshotsRoot: join(stateDir, 'storage', 'snapshots'),
    nodesRoot: join(stateDir, 'nodes'),
  };
}

/** Throws unless `segment` is one safe path element (handles and names come from API objects). */
export function safeSegment(segment: string, what: string): string {
  if (!segment || segment === '.' || segment === '..' || segment.includes('/') || segment.includes('\0')) {
    throw new Error(`unsafe ${what} for a path: ${JSON.stringify(segment)}`);
  }
  return segment;
}

/** The data folder of a volume. */
export function volumeDirectory(layout: SimulatorLayout, volumeHandle: string): string {
  return join(layout.volumesRoot, safeSegment(volumeHandle, 'volume handle'));
}

/** The data folder of a snapshot. */
export function snapshotDirectory(layout: SimulatorLayout, snapshotHandle: string): string {
  return join(layout.snapshotsRoot, safeSegment(snapshotHandle, 'snapshot handle'));
}

/** The kubelet root of a node (what `SimulatedNodeInfo.root` names). */
export function nodeRootDirectory(layout: SimulatorLayout, nodeName: string): string {
  return join(layout.nodesRoot, safeSegment(nodeName, 'node name'));
}

/** `<nodeRoot>/pods/<podUID>`. */
export function podDirectory(layout: SimulatorLayout, nodeName: string, podUid: string): string {
  return join(nodeRootDirectory(layout, nodeName), 'pods', safeSegment(podUid, 'pod UID'));
}

/** `<nodeRoot>/pods/<podUID>/volumes/kubernetes.io~csi/<pvName>/mount`: where a pod's CSI volume is mounted. */
export function csiMountPath(layout: SimulatorLayout, nodeName: string, podUid: string, pvName: string): string {
  return join(podDirectory(layout, nodeName, podUid), 'volumes', csiPluginDirectory, safeSegment(pvName, 'PV name'), 'mount');
}

/** `<nodeRoot>/pods/<podUID>/volumes/kubernetes.io~empty-dir/<volume>`. */
export function emptyDirPath(layout: SimulatorLayout, nodeName: string, podUid: string, volumeName: string): string {
  return join(podDirectory(layout, nodeName, podUid), 'volumes', emptyDirPluginDirectory, safeSegment(volumeName, 'volume name'));
}
