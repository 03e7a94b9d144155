import { parentSnapshotOf, snapshotTags, type MoveJob } from './move-job-runner';

describe('move jobs - snapshot tags and parent', () => {
  const job = (kind: MoveJob['operation']['kind'], tags: Record<string, string> = {}) =>
    ({
      v: 1,
      jobId: 'j',
      operation: { kind, namespace: 'velero', name: 'x' },
      uploader: 'kopia',
      volume: { podUid: 'u', volumeDir: 'v' },
      repository: { backupStorageLocation: 'default', volumeNamespace: 'ns' },
      requestedAt: '2026-01-01T00:00:00Z',
      direction: 'backup',
      sourceName: 'ns/pvc',
      tags,
    }) as Extract<MoveJob, { direction: 'backup' }>;

  it.each([
    ['DataUpload', {}, { 'snapshot-requester': 'snapshot-data-upload-download', 'snapshot-uploader': 'kopia' }],
    ['PodVolumeBackup', {}, { 'snapshot-requester': 'snapshot-pod-volume', 'snapshot-uploader': 'kopia' }],
    [
      'DataUpload',
      { 'velero.io/async-operation-id': 'du-1' },
      { 'snapshot-requester': 'snapshot-data-upload-download', 'snapshot-uploader': 'kopia', 'velero.io/async-operation-id': 'du-1' },
    ],
  ] as const)('tags of a %s job with %p', (kind, tags, expected) => {
    expect(snapshotTags(job(kind, tags))).toEqual(expected);
  });

  it.each([
    [undefined, { kind: 'latest' }],
    ['', { kind: 'latest' }],
    ['auto', { kind: 'latest' }],
    ['none', { kind: 'none' }],
    ['abc123', { kind: 'snapshot', id: 'abc123' }],
  ])('parent %p → %p', (input, output) => {
    expect(parentSnapshotOf(input)).toEqual(output);
  });
});
