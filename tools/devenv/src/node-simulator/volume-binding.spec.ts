import type { V1PersistentVolumeClaim, V1StorageClass } from '@kubernetes/client-node';
import { nodeObject, simulatedNodes } from './node-registrar';
import { simulatorLayout } from './simulator-layout';
import { claimRefMatches, provisionedVolume } from './volume-binding';

const claim: V1PersistentVolumeClaim = {
  metadata: { name: 'data', namespace: 'app', uid: 'u-1', resourceVersion: '7' },
  spec: { accessModes: ['ReadOnlyMany'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'fast' },
};
const storageClass = (volumeBindingMode: string, reclaimPolicy?: string): V1StorageClass => ({
  metadata: { name: 'fast' },
  provisioner: 'hostpath.csi.ferry.dev',
  volumeBindingMode,
  reclaimPolicy,
});

describe('volume binding - provisioned PV', () => {
  it('carries the claim, class and CSI source, and the selected node for WaitForFirstConsumer', () => {
    const pv = provisionedVolume({
      claim,
      storageClass: storageClass('WaitForFirstConsumer', 'Retain'),
      name: 'pvc-u-1',
      volumeHandle: 'pvc-u-1',
      selectedNode: 'ferry-node-2',
    });
    expect(pv.spec).toMatchObject({
      capacity: { storage: '5Gi' },
      accessModes: ['ReadOnlyMany'],
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: 'fast',
      claimRef: { namespace: 'app', name: 'data', uid: 'u-1' },
      csi: { driver: 'hostpath.csi.ferry.dev', volumeHandle: 'pvc-u-1' },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['ferry-node-2'] }] }],
        },
      },
    });
  });

  it('has no node affinity for Immediate classes and defaults the reclaim policy to Delete', () => {
    const pv = provisionedVolume({
      claim,
      storageClass: storageClass('Immediate'),
      name: 'pv',
      volumeHandle: 'pv',
      selectedNode: 'ferry-node-1',
    });
    expect(pv.spec?.nodeAffinity).toBeUndefined();
    expect(pv.spec?.persistentVolumeReclaimPolicy).toBe('Delete');
  });

  it('matches claim references by namespace and name, and by UID when the reference has one', () => {
    expect(claimRefMatches({ namespace: 'app', name: 'data' }, claim)).toBe(true);
    expect(claimRefMatches({ namespace: 'app', name: 'data', uid: 'u-1' }, claim)).toBe(true);
    expect(claimRefMatches({ namespace: 'app', name: 'data', uid: 'other' }, claim)).toBe(false);
    expect(claimRefMatches({ namespace: 'other', name: 'data' }, claim)).toBe(false);
    expect(claimRefMatches(undefined, claim)).toBe(false);
  });
});

describe('node registrar - simulated nodes', () => {
  it('names nodes, spreads them over zones and roots them in the layout', () => {
    const nodes = simulatedNodes(simulatorLayout('/state'), 3);
    expect(nodes.map((node) => [node.name, node.zone, node.root])).toEqual([
      ['ferry-node-1', 'ferry-zone-a', '/state/nodes/ferry-node-1'],
      ['ferry-node-2', 'ferry-zone-b', '/state/nodes/ferry-node-2'],
      ['ferry-node-3', 'ferry-zone-c', '/state/nodes/ferry-node-3'],
    ]);
    const [first] = nodes;
    expect(first && nodeObject(first).metadata?.labels).toMatchObject({
      'kubernetes.io/hostname': 'ferry-node-1',
      'kubernetes.io/os': 'linux',
      'topology.kubernetes.io/zone': 'ferry-zone-a',
    });
  });
});
