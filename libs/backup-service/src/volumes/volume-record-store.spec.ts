import { volumeRecordOf, type StoredVolumeRecord } from './volume-record-store';

const skip = (name: string) => ({
  kind: 'skipped' as const,
  claim: { namespace: 'app', name },
  volume: { name: `pv-${name}` },
  reasons: [{ approach: 'any' as const, reason: 'r' }],
});
const error = (name: string) => ({ namespace: 'app', name, message: 'Error backing up item' });

describe('volume record - what check reads of what start recorded', () => {
  it('nothing recorded yet is an empty record', () => {
    expect(volumeRecordOf(undefined)).toEqual({ skipped: [], errors: [], volumes: {} });
  });

  it('plan and last-run skips and errors are read together, plan first', () => {
    const stored: StoredVolumeRecord = {
      version: 1,
      snapshots: [],
      fsBackups: [],
      skipped: [skip('by-policy')],
      planErrors: [error('unbound')],
      startErrors: [error('no-class')],
      startSkipped: [skip('pod-not-running')],
      volumes: { 'app/x': { name: 'pv-x' } },
    };
    expect(volumeRecordOf(stored)).toEqual({
      skipped: [skip('by-policy'), skip('pod-not-running')],
      errors: [error('unbound'), error('no-class')],
      volumes: { 'app/x': { name: 'pv-x' } },
    });
  });
});
