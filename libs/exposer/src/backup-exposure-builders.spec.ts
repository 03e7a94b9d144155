import { backupVolumeSize, buildBackupPod, buildBackupPvc, buildBackupVs, buildBackupVsc } from './backup-exposure-builders';
import { ExposerProblemCode, type BuildResult } from './build-result';
import { aBackupInput, aDataUpload, aPodTemplate, aPvc, aVs, aVsc, ferryNs } from './testing';

function valueOf<T>(result: BuildResult<T>): T {
  if (!result.ok) throw new Error(`unexpected problem ${result.problem.code}: ${result.problem.message}`);
  return result.value;
}

const duRef = { apiVersion: 'velero.io/v2alpha1', kind: 'DataUpload', name: 'du-1', uid: 'du-uid', controller: true };

describe('backup exposure - static VolumeSnapshotContent', () => {
  it('reuses the source handle, driver and class with deletionPolicy Delete, bound to VS <du>', () => {
    const vsc = valueOf(buildBackupVsc(aBackupInput(), 'vs-uid'));
    expect(vsc.metadata).toEqual({ name: 'du-1', labels: { 'snapshot.storage.kubernetes.io/managed-by': 'external-snapshotter' } });
    expect(vsc.spec).toEqual({
      deletionPolicy: 'Delete',
      driver: 'hostpath.csi.k8s.io',
      source: { snapshotHandle: 'handle-1' },
      volumeSnapshotClassName: 'csi-vsc',
      volumeSnapshotRef: {
        apiVersion: 'snapshot.storage.k8s.io/v1',
        kind: 'VolumeSnapshot',
        name: 'du-1',
        namespace: ferryNs,
        uid: 'vs-uid',
      },
    });
  });

  it.each([
    ['no snapshot handle', { ...aVsc(), status: { readyToUse: false } }, ExposerProblemCode.SnapshotHandleMissing],
    ['no driver', { ...aVsc(), spec: { ...aVsc().spec, driver: '' } }, ExposerProblemCode.SnapshotDriverMissing],
  ])('reports %s', (_name, sourceVsc, code) => {
    const result = buildBackupVsc(aBackupInput({ sourceVsc }));
    expect(result.ok ? undefined : result.problem.code).toBe(code);
  });
});

describe('backup exposure - VolumeSnapshot', () => {
  it('copies annotations and class, sources VSC <du>, has no owner reference', () => {
    expect(buildBackupVs(aBackupInput())).toEqual({
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshot',
      metadata: { name: 'du-1', namespace: ferryNs, annotations: { 'velero.io/backup-name': 'b1' } },
      spec: { source: { volumeSnapshotContentName: 'du-1' }, volumeSnapshotClassName: 'csi-vsc' },
    });
  });
});

describe('backup exposure - size', () => {
  it.each([
    ['restoreSize when non-zero', '2Gi', '2Gi'],
    ['integer restoreSize', 5_000, '5000'],
    ['PVC request when restoreSize is 0', 0, '1Gi'],
    ['PVC request when restoreSize is 0Gi', '0Gi', '1Gi'],
    ['PVC request when restoreSize is absent', null, '1Gi'],
  ])('uses %s', (_name, restoreSize, expected) => {
    expect(valueOf(backupVolumeSize(aBackupInput({ sourceVs: aVs(restoreSize) })))).toBe(expected);
  });

  it('reports an unknown size', () => {
    const result = backupVolumeSize(aBackupInput({ sourceVs: aVs(null), sourcePvc: aPvc({ resources: {} }) }));
    expect(result.ok ? undefined : result.problem.code).toBe(ExposerProblemCode.VolumeSizeUnknown);
  });
});

describe('backup exposure - backupPVC', () => {
  it.each([
    ['read-write, source class', { readOnly: false, spcNoRelabeling: false }, 'ReadWriteOnce', 'standard'],
    ['read-only, mapped class', { readOnly: true, spcNoRelabeling: false, storageClass: 'fast-ro' }, 'ReadOnlyMany', 'fast-ro'],
  ])('%s', (_name, pvcSettings, accessMode, storageClassName) => {
    const pvc = valueOf(buildBackupPvc(aBackupInput({ pvcSettings })));
    expect(pvc.spec?.accessModes).toEqual([accessMode]);
    expect(pvc.spec?.storageClassName).toBe(storageClassName);
  });

  it('is restored from VS <du>, sized, owned by the DU, with config annotations and no labels', () => {
    const pvcSettings = { readOnly: false, spcNoRelabeling: false, annotations: { 'example.com/tier': 'cold' } };
    const pvc = valueOf(buildBackupPvc(aBackupInput({ pvcSettings, sourcePvc: aPvc({ volumeMode: 'Block' }) })));
    expect(pvc.metadata).toEqual({
      name: 'du-1',
      namespace: ferryNs,
      annotations: { 'example.com/tier': 'cold' },
      ownerReferences: [duRef],
    });
    expect(pvc.spec).toMatchObject({
      volumeMode: 'Block',
      dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'du-1' },
      resources: { requests: { storage: '2Gi' } },
    });
  });

  it('reports a DU without uid', () => {
    const dataUpload = { ...aDataUpload(), metadata: { name: 'du-1' } };
    const result = buildBackupPvc(aBackupInput({ dataUpload }));
    expect(result.ok ? undefined : result.problem.code).toBe(ExposerProblemCode.ObjectIdentityMissing);
  });
});

describe('backup exposure - backupPod', () => {
  it('has the DU and group labels, DU owner, Never restart, grace 0, not-windows affinity and hostname spread', () => {
    const pod = valueOf(
      buildBackupPod(aBackupInput({ podTemplate: aPodTemplate({ labels: { team: 'a', 'velero.io/data-upload': 'spoof' } }) })),
    );
    expect(pod.metadata).toEqual({
      name: 'du-1',
      namespace: ferryNs,
      ownerReferences: [duRef],
      labels: { team: 'a', 'velero.io/data-upload': 'du-1', 'velero.io/exposer-pod-group': 'snapshot-exposer' },
    });
    expect(pod.spec).toMatchObject({
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 0,
      serviceAccountName: 'velero',
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'NotIn', values: ['windows'] }] }],
          },
        },
      },
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: { 'velero.io/exposer-pod-group': 'snapshot-exposer' } },
        },
      ],
    });
    expect(pod.spec?.priorityClassName).toBeUndefined();
    expect(pod.spec?.containers[0]).toMatchObject({
      name: 'du-uid',
      image: 'ferry/mover:dev',
      imagePullPolicy: 'Never',
      command: ['/velero', 'data-mover', 'backup'],
      args: ['--volume-path=/du-uid', '--volume-mode=Filesystem', '--data-upload=du-1', '--resource-timeout=10m'],
    });
  });

  it.each([
    ['read-write', false, false, undefined, undefined],
    ['read-only', true, false, true, undefined],
    ['read-only with spcNoRelabeling', true, true, true, 'spc_t'],
    ['spcNoRelabeling without readOnly', false, true, undefined, undefined],
  ])('%s: mount and SELinux', (_name, readOnly, spcNoRelabeling, mountReadOnly, seLinuxType) => {
    const pod = valueOf(buildBackupPod(aBackupInput({ pvcSettings: { readOnly, spcNoRelabeling } })));
    expect(pod.spec?.volumes).toEqual([
      { name: 'du-uid', persistentVolumeClaim: { claimName: 'du-1', ...(readOnly ? { readOnly: true } : {}) } },
    ]);
    expect(pod.spec?.containers[0]?.volumeMounts).toEqual([
      { name: 'du-uid', mountPath: '/du-uid', ...(mountReadOnly ? { readOnly: true } : {}) },
    ]);
    expect(pod.spec?.securityContext?.seLinuxOptions?.type).toBe(seLinuxType);
  });

  it('applies resources, priority class, annotations, extra args and load affinity', () => {
    const podTemplate = aPodTemplate({
      resources: { requests: { cpu: '100m' } },
      priorityClassName: 'low',
      annotations: { a: 'b' },
      extraArgs: ['--log-level=debug'],
      nodeAffinityTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['backup'] }] }],
    });
    const pod = valueOf(buildBackupPod(aBackupInput({ podTemplate })));
    expect(pod.metadata.annotations).toEqual({ a: 'b' });
    expect(pod.spec?.priorityClassName).toBe('low');
    expect(pod.spec?.containers[0]?.resources).toEqual({ requests: { cpu: '100m' } });
    expect(pod.spec?.containers[0]?.args?.at(-1)).toBe('--log-level=debug');
    expect(pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([
      {
        matchExpressions: [
          { key: 'pool', operator: 'In', values: ['backup'] },
          { key: 'kubernetes.io/os', operator: 'NotIn', values: ['windows'] },
        ],
      },
    ]);
  });

  it('exposes a Block volume as a device', () => {
    const pod = valueOf(buildBackupPod(aBackupInput({ sourcePvc: aPvc({ volumeMode: 'Block' }) })));
    expect(pod.spec?.containers[0]?.volumeDevices).toEqual([{ name: 'du-uid', devicePath: '/du-uid' }]);
    expect(pod.spec?.containers[0]?.args).toContain('--volume-mode=Block');
  });
});
