import type { VolumeSnapshotClass } from '@ferry/api';
import { chooseSnapshotClass, type SnapshotClassInput } from './snapshot-class-choice';

const aClass = (
  name: string,
  driver: string,
  meta: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): VolumeSnapshotClass => ({
  apiVersion: 'snapshot.storage.k8s.io/v1',
  kind: 'VolumeSnapshotClass',
  metadata: { name, ...meta },
  driver,
  deletionPolicy: 'Delete',
});

const labelled = aClass('labelled', 'csi.a', { labels: { 'velero.io/csi-volumesnapshot-class': 'false' } });
const annotated = aClass('annotated', 'csi.a', { annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' } });
const plain = aClass('plain', 'csi.a');
const other = aClass('other', 'csi.b');

describe('snapshot class choice - Velero rule after the volume policy', () => {
  it.each<[string, Partial<SnapshotClassInput>, string]>([
    ['the policy class wins', { policyClass: 'PLAIN', classes: [labelled, plain] }, 'plain'],
    [
      'the PVC annotation comes next',
      { claimAnnotations: { 'velero.io/csi-volumesnapshot-class': 'plain' }, classes: [labelled, plain] },
      'plain',
    ],
    [
      'then the Backup annotation for the driver',
      { backupAnnotations: { 'velero.io/csi-volumesnapshot-class_csi.a': 'plain' }, classes: [labelled, plain] },
      'plain',
    ],
    [
      'an annotation naming another driver class is passed over',
      { claimAnnotations: { 'velero.io/csi-volumesnapshot-class': 'other' }, classes: [labelled, other] },
      'labelled',
    ],
    ['the label (any value) before the default annotation', { classes: [annotated, labelled] }, 'labelled'],
    ['the default annotation without a label', { classes: [plain, annotated, other] }, 'annotated'],
    ['the only class of the driver', { classes: [plain, other] }, 'plain'],
  ])('%s', (_, input, name) => {
    expect(chooseSnapshotClass({ driver: 'csi.a', classes: [], ...input })).toEqual({ ok: true, name });
  });

  it.each<[string, Partial<SnapshotClassInput>, RegExp]>([
    [
      'two unmarked classes',
      { classes: [plain, aClass('plain-2', 'csi.a')] },
      /failed to get VolumeSnapshotClass for provisioner csi.a: ensure .*velero.io\/csi-volumesnapshot-class label/,
    ],
    ['no class of the driver', { classes: [other] }, /provisioner csi.a/],
    [
      'a policy class of another driver',
      { policyClass: 'other', classes: [other, plain] },
      /volume policy snapshotClass "other": no VolumeSnapshotClass of that name for driver csi.a/,
    ],
  ])('no choice: %s', (_, input, message) => {
    const choice = chooseSnapshotClass({ driver: 'csi.a', classes: [], ...input });
    expect(choice.ok).toBe(false);
    if (!choice.ok) expect(choice.message).toMatch(message);
  });
});

describe('snapshot class choice - Velero GetVolumeSnapshotClass tables', () => {
  const veleroLabel = (value: string) => ({ labels: { 'velero.io/csi-volumesnapshot-class': value } });
  // In name order, as the API server lists them.
  const cluster = [
    aClass('bar', 'bar.csi.k8s.io', veleroLabel('true')),
    aClass('bar2', 'bar.csi.k8s.io', veleroLabel('true')),
    aClass('foo', 'foo.csi.k8s.io', veleroLabel('foo')),
    aClass('foowithoutlabel', 'foo.csi.k8s.io'),
    aClass('hostpath', 'hostpath.csi.k8s.io', veleroLabel('foo')),
  ];
  const onPvc = (name: string) => ({ 'velero.io/csi-volumesnapshot-class': name });
  const onBackup = (driver: string, name: string) => ({ [`velero.io/csi-volumesnapshot-class_${driver}`]: name });

  // Velero: pkg/util/csi/volume_snapshot_test.go TestGetVolumeSnapshotClass.
  it.each<[string, Omit<SnapshotClassInput, 'classes'>, string | undefined]>([
    ['no annotations on pvc and backup: by label', { driver: 'hostpath.csi.k8s.io' }, 'hostpath'],
    ['foowithoutlabel VSC annotations on pvc', { driver: 'foo.csi.k8s.io', claimAnnotations: onPvc('foowithoutlabel') }, 'foowithoutlabel'],
    [
      'pvc annotation for another driver, none on backup: by label',
      { driver: 'bar.csi.k8s.io', claimAnnotations: onPvc('foowithoutlabel') },
      'bar',
    ],
    [
      'pvc annotation for another driver: the backup annotation',
      {
        driver: 'bar.csi.k8s.io',
        claimAnnotations: onPvc('foowithoutlabel'),
        backupAnnotations: onBackup('bar.csi.k8s.io', 'bar2'),
      },
      'bar2',
    ],
    [
      'foowithoutlabel VSC annotations on backup for foo.csi.k8s.io',
      { driver: 'foo.csi.k8s.io', backupAnnotations: onBackup('foo.csi.k8s.io', 'foowithoutlabel') },
      'foowithoutlabel',
    ],
    [
      'backup annotation for another driver only: by label',
      { driver: 'bar.csi.k8s.io', backupAnnotations: onBackup('foo.csi.k8s.io', 'foowithoutlabel') },
      'bar',
    ],
    ['no snapshotClass for given driver', { driver: 'blah.csi.k8s.io' }, undefined],
    [
      'annotations naming a class not in the cluster: by label',
      { driver: 'foo.csi.k8s.io', claimAnnotations: onPvc('foo2'), backupAnnotations: onBackup('foo.csi.k8s.io', 'foo2') },
      'foo',
    ],
  ])('%s', (_, input, name) => {
    const choice = chooseSnapshotClass({ ...input, classes: cluster });
    expect(choice.ok ? choice.name : undefined).toBe(name);
  });

  it('no class: the message as GetVolumeSnapshotClass wraps it', () => {
    expect(chooseSnapshotClass({ driver: 'blah.csi.k8s.io', classes: cluster })).toEqual({
      ok: false,
      message:
        'error getting VolumeSnapshotClass: failed to get VolumeSnapshotClass for provisioner blah.csi.k8s.io: ensure that the ' +
        'desired VolumeSnapshotClass has the velero.io/csi-volumesnapshot-class label or snapshot.storage.kubernetes.io/is-default-class ' +
        'annotation, and that its driver matches the StorageClass provisioner',
    });
  });

  // Velero: pkg/util/csi/volume_snapshot_test.go TestGetVolumeSnapshotClassForStorageClass.
  const classes = [
    aClass('hostpath', 'hostpath.csi.k8s.io', veleroLabel('foo')),
    aClass('foo', 'foo.csi.k8s.io', veleroLabel('foo')),
    aClass('bar', 'bar.csi.k8s.io', veleroLabel('foo')),
    aClass('baz', 'baz.csi.k8s.io'),
    aClass('amb1', 'amb.csi.k8s.io'),
    aClass('amb2', 'amb.csi.k8s.io'),
  ];
  it.each<[string, string, string | undefined]>([
    ['should find hostpath volumesnapshotclass', 'hostpath.csi.k8s.io', 'hostpath'],
    ['should find foo volumesnapshotclass', 'foo.csi.k8s.io', 'foo'],
    ['should find bar volumesnapshotclass', 'bar.csi.k8s.io', 'bar'],
    ['should find baz without label: the only class of the driver', 'baz.csi.k8s.io', 'baz'],
    ['should not find amb without label: two classes of the driver', 'amb.csi.k8s.io', undefined],
    ['should not find does-not-exist volumesnapshotclass', 'not-found.csi.k8s.io', undefined],
  ])('by driver: %s', (_, driver, name) => {
    const choice = chooseSnapshotClass({ driver, classes });
    expect(choice.ok ? choice.name : undefined).toBe(name);
  });
});
