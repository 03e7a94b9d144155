import { validatedStatus } from './storage-location-status';

describe('storage location status - after a validation', () => {
  const location = {
    metadata: { name: 'primary' },
    status: { phase: 'Unavailable' as const, message: 'old problem', lastSyncedTime: '2024-12-31T00:00:00Z' },
  };
  const now = Date.parse('2025-01-01T00:00:00.750Z');

  it('clears the message when available and keeps other fields', () => {
    expect(validatedStatus(location, undefined, now)).toEqual({
      phase: 'Available',
      lastValidationTime: '2025-01-01T00:00:00Z',
      lastSyncedTime: '2024-12-31T00:00:00Z',
    });
  });

  it('names the BSL and the problem when unavailable', () => {
    expect(validatedStatus(location, 'credential Secret velero/x does not exist; create it or fix spec.credential', now)).toEqual({
      phase: 'Unavailable',
      lastValidationTime: '2025-01-01T00:00:00Z',
      lastSyncedTime: '2024-12-31T00:00:00Z',
      message:
        'BackupStorageLocation "primary" is unavailable: credential Secret velero/x does not exist; create it or fix spec.credential',
    });
  });
});
