import type { BuildResult } from './build-result';
import { buildRestorePod, buildRestorePvc, planVolumeHandover } from './restore-exposure-builders';
import { aDataDownload, aPodTemplate, aPvc, aRestoreInput, ferryNs } from './testing';

function valueOf<T>(result: BuildResult<T>): T {
  if (!result.ok) throw new Error(`unexpected problem ${result.problem.code}: ${result.problem.message}`);
  return result.value;
}

const ddRef = { apiVersion: 'velero.io/v2alpha1', kind: 'DataDownload', name: 'dd-1', uid: 'dd-uid', controller: true };

describe('restore exposure - restorePVC', () => {
  it('copies access modes, class, volume mode, resources, labels and annotations; owned by the DD', () => {
    const targetPvc = aPvc({
      accessModes: ['ReadWriteMany'],
      storageClassName: 'nfs',
      volumeMode: 'Block',
      resources: { requests: { storage: '3Gi' }, limits: { storage: '5Gi' } },
    });
    expect(valueOf(buildRestorePvc(aRestoreInput({ targetPvc })))).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'dd-1', namespace: ferryNs, labels: { app: 'demo' }, annotations: { note: 'x' }, ownerReferences: [ddRef] },
      spec: {
        accessModes: ['ReadWriteMany'],
        storageClassName: 'nfs',
        volumeMode: 'Block',
        resources: { requests: { storage: '3Gi' }, limits: { storage: '5Gi' } },
      },
    });
  });

  it.each([
    ['Immediate: no selected node', undefined, { note: 'x' }],
    ['WaitForFirstConsumer: selected node set', 'node-2', { note: 'x', 'volume.kubernetes.io/selected-node': 'node-2' }],
  ])('%s', (_name, selectedNode, annotations) => {
    expect(valueOf(buildRestorePvc(aRestoreInput({ selectedNode }))).metadata.annotations).toEqual(annotations);
  });

  it('does not share objects with the target PVC', () => {
    const targetPvc = aPvc();
    const pvc = valueOf(buildRestorePvc(aRestoreInput({ targetPvc })));
    expect(pvc.spec?.resources?.requests).not.toBe(targetPvc.spec?.resources?.requests);
  });

  it('reports a DD without uid', () => {
    const result = buildRestorePvc(aRestoreInput({ dataDownload: { ...aDataDownload(), metadata: { name: 'dd-1' } } }));
    expect(result.ok).toBe(false);
  });
});

describe('restore exposure - restorePod', () => {
  it('runs the restore mover read-write, grouped, owned by the DD', () => {
    const pod = valueOf(buildRestorePod(aRestoreInput({ podTemplate: aPodTemplate({ labels: { team: 'a' } }) })));
    expect(pod.metadata).toEqual({
      name: 'dd-1',
      namespace: ferryNs,
      labels: { team: 'a', 'velero.io/exposer-pod-group': 'generic-restore-exposer' },
      ownerReferences: [ddRef],
    });
    expect(pod.spec).toMatchObject({ restartPolicy: 'Never', terminationGracePeriodSeconds: 0 });
    expect(pod.spec?.containers[0]).toMatchObject({
      name: 'dd-uid',
      command: ['/velero', 'data-mover', 'restore'],
      args: ['--volume-path=/dd-uid', '--volume-mode=Filesystem', '--data-download=dd-1', '--resource-timeout=10m'],
      volumeMounts: [{ name: 'dd-uid', mountPath: '/dd-uid' }],
    });
    expect(pod.spec?.volumes).toEqual([{ name: 'dd-uid', persistentVolumeClaim: { claimName: 'dd-1' } }]);
  });

  it.each([
    ['Immediate: no node selector', undefined, undefined],
    ['WaitForFirstConsumer: pinned to the selected node', 'node-2', { 'kubernetes.io/hostname': 'node-2' }],
  ])('%s', (_name, selectedNode, nodeSelector) => {
    expect(valueOf(buildRestorePod(aRestoreInput({ selectedNode }))).spec?.nodeSelector).toEqual(nodeSelector);
  });
});

describe('restore exposure - PV handover', () => {
  it('retains, removes the intermediates, rebinds, waits, then restores the reclaim policy', () => {
    const steps = planVolumeHandover({
      dataDownloadName: 'dd-1',
      namespace: ferryNs,
      volumeName: 'pv-1',
      originalReclaimPolicy: 'Delete',
      targetPvc: { name: 'data', namespace: 'app' },
    });
    const pv = { kind: 'PersistentVolume', name: 'pv-1' };
    const target = { kind: 'PersistentVolumeClaim', name: 'data', namespace: 'app' };
    expect(steps).toEqual([
      { action: 'setReclaimPolicy', target: pv, policy: 'Retain' },
      { action: 'delete', target: { kind: 'Pod', name: 'dd-1', namespace: ferryNs }, waitUntilGone: true },
      { action: 'delete', target: { kind: 'PersistentVolumeClaim', name: 'dd-1', namespace: ferryNs }, waitUntilGone: true },
      { action: 'bindClaimToVolume', target, volumeName: 'pv-1' },
      { action: 'resetVolumeClaimRef', target: pv, claim: { name: 'data', namespace: 'app' } },
      { action: 'waitClaimBound', target },
      { action: 'setReclaimPolicy', target: pv, policy: 'Delete' },
    ]);
  });
});
