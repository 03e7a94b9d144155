import { RestorePassCounter, finalRestoreProgress } from './restore-progress';
import { RestoredItems, encodeRestoredResourceList } from './restored-items';
import {
  attemptsExhaustedReason,
  phaseAfterFinalizing,
  phaseAfterRun,
  phaseAfterOperations,
  effectiveItemOperationTimeout,
  restoreAttempts,
  restoreStepOf,
} from './restore-phase';

describe('restore progress (reference §8)', () => {
  it('counts restored items over the known total, growing with additional items', () => {
    const counter = new RestorePassCounter(3);
    expect(counter.processedOne(1)).toEqual({ totalItems: 3, itemsRestored: 1 });
    // the second item pulled in an additional item: 3 restored after 2 processed
    expect(counter.processedOne(3)).toEqual({ totalItems: 4, itemsRestored: 3 });
    expect(counter.processedOne(4)).toEqual({ totalItems: 4, itemsRestored: 4 });
    expect(finalRestoreProgress(5)).toEqual({ totalItems: 5, itemsRestored: 5 });
  });
});

describe('RestoredItems (Velero RestoredResourceList)', () => {
  it('lists each item once by <apiVersion>/<Kind> with its action, sorted', () => {
    const items = new RestoredItems();
    const key = (namespace: string, name: string) => ({ resource: 'v1/ConfigMap', namespace, name });
    items.begin(key('b', 'x'));
    items.finish(key('b', 'x'), 'created');
    items.finish(key('a', 'y'), 'skipped');
    items.finish({ resource: 'v1/Namespace', namespace: '', name: 'a' }, 'created');
    items.begin(key('c', 'pending'));
    expect(items.size).toBe(4);
    expect(items.has(key('b', 'x'))).toBe(true);
    const list = items.resourceList();
    expect(list).toEqual({ 'v1/ConfigMap': ['a/y(skipped)', 'b/x(created)'], 'v1/Namespace': ['a(created)'] });
    expect(encodeRestoredResourceList(list)).toBe('{"v1/ConfigMap":["a/y(skipped)","b/x(created)"],"v1/Namespace":["a(created)"]}\n');
  });
});

describe('restore phases', () => {
  it.each([
    ['', 'validate'],
    ['New', 'validate'],
    ['InProgress', 'run'],
    ['Finalizing', 'finalize'],
    ['FinalizingPartiallyFailed', 'finalize'],
    ['Completed', 'done'],
    ['FailedValidation', 'done'],
    ['Failed', 'done'],
  ])('%j → %s', (phase, step) => {
    expect(restoreStepOf(phase)).toBe(step);
  });

  it.each<[string, number, boolean, number, string, string]>([
    ['no errors, no operations', 0, false, 0, 'Finalizing', 'Completed'],
    ['errors, no operations', 2, false, 0, 'FinalizingPartiallyFailed', 'PartiallyFailed'],
    ['no errors, operations all complete', 0, true, 0, 'WaitingForPluginOperations', 'Completed'],
    ['no errors, an operation failed', 0, true, 1, 'WaitingForPluginOperations', 'PartiallyFailed'],
    ['errors, operations complete', 1, true, 0, 'WaitingForPluginOperationsPartiallyFailed', 'PartiallyFailed'],
  ])('%s: %s then … %s', (_name, errors, running, failed, afterRun, terminal) => {
    const phase = phaseAfterRun(errors, running);
    expect(phase).toBe(afterRun);
    expect(phaseAfterFinalizing(running ? phaseAfterOperations(phase, failed) : phase)).toBe(terminal);
  });

  it('counts attempts from the annotation', () => {
    expect(restoreAttempts(undefined)).toBe(0);
    expect(restoreAttempts({ 'ferry.io/restore-attempts': '2' })).toBe(2);
    expect(restoreAttempts({ 'ferry.io/restore-attempts': 'x' })).toBe(0);
    expect(attemptsExhaustedReason(3)).toContain('3 times');
  });
});

describe('restore phases - after operations and finalizing', () => {
  // velero restore_operations_controller_test.go TestRestoreOperationsReconcile (operations that finished)
  it.each<[string, string, number, string]>([
    ['WaitingForPluginOperations restore with completed operations', 'WaitingForPluginOperations', 0, 'Finalizing'],
    ['WaitingForPluginOperations restore with completed failed operations', 'WaitingForPluginOperations', 1, 'FinalizingPartiallyFailed'],
    [
      'WaitingForPluginOperationsPartiallyFailed restore with completed operations',
      'WaitingForPluginOperationsPartiallyFailed',
      0,
      'FinalizingPartiallyFailed',
    ],
    [
      'WaitingForPluginOperationsPartiallyFailed restore with completed failed operations',
      'WaitingForPluginOperationsPartiallyFailed',
      1,
      'FinalizingPartiallyFailed',
    ],
  ])('%s → %s', (_name, phase, failed, next) => {
    expect(phaseAfterOperations(phase, failed)).toBe(next);
  });

  // velero restore_finalizer_controller_test.go TestRestoreFinalizerReconcile
  it.each([
    ['Finalizing', 'Completed'],
    ['FinalizingPartiallyFailed', 'PartiallyFailed'],
  ])('%s restore is finalized to %s', (phase, terminal) => {
    expect(restoreStepOf(phase)).toBe('finalize');
    expect(phaseAfterFinalizing(phase)).toBe(terminal);
  });

  it.each(['InProgress', 'Completed', 'PartiallyFailed', 'Failed'])('a restore %s is not awaiting finalization', (phase) => {
    expect(restoreStepOf(phase)).not.toBe('finalize');
  });
});

describe('effectiveItemOperationTimeout (velero restore controller: zero means the default)', () => {
  it.each<[string | undefined, string, number]>([
    [undefined, '4h0m0s', 14_400_000],
    ['0s', '4h0m0s', 14_400_000],
    ['0', '4h0m0s', 14_400_000],
    ['1h30m', '1h30m', 5_400_000],
    ['garbage', '4h0m0s', 14_400_000],
  ])('%j → %s', (value, text, ms) => {
    expect(effectiveItemOperationTimeout(value)).toEqual({ text, ms });
  });
});
