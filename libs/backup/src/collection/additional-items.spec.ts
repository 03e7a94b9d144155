import { podRelatedItems, pvcForArchive, pvcRelatedItems } from './additional-items';

const boundClaim = (spec: Record<string, unknown>, labels?: Record<string, string>) => ({
  metadata: { namespace: 'app', name: 'data', ...(labels ? { labels } : {}) },
  spec: { volumeName: 'pv-1', ...spec },
  status: { phase: 'Bound' },
});

describe('additional items - pods and PVCs (Velero’s pod and PVC actions)', () => {
  it('adds a pod’s PriorityClass and each PVC volume', () => {
    const pod = {
      metadata: { namespace: 'app', name: 'p' },
      spec: {
        priorityClassName: 'high',
        volumes: [
          { name: 'a', persistentVolumeClaim: { claimName: 'data' } },
          { name: 'b', emptyDir: {} },
        ],
      },
    };
    expect(podRelatedItems(pod)).toEqual([
      { groupResource: 'priorityclasses.scheduling.k8s.io', namespace: '', name: 'high' },
      { groupResource: 'persistentvolumeclaims', namespace: 'app', name: 'data' },
    ]);
    expect(podRelatedItems({ metadata: { name: 'bare' } })).toEqual([]);
  });

  it('adds the PV of a bound PVC only', () => {
    expect(pvcRelatedItems(boundClaim({}))).toEqual([{ groupResource: 'persistentvolumes', namespace: '', name: 'pv-1' }]);
    expect(pvcRelatedItems({ ...boundClaim({}), status: { phase: 'Pending' } })).toEqual([]);
  });

  it('archives a bound PVC without its data source, provisioning selector and stale Velero labels', () => {
    const claim = boundClaim(
      {
        dataSource: { kind: 'VolumeSnapshot' },
        dataSourceRef: { kind: 'VolumeSnapshot' },
        selector: { matchLabels: { a: 'b' } },
        storageClassName: 'standard',
      },
      { app: 'web', 'velero.io/restore-name': 'r', 'velero.io/backup-name': 'old', 'velero.io/volume-snapshot-name': 's' },
    );
    expect(pvcForArchive(claim, 'b1')).toEqual({
      metadata: { namespace: 'app', name: 'data', labels: { app: 'web' } },
      spec: { volumeName: 'pv-1', storageClassName: 'standard' },
      status: { phase: 'Bound' },
    });
    expect(claim.spec).toHaveProperty('dataSource');
  });

  it('keeps the selector (without velero.io/ keys) when storageClassName is "", and drops an emptied label map', () => {
    const claim = boundClaim(
      { storageClassName: '', selector: { matchLabels: { 'velero.io/x': '1', keep: '2' } } },
      { 'velero.io/backup-name': 'old' },
    );
    expect(pvcForArchive(claim, 'b1')).toEqual({
      metadata: { namespace: 'app', name: 'data' },
      spec: { volumeName: 'pv-1', storageClassName: '', selector: { matchLabels: { keep: '2' } } },
      status: { phase: 'Bound' },
    });
    expect(pvcForArchive(boundClaim({}, { 'velero.io/backup-name': 'b1' }), 'b1').metadata).toEqual({
      namespace: 'app',
      name: 'data',
      labels: { 'velero.io/backup-name': 'b1' },
    });
  });
});
