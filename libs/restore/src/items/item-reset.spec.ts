import { RestoreRuleErrorCode } from '../errors';
import { addRestoreLabels, isCompletedItem, isMirrorPod, resetMetadataAndStatus } from './item-reset';

// Velero's restore_test.go TestResetMetadata, TestResetStatus, TestIsCompleted.
describe('resetMetadataAndStatus', () => {
  it.each([
    ['no metadata is an error', {}, RestoreRuleErrorCode.InvalidItem],
    ['metadata not an object is an error', { metadata: 'x' }, RestoreRuleErrorCode.InvalidItem],
  ])('%s', (_name, item, code) => {
    expect(() => resetMetadataAndStatus(item)).toThrow(expect.objectContaining({ code }));
  });

  it('keeps name, namespace, labels, annotations, managedFields; drops server fields and status', () => {
    const item = {
      metadata: {
        name: 'n',
        namespace: 'ns',
        labels: { a: 'b' },
        annotations: { c: 'd' },
        managedFields: [{ manager: 'm' }],
        uid: 'u',
        resourceVersion: '1',
        generation: 2,
        creationTimestamp: 't',
        deletionTimestamp: 't',
        deletionGracePeriodSeconds: 3,
        ownerReferences: [{}],
        generateName: 'g',
        selfLink: 's',
        finalizers: ['f'],
      },
      spec: { x: 1 },
      status: { phase: 'Running' },
    };
    expect(resetMetadataAndStatus(item)).toEqual({
      metadata: {
        name: 'n',
        namespace: 'ns',
        labels: { a: 'b' },
        annotations: { c: 'd' },
        managedFields: [{ manager: 'm' }],
        finalizers: ['f'],
      },
      spec: { x: 1 },
    });
  });
});

describe('addRestoreLabels', () => {
  it('adds the backup and restore names, label-safe', () => {
    const long = 'b'.repeat(70);
    const labels = addRestoreLabels({ metadata: { labels: { a: 'b' } } }, 'r1', long)['metadata'] as { labels: Record<string, string> };
    expect(labels.labels['a']).toBe('b');
    expect(labels.labels['velero.io/restore-name']).toBe('r1');
    expect(labels.labels['velero.io/backup-name']).toHaveLength(63);
  });
});

describe('isCompletedItem / isMirrorPod', () => {
  it.each([
    ['Failed pod', 'pods', { status: { phase: 'Failed' } }, true],
    ['Succeeded pod', 'pods', { status: { phase: 'Succeeded' } }, true],
    ['Running pod', 'pods', { status: { phase: 'Running' } }, false],
    ['job with completionTime', 'jobs.batch', { status: { completionTime: '2026-01-01T00:00:00Z' } }, true],
    ['job without', 'jobs.batch', { status: {} }, false],
    ['other kind', 'configmaps', { status: { phase: 'Failed' } }, false],
  ])('%s', (_name, resource, item, expected) => {
    expect(isCompletedItem(item, resource)).toBe(expected);
  });
  it('knows mirror pods by their annotation', () => {
    expect(isMirrorPod({ metadata: { annotations: { 'kubernetes.io/config.mirror': 'x' } } }, 'pods')).toBe(true);
    expect(isMirrorPod({ metadata: {} }, 'pods')).toBe(false);
  });
});
