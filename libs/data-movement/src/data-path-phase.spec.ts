import {
  acceptedCancelTimeoutMs,
  canTransition,
  cancelingForceTimeoutMs,
  decideCancel,
  endingTimestamps,
  isKnownPhase,
  isTerminalPhase,
  normalizePhase,
  prepareTimeoutMessage,
  type CancelInput,
  type DataPathPhase,
  type EndingTimestamps,
} from './data-path-phase';
import type { DataPathKind } from './move-job-id';

describe('data-path phase - transitions', () => {
  it.each<[DataPathPhase, DataPathPhase, boolean]>([
    ['New', 'Accepted', true],
    ['Accepted', 'Prepared', true],
    ['Prepared', 'InProgress', true],
    ['InProgress', 'Completed', true],
    ['New', 'Failed', true],
    ['Accepted', 'Failed', true],
    ['InProgress', 'Failed', true],
    ['Canceling', 'Failed', true],
    ['New', 'Canceled', true],
    ['Prepared', 'Canceled', true],
    ['InProgress', 'Canceling', true],
    ['InProgress', 'Canceled', false],
    ['Canceling', 'Canceled', true],
    ['New', 'InProgress', false],
    ['Accepted', 'Completed', false],
    ['Completed', 'Failed', false],
    ['Failed', 'New', false],
    ['Canceled', 'Accepted', false],
  ])('%s → %s is %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it.each([
    [undefined, 'New'],
    ['', 'New'],
    ['Accepted', 'Accepted'],
    ['Bogus', 'New'],
  ])('normalizes %p to %s', (input, phase) => {
    expect(normalizePhase(input)).toBe(phase);
  });

  // Velero: TestReconcile "Unknown data upload status" (the resource is left alone).
  it.each<[string | undefined, boolean]>([
    [undefined, true],
    ['', true],
    ['Canceling', true],
    ['Unknown', false],
  ])('phase %p is known: %s', (phase, known) => {
    expect(isKnownPhase(phase)).toBe(known);
  });

  it('terminal phases are Completed, Failed, Canceled', () => {
    expect(
      ['New', 'Accepted', 'Prepared', 'InProgress', 'Canceling', 'Canceled', 'Completed', 'Failed'].filter((p) =>
        isTerminalPhase(p as DataPathPhase),
      ),
    ).toEqual(['Canceled', 'Completed', 'Failed']);
  });
});

describe('data-path phase - cancel timing (Velero rules)', () => {
  // Velero: TestReconcile "delay cancel negative/affirmative for others" (data upload controller).
  const now = 10_000_000;
  it.each<[string, CancelInput, string]>([
    ['not requested', { phase: 'InProgress', cancelRequested: false, now }, 'none'],
    ['New at once', { phase: 'New', cancelRequested: true, now }, 'cancel-now'],
    ['Prepared at once', { phase: 'Prepared', cancelRequested: true, now }, 'cancel-now'],
    ['Accepted waits for Prepared', { phase: 'Accepted', cancelRequested: true, now, cancelSeenAt: now - 1000 }, 'wait'],
    [
      'Accepted forced 5 min after the cancel was seen',
      { phase: 'Accepted', cancelRequested: true, now, cancelSeenAt: now - acceptedCancelTimeoutMs },
      'cancel-now',
    ],
    ['Accepted without timestamp waits', { phase: 'Accepted', cancelRequested: true, now }, 'wait'],
    ['InProgress stops the transfer', { phase: 'InProgress', cancelRequested: true, now }, 'stop-transfer'],
    ['Canceling waits for the mover', { phase: 'Canceling', cancelRequested: true, now, cancelingSince: now - 1000 }, 'wait'],
    [
      'Canceling forced after 1 h',
      { phase: 'Canceling', cancelRequested: true, now, cancelingSince: now - cancelingForceTimeoutMs },
      'cancel-now',
    ],
    [
      'Canceling finishes even without the flag',
      { phase: 'Canceling', cancelRequested: false, now, cancelingSince: now - cancelingForceTimeoutMs - 1 },
      'cancel-now',
    ],
    ['Completed stays', { phase: 'Completed', cancelRequested: true, now }, 'none'],
    ['Failed stays', { phase: 'Failed', cancelRequested: true, now }, 'none'],
  ])('%s', (_name, input, action) => {
    expect(decideCancel(input)).toBe(action);
  });
});

describe('data-path phase - ending texts and timestamps', () => {
  // Velero: TestReconcile "prepare timeout on accepted" (data upload, data download, PVB, PVR controllers).
  it.each<[DataPathKind, string]>([
    ['DataUpload', 'timeout on preparing data upload'],
    ['DataDownload', 'timeout on preparing data download'],
    ['PodVolumeBackup', 'timeout on preparing PVB'],
    ['PodVolumeRestore', 'timeout on preparing PVR'],
  ])('prepare timeout message of a %s', (kind, message) => {
    expect(prepareTimeoutMessage(kind)).toBe(message);
  });

  // Velero: OnDataUploadCompleted/updateStatusToFailed/tryCancelDataUpload and the same per kind;
  // onPrepareTimeout writes only phase and message.
  it.each<[DataPathKind, 'Completed' | 'Failed' | 'Canceled', boolean, EndingTimestamps]>([
    ['DataUpload', 'Completed', false, { start: false, completion: true }],
    ['DataUpload', 'Failed', false, { start: true, completion: true }],
    ['PodVolumeBackup', 'Failed', false, { start: true, completion: true }],
    ['DataDownload', 'Failed', false, { start: false, completion: true }],
    ['PodVolumeRestore', 'Failed', false, { start: false, completion: true }],
    ['DataDownload', 'Canceled', false, { start: true, completion: true }],
    ['PodVolumeRestore', 'Canceled', false, { start: true, completion: true }],
    ['DataUpload', 'Failed', true, { start: false, completion: false }],
    ['PodVolumeRestore', 'Failed', true, { start: false, completion: false }],
  ])('%s ending %s (prepare timeout %s)', (kind, phase, prepareTimedOut, timestamps) => {
    expect(endingTimestamps(kind, phase, prepareTimedOut)).toEqual(timestamps);
  });
});
