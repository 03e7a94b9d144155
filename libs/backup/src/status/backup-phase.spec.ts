import { BackupPhase } from '@ferry/api';
import {
  finalBackupPhase,
  isTerminalBackupPhase,
  operationErrorMessage,
  operationTimedOut,
  phaseAfterCollection,
  phaseAfterFinalizing,
  phaseAfterOperations,
  setsCompletionTimestamp,
  type BackupOutcome,
  type CollectionOutcome,
  type OperationsCheck,
} from './backup-phase';

describe('backup phase - after collection (backup controller)', () => {
  it.each<[CollectionOutcome, BackupPhase]>([
    [{ fatal: true, errors: 0, operationsInProgress: true }, BackupPhase.Failed],
    [{ fatal: false, errors: 2, operationsInProgress: true }, BackupPhase.WaitingForPluginOperationsPartiallyFailed],
    [{ fatal: false, errors: 2, operationsInProgress: false }, BackupPhase.FinalizingPartiallyFailed],
    [{ fatal: false, errors: 0, operationsInProgress: true }, BackupPhase.WaitingForPluginOperations],
    [{ fatal: false, errors: 0, operationsInProgress: false }, BackupPhase.Finalizing],
  ])('%j → %s', (outcome, phase) => {
    expect(phaseAfterCollection(outcome)).toBe(phase);
  });
});

describe('backup phase - after an operations check (operations controller)', () => {
  const { WaitingForPluginOperations: waiting, WaitingForPluginOperationsPartiallyFailed: waitingPf } = BackupPhase;
  it.each<[BackupPhase, OperationsCheck, BackupPhase]>([
    [waiting, { newErrors: 0, stillInProgress: true }, waiting],
    [waiting, { newErrors: 1, stillInProgress: true }, waitingPf],
    [waiting, { newErrors: 0, stillInProgress: false }, BackupPhase.Finalizing],
    [waiting, { newErrors: 1, stillInProgress: false }, BackupPhase.FinalizingPartiallyFailed],
    [waitingPf, { newErrors: 0, stillInProgress: true }, waitingPf],
    [waitingPf, { newErrors: 0, stillInProgress: false }, BackupPhase.FinalizingPartiallyFailed],
    // Velero's TestBackupOperationsReconcile: "…PartiallyFailed backup with completed failed operations is FinalizingPartiallyFailed".
    [waitingPf, { newErrors: 1, stillInProgress: false }, BackupPhase.FinalizingPartiallyFailed],
    [BackupPhase.InProgress, { newErrors: 3, stillInProgress: false }, BackupPhase.InProgress],
  ])('%s with %j → %s', (current, check, phase) => {
    expect(phaseAfterOperations(current, check)).toBe(phase);
  });
});

describe('backup phase - after finalizing (finalizer controller)', () => {
  it.each<[BackupPhase, BackupPhase]>([
    [BackupPhase.Finalizing, BackupPhase.Completed],
    [BackupPhase.FinalizingPartiallyFailed, BackupPhase.PartiallyFailed],
    [BackupPhase.Failed, BackupPhase.Failed],
  ])('%s → %s', (current, phase) => {
    expect(phaseAfterFinalizing(current)).toBe(phase);
  });
});

describe('backup phase - final phase in one step', () => {
  it.each<[string, BackupOutcome, ReturnType<typeof finalBackupPhase>]>([
    ['clean', { errors: 0 }, { phase: BackupPhase.Completed }],
    ['errors', { errors: 1 }, { phase: BackupPhase.PartiallyFailed }],
    ['a failed item', { errors: 0, failedItems: 1 }, { phase: BackupPhase.PartiallyFailed }],
    ['a failed volume', { errors: 0, failedVolumes: 1 }, { phase: BackupPhase.PartiallyFailed }],
    [
      'fatal',
      { fatalError: 'backup already exists in object storage', errors: 4 },
      { phase: BackupPhase.Failed, failureReason: 'backup already exists in object storage' },
    ],
  ])('%s', (_, outcome, expected) => {
    expect(finalBackupPhase(outcome)).toEqual(expected);
  });
});

describe('backup phase - vocabulary helpers', () => {
  it.each<[BackupPhase | '' | undefined, boolean]>([
    [BackupPhase.Completed, true],
    [BackupPhase.PartiallyFailed, true],
    [BackupPhase.Failed, true],
    [BackupPhase.FailedValidation, true],
    [BackupPhase.Finalizing, false],
    [BackupPhase.WaitingForPluginOperations, false],
    ['', false],
    [undefined, false],
  ])('%s terminal: %s', (phase, terminal) => {
    expect(isTerminalBackupPhase(phase)).toBe(terminal);
  });

  it('stamps completion only on Completed, PartiallyFailed and Failed', () => {
    const stamped = Object.values(BackupPhase).filter(setsCompletionTimestamp);
    expect(stamped).toEqual([BackupPhase.Completed, BackupPhase.PartiallyFailed, BackupPhase.Failed]);
  });

  it.each<[number, boolean]>([
    [14_399_999, false],
    [14_400_000, false],
    [14_400_001, true],
  ])('an operation is timed out %d ms after creation with a 4h timeout: %s', (elapsed, timedOut) => {
    const created = new Date('2026-12-06T03:00:00Z');
    expect(operationTimedOut(created, 14_400_000, new Date(created.getTime() + elapsed))).toBe(timedOut);
  });

  it.each<[string, string | undefined, string]>([
    ['Asynchronous action timed out', 'velero.io/csi-pvc-backupper', 'Asynchronous action timed out, plugin: velero.io/csi-pvc-backupper'],
    ['boom', undefined, 'boom, plugin: unknown'],
    ['', 'x', 'plugin: x'],
  ])('operation error %j of %s', (error, plugin, message) => {
    expect(operationErrorMessage(error, plugin)).toBe(message);
  });
});
