import { binarySIQuantity } from './binary-si-quantity';
import { finalizedClaim } from './finalized-claim';

describe('binarySIQuantity - resource.NewQuantity(n, BinarySI).String()', () => {
  it.each([
    [0, '0'],
    [512, '512'],
    [1000, '1k'],
    [1023, '1023'],
    [1024, '1Ki'],
    [1536, '1536'],
    [1048576, '1Mi'],
    [1073741824, '1Gi'],
    [5 * 1073741824, '5Gi'],
    [1073741824 + 1024, '1048577Ki'],
    [1024 ** 4, '1Ti'],
  ])('%d bytes → %s', (bytes, text) => {
    expect(binarySIQuantity(bytes)).toBe(text);
  });
});

const claim = (storage?: string) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: {
    name: 'data',
    namespace: 'app',
    uid: 'pvc-uid',
    labels: { app: 'web' },
    annotations: { 'pv.kubernetes.io/bind-completed': 'yes' },
  },
  spec: { storageClassName: 'standard', volumeName: 'pv-1', ...(storage === undefined ? {} : { resources: { requests: { storage } } }) },
  status: { phase: 'Bound' },
});

describe('finalizedClaim - labels and annotations of Velero CSI PVC action', () => {
  it('moved data: snapshot name and backup name labels, data-upload-name annotation, spec untouched', () => {
    const result = finalizedClaim(
      claim('1Gi'),
      { volumeSnapshotName: 'velero-data-abc', dataUpload: 'velero/nightly-x7', restoreSize: 4 * 1024 ** 3 },
      'nightly',
    );
    expect(result).toEqual({
      ...claim('1Gi'),
      metadata: {
        ...claim().metadata,
        labels: { app: 'web', 'velero.io/volume-snapshot-name': 'velero-data-abc', 'velero.io/backup-name': 'nightly' },
        annotations: {
          'pv.kubernetes.io/bind-completed': 'yes',
          'velero.io/volume-snapshot-name': 'velero-data-abc',
          'backup.velero.io/must-include-additional-items': 'true',
          'velero.io/data-upload-name': 'velero/nightly-x7',
        },
      },
    });
  });

  it('keeps the Backup name as is in the label (Velero does not trim it there)', () => {
    const name = 'b'.repeat(70);
    const labels = (finalizedClaim(claim(), { volumeSnapshotName: 'vs' }, name)['metadata'] as { labels: Record<string, string> }).labels;
    expect(labels['velero.io/backup-name']).toBe(name);
  });

  it.each([
    ['smaller request raised', '1Gi', 2 * 1024 ** 3, '2Gi'],
    ['larger request kept', '3Gi', 2 * 1024 ** 3, '3Gi'],
    ['equal request kept in its own form', '2147483648', 2 * 1024 ** 3, '2147483648'],
    ['missing request set', undefined, 1536, '1536'],
    ['unparsable request replaced', 'lots', 1024, '1Ki'],
  ])('kept snapshot: %s', (_name, request, restoreSize, expected) => {
    const spec = finalizedClaim(claim(request), { volumeSnapshotName: 'vs', restoreSize }, 'nightly')['spec'] as {
      resources: { requests: { storage: string } };
    };
    expect(spec.resources.requests.storage).toBe(expected);
  });

  it('does not mutate its input', () => {
    const input = claim('1Gi');
    const copy = JSON.parse(JSON.stringify(input)) as unknown;
    finalizedClaim(input, { volumeSnapshotName: 'vs', restoreSize: 5 * 1024 ** 3 }, 'nightly');
    expect(input).toEqual(copy);
  });
});
