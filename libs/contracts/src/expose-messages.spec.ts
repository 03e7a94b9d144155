import { createFerryContracts } from './ferry-contracts';
import { subjectCovers, subjectsOverlap } from './subject-match';
import { exposeCompleteRestoreJobSchema, exposeJobSchema, exposeResultSchema } from './expose-messages';

const du = { kind: 'DataUpload', namespace: 'velero', name: 'du-1' } as const;

describe('expose messages - schemas', () => {
  it('accepts an expose job with an RFC 3339 acceptance time', () => {
    const job = exposeJobSchema.parse({
      v: 1,
      operation: du,
      direction: 'backup',
      acceptedAt: '2026-01-02T03:04:05Z',
      prepareTimeoutMs: 3000,
    });
    expect(job.prepareTimeoutMs).toBe(3000);
  });

  it.each([
    ['a restore of a DataUpload', { direction: 'restore' }],
    ['a non-RFC 3339 time', { acceptedAt: 'yesterday' }],
    ['a newer version', { v: 2 }],
    ['a zero timeout', { prepareTimeoutMs: 0 }],
  ])('rejects %s', (_what, patch) => {
    const job = { v: 1, operation: du, direction: 'backup', acceptedAt: '2026-01-02T03:04:05Z', ...patch };
    expect(exposeJobSchema.safeParse(job).success).toBe(false);
  });

  it('takes complete-restore for DataDownloads only', () => {
    expect(exposeCompleteRestoreJobSchema.safeParse({ v: 1, operation: du }).success).toBe(false);
    expect(exposeCompleteRestoreJobSchema.safeParse({ v: 1, operation: { ...du, kind: 'DataDownload' } }).success).toBe(true);
  });

  it('carries the cause and diagnosis of a timed-out exposure', () => {
    const result = exposeResultSchema.parse({
      v: 1,
      operation: du,
      direction: 'backup',
      outcome: 'timed-out',
      at: '2026-01-02T03:04:05.123Z',
      cause: "backupPVC Pending: storage class 'fast-ro' not found",
      diagnosis: { findings: [{ object: 'PersistentVolumeClaim', name: 'du-1', state: 'Pending', details: [] }] },
    });
    expect(result.diagnosis?.findings).toHaveLength(1);
  });
});

describe('expose messages - registry', () => {
  it('routes all three job kinds to the exposer durable and answers diagnose in a queue group', () => {
    const { consumers, messages, subjects } = createFerryContracts({ namespace: 'tx' });
    expect(consumers.exposer().filterSubjects).toEqual(['tx.job.expose.v1.*']);
    const [filter = ''] = consumers.exposer().filterSubjects;
    for (const job of [subjects.exposeJob, subjects.exposeCleanupJob, subjects.exposeCompleteRestoreJob]) {
      expect(subjectCovers(filter, job.wildcard)).toBe(true);
    }
    expect(subjectsOverlap(filter, subjects.moveJob.wildcard)).toBe(false);
    expect(messages.exposeResult.stream.name).toBe('TX_EVENTS');
    expect(messages.exposeDiagnose.queueGroup).toBe('exposer-diagnose');
  });
});
