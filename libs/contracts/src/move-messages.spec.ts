import { createFerryContracts } from './ferry-contracts';
import { moveJobSchema, moveProgressSchema, moveResultSchema } from './move-messages';

const operation = { kind: 'DataUpload', namespace: 'velero', name: 'backup-1-x7k2p' } as const;
const base = {
  v: 1,
  jobId: 'du-5f1c2d3e-0000-4000-8000-000000000001',
  operation,
  uploader: 'kopia',
  volume: { podUid: '5f1c2d3e-0000-4000-8000-00000000aaaa', volumeDir: 'pvc-1234' },
  repository: { backupStorageLocation: 'default', volumeNamespace: 'shop' },
  requestedAt: '2026-01-02T03:04:05Z',
} as const;

describe('move messages - schemas', () => {
  it('accepts a backup job and defaults its tags', () => {
    const job = moveJobSchema.parse({ ...base, direction: 'backup', sourceName: 'shop/db' });
    expect(job.direction === 'backup' && job.tags).toEqual({});
  });

  it('requires a snapshot id for a restore and a source name for a backup', () => {
    expect(moveJobSchema.safeParse({ ...base, direction: 'restore' }).success).toBe(false);
    expect(moveJobSchema.safeParse({ ...base, direction: 'backup' }).success).toBe(false);
    expect(moveJobSchema.safeParse({ ...base, direction: 'restore', snapshotId: 'k1a2' }).success).toBe(true);
  });

  it.each([
    ['an upper-case job id', { jobId: 'DU-1' }],
    ['a job id with a dot (subject separator)', { jobId: 'du.1' }],
    ['an unknown uploader', { uploader: 'rsync' }],
    ['a PVC name instead of a kind', { operation: { ...operation, kind: 'PersistentVolumeClaim' } }],
  ])('rejects %s', (_what, patch) => {
    expect(moveJobSchema.safeParse({ ...base, direction: 'backup', sourceName: 'shop/db', ...patch }).success).toBe(false);
  });

  it('carries the classified error of a failed move and progress without a known total', () => {
    const result = moveResultSchema.parse({
      v: 1,
      jobId: base.jobId,
      operation,
      direction: 'backup',
      node: 'node-a',
      outcome: 'failed',
      error: { code: 'UPLOADER_WRONG_PASSWORD', retryable: false, message: 'kopia: wrong repository password' },
      startedAt: '2026-01-02T03:04:05Z',
      completedAt: '2026-01-02T03:04:06Z',
    });
    expect(result.error?.retryable).toBe(false);
    const progress = moveProgressSchema.parse({
      v: 1,
      jobId: base.jobId,
      operation,
      node: 'node-a',
      bytesDone: 10,
      bytesPerSecond: 5,
      at: '2026-01-02T03:04:05Z',
    });
    expect(progress.totalBytes).toBeUndefined();
  });
});

describe('move messages - registry', () => {
  it('keeps jobs per node, results and cancels per job, progress on core NATS', () => {
    const { subjects, messages, consumers } = createFerryContracts({ namespace: 'tx' });
    expect(subjects.moveJob.build({ node: 'node.a' })).toBe('tx.job.move.v1.node_a');
    expect(subjects.moveResult.build({ node: 'ip-10-0-1-2.ec2.internal', job: base.jobId })).toBe(
      `tx.event.move.v1.result.ip-10-0-1-2_ec2_internal.${base.jobId}`,
    );
    expect(messages.moveCancel.stream.name).toBe('TX_EVENTS');
    expect(messages.moveProgress.delivery).toBe('core');
    expect(consumers.controllerEvents().filterSubjects).toEqual(['tx.event.expose.v1.result', 'tx.event.move.v1.result.*.*']);
  });
});
