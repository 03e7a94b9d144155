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
