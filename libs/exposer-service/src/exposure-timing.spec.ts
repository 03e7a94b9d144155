import { defaultPrepareTimeoutMs } from '@ferry/data-movement';
import { prepareTimeoutMessage } from '@ferry/data-movement';
import { buildExposeResult, prepareDeadline, remainingMs } from './exposure-timing';
import type { ExposedVolume, OperationRef } from './exposer-roles';

const du: OperationRef = { kind: 'DataUpload', namespace: 'velero', name: 'du-1' };
const dd: OperationRef = { kind: 'DataDownload', namespace: 'velero', name: 'dd-1' };
const at = new Date('2026-01-02T03:04:05.000Z');

describe('exposure timing - prepare deadline', () => {
  it('counts from acceptance, not from delivery', () => {
    const deadline = prepareDeadline('2026-01-02T03:04:05Z', defaultPrepareTimeoutMs);
    expect(new Date(deadline).toISOString()).toBe('2026-01-02T03:34:05.000Z');
    expect(remainingMs(deadline, Date.parse('2026-01-02T03:30:05Z'))).toBe(4 * 60_000);
  });

  it('honours offsets and has nothing left once passed', () => {
    const deadline = prepareDeadline('2026-01-02T05:04:05+02:00', 3000);
    expect(deadline).toBe(Date.parse('2026-01-02T03:04:08Z'));
    expect(remainingMs(deadline, deadline + 1)).toBe(0);
  });

  it('rejects an unparsable acceptance time', () => {
    expect(() => prepareDeadline('yesterday', 1000)).toThrow(/not an RFC 3339 time/);
    expect(() => prepareDeadline('yesterday', 1000)).toThrow(expect.objectContaining({ code: 'EXPOSER_JOB_INVALID', retryable: false }));
  });
});

describe('exposure timing - result events', () => {
  const volume: ExposedVolume = {
    node: 'n1',
    podName: 'du-1',
    podUid: 'u',
    pvName: 'pv-1',
    pvcName: 'du-1',
    volumeName: 'uid',
    readOnly: true,
  };

  it('reports where an exposed volume is', () => {
    expect(buildExposeResult(du, { outcome: 'exposed', exposed: volume }, at)).toEqual({
      v: 1,
      operation: du,
      direction: 'backup',
      outcome: 'exposed',
      exposed: volume,
      at: '2026-01-02T03:04:05.000Z',
    });
  });

  it("prefers the diagnosis's cause over the generic timeout message", () => {
    const diagnosis = { findings: [], cause: "backupPVC Pending: storage class 'fast-ro' not found" };
    const result = buildExposeResult(du, { outcome: 'timed-out', cause: prepareTimeoutMessage(du.kind), diagnosis }, at);
    expect(result.cause).toBe("backupPVC Pending: storage class 'fast-ro' not found");
    expect(result.diagnosis).toBe(diagnosis);
  });

  it("keeps a failure's own cause over the diagnosis of objects never created", () => {
    const diagnosis = { findings: [], cause: 'backup pod not found' };
    const cause = 'source PVC shop/missing of DataUpload velero/du-1 does not exist';
    const result = buildExposeResult(du, { outcome: 'failed', cause, diagnosis }, at);
    expect(result.cause).toBe(cause);
    expect(result.diagnosis).toBe(diagnosis);
  });

  it.each([
    [{ findings: [], cause: 'backupPVC Pending: no volume provisioned' }, 'backupPVC Pending: no volume provisioned'],
    [undefined, 'exposure failed; see the exposer log'],
  ])('takes the diagnosis cause of a failure that names none, else says where to look', (diagnosis, cause) => {
    expect(buildExposeResult(du, { outcome: 'failed', ...(diagnosis ? { diagnosis } : {}) }, at).cause).toBe(cause);
  });

  it('falls back to the given cause without a diagnosis', () => {
    const result = buildExposeResult(dd, { outcome: 'failed', cause: 'restore pod Failed' }, at);
    expect(result).toMatchObject({ direction: 'restore', outcome: 'failed', cause: 'restore pod Failed' });
    expect(result).not.toHaveProperty('diagnosis');
  });

  it('carries nothing more for cleanup and completion', () => {
    expect(Object.keys(buildExposeResult(dd, { outcome: 'completed' }, at)).sort()).toEqual([
      'at',
      'direction',
      'operation',
      'outcome',
      'v',
    ]);
  });
});
