import {
  acceptedCancelTimeoutMs,
  canTransition,
  cancelingForceTimeoutMs,
  decideCancel,
  isTerminalPhase,
  normalizePhase,
  type CancelInput,
  type DataPathPhase,
} from './data-path-phase';

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

  it('terminal phases are Completed, Failed, Canceled', () => {
    expect(
      ['New', 'Accepted', 'Prepared', 'InProgress', 'Canceling', 'Canceled', 'Completed', 'Failed'].filter((p) =>
        isTerminalPhase(p as DataPathPhase),
      ),
    ).toEqual(['Canceled', 'Completed', 'Failed']);
  });
});

describe('data-path phase - cancel timing (Velero rules)', () => {
  const now = 10_000_000;
  it.each<[string, CancelInput, string]>([
    ['not requested', { phase: 'InProgress', cancelRequested: false, now }, 'none'],
    ['New at once', { phase: 'New', cancelRequested: true, now }, 'cancel-now'],
    ['Prepared at once', { phase: 'Prepared', cancelRequested: true, now }, 'cancel-now'],
    ['Accepted waits for Prepared', { phase: 'Accepted', cancelRequested: true, now, acceptedAt: now - 1000 }, 'wait'],
    [
      'Accepted forced after 5 min',
      { phase: 'Accepted', cancelRequested: true, now, acceptedAt: now - acceptedCancelTimeoutMs },
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
