import { UploaderError, UploaderErrorCode, type RepositoryAccess, type SnapshotDeletion, type Uploader } from '@ferry/uploader';
import { MoverServiceError, MoverServiceErrorCode } from './errors';
import type { RepositoryAccessResolver } from './repository-access-resolver';
import { deleteRequestedSnapshots } from './snapshot-deletion-responder';

const access: RepositoryAccess = {
  location: {
    endpoint: 'http://127.0.0.1:9000',
    region: 'minio',
    bucket: 'velero',
    prefix: '',
    volumeNamespace: 'shop',
    accessKeyId: 'AKID',
    secretAccessKey: 'SECRET',
  },
  password: 'static-passw0rd',
  workDir: '/work/restic/x',
};

function uploaderAnswering(answer: (ids: readonly string[]) => Promise<SnapshotDeletion>): Uploader {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    kind: 'restic',
    connectRepository: unused,
    createRepository: unused,
    backup: unused,
    restore: unused,
    listSnapshots: unused,
    deleteSnapshots: (_access, ids) => answer(ids),
    checkRepository: unused,
  };
}

const request = {
  v: 1 as const,
  uploader: 'restic' as const,
  repository: { backupStorageLocation: 'default', volumeNamespace: 'shop' },
  snapshotIds: ['044c14cc', 'deadbeef', '044c14cc'],
  requestedBy: 'DeleteBackupRequest velero/b-1',
};

function deps(uploader: Uploader, resolver?: RepositoryAccessResolver) {
  return { resolver: resolver ?? { resolve: () => Promise.resolve(access) }, uploaders: { restic: uploader, kopia: uploader } };
}

describe('snapshot deletion responder - one request', () => {
  it('replies what the uploader deleted and what was missing', async () => {
    const uploader = uploaderAnswering((ids) => Promise.resolve({ deleted: [ids[0] ?? ''], missing: ['deadbeef'] }));
    await expect(deleteRequestedSnapshots(deps(uploader), request)).resolves.toEqual({
      v: 1,
      deleted: ['044c14cc'],
      missing: ['deadbeef'],
    });
  });

  it('treats a repository that does not exist as holding none of the ids', async () => {
    const uploader = uploaderAnswering(() => Promise.reject(new UploaderError(UploaderErrorCode.RepositoryNotFound, 'no repository')));
    await expect(deleteRequestedSnapshots(deps(uploader), request)).resolves.toEqual({
      v: 1,
      deleted: [],
      missing: ['044c14cc', 'deadbeef'],
    });
  });

  it.each([
    ['a locked repository (retryable)', new UploaderError(UploaderErrorCode.RepositoryLocked, 'locked'), true],
    ['a wrong password', new UploaderError(UploaderErrorCode.WrongPassword, 'wrong password'), false],
  ])('rejects on %s with its code', async (_what, failure, retryable) => {
    const uploader = uploaderAnswering(() => Promise.reject(failure));
    await expect(deleteRequestedSnapshots(deps(uploader), request)).rejects.toMatchObject({ code: failure.code, retryable });
  });

  it('rejects with the resolver error when the BSL is missing', async () => {
    const resolver = { resolve: () => Promise.reject(new MoverServiceError(MoverServiceErrorCode.StorageLocationNotFound, 'gone')) };
    const uploader = uploaderAnswering(() => Promise.reject(new Error('not reached')));
    await expect(deleteRequestedSnapshots(deps(uploader, resolver), request)).rejects.toMatchObject({ code: 'MOVER_BSL_NOT_FOUND' });
  });
});
