import { VolumeInfoError, VolumeInfoErrorCode } from './errors';
import { problemOf, problemType } from './problem-details';

describe('problem details - RFC 9457 documents', () => {
  it.each([
    [VolumeInfoErrorCode.BackupNotFound, 404, 'Backup not found', false],
    [VolumeInfoErrorCode.RestoreNotFound, 404, 'Restore not found', false],
    [VolumeInfoErrorCode.ClaimNotFound, 404, 'No backup or restore of this claim', false],
    [VolumeInfoErrorCode.NotFinished, 409, 'Not finished yet', true],
    [VolumeInfoErrorCode.DocumentMissing, 404, 'No volume info document', false],
    [VolumeInfoErrorCode.DocumentInvalid, 502, 'Volume info document unreadable', false],
    [VolumeInfoErrorCode.RecordsIncomplete, 409, 'Volume records incomplete', true],
    [VolumeInfoErrorCode.StoreUnavailable, 503, 'Backup storage location unavailable', true],
    [VolumeInfoErrorCode.BadRequest, 400, 'Bad request', false],
    [VolumeInfoErrorCode.NoRoute, 404, 'No such path', false],
    [VolumeInfoErrorCode.MethodNotAllowed, 405, 'Method not allowed', false],
  ])('%s is %i "%s", retryable %s', (code, status, title, retryable) => {
    expect(problemOf(new VolumeInfoError(code, 'what happened'), '/v1/x')).toEqual({
      type: problemType(code),
      title,
      status,
      detail: 'what happened',
      instance: '/v1/x',
      code,
      retryable,
    });
  });

  it('types are URIs per code', () => {
    expect(problemType('VOLUMEINFO_BACKUP_NOT_FOUND')).toBe('https://ferry.dev/problems/volumeinfo-backup-not-found');
  });

  it('an unexpected failure is a 500 that does not quote its message', () => {
    const problem = problemOf(new Error('secret=abc at /internal/path'), '/v1/backups/velero/b/volumes');
    expect(problem).toEqual({
      type: 'https://ferry.dev/problems/internal',
      title: 'Internal error',
      status: 500,
      detail: 'the request failed (INTERNAL); see the volume-info service log',
      instance: '/v1/backups/velero/b/volumes',
      code: 'INTERNAL',
      retryable: true,
    });
  });
});
