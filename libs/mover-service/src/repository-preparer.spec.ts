import { UploaderError, UploaderErrorCode, type RepositoryAccess, type Uploader } from '@ferry/uploader';
import { MoverServiceErrorCode } from './errors';
import type { RepositoryClaim, RepositoryClaims } from './repository-claim';
import { prepareRepository } from './repository-preparer';

type Step = 'ok' | UploaderErrorCode;

/** A fake uploader whose connect/create answer from scripted steps (the last repeats) and record calls. */
function fakeUploader(connects: Step[], creates: Step[] = ['ok']) {
  const calls: string[] = [];
  const answer = (name: string, steps: Step[]) => async () => {
    calls.push(name);
    const step = steps.length > 1 ? steps.shift() : steps[0];
    if (step !== 'ok') throw new UploaderError(step ?? UploaderErrorCode.ToolFailed, `${name} failed`);
  };
  const unused = () => Promise.reject(new Error('not used'));
  const uploader: Uploader = {
    kind: 'kopia',
    connectRepository: answer('connect', connects),
    createRepository: answer('create', creates),
    backup: unused,
    restore: unused,
    listSnapshots: unused,
    deleteSnapshots: unused,
    checkRepository: unused,
  };
  return { uploader, calls };
}

function fakeClaims(claim: RepositoryClaim['won']) {
  const released: string[] = [];
  const claims: RepositoryClaims = {
    holdMs: 120_000,
    claim: async ({ key }) =>
      claim
        ? { won: true, release: () => released.push(key) }
        : { won: false, holder: { node: 'node-b', claimedAt: '2026-01-01T00:00:00Z' } },
  };
  return { claims, released };
}

const access: RepositoryAccess = {
  location: {
    endpoint: 'http://minio:9000',
    region: 'us-east-1',
    bucket: 'velero',
    prefix: 'ferry',
    volumeNamespace: 'shop',
    accessKeyId: 'AK',
    secretAccessKey: 'SK',
  },
  password: 'pw',
  workDir: '/w',
};
const request = {
  key: 'ab'.repeat(16),
  uploader: 'kopia',
  repository: { backupStorageLocation: 'default', volumeNamespace: 'shop' },
} as const;
const options = (claims: RepositoryClaims, extra: { waitMs?: number; signal?: AbortSignal } = {}) => ({
  claims,
  request,
  signal: extra.signal ?? new AbortController().signal,
  pollMs: 1,
  ...(extra.waitMs === undefined ? {} : { waitMs: extra.waitMs }),
});

describe('repository preparation - one creator per repository', () => {
  it('connects to an existing repository without claiming', async () => {
    const { uploader, calls } = fakeUploader(['ok']);
    const claims = { holdMs: 1, claim: jest.fn() };
    await expect(prepareRepository(uploader, access, options(claims))).resolves.toBe('connected');
    expect(calls).toEqual(['connect']);
    expect(claims.claim).not.toHaveBeenCalled();
  });

  it('creates a missing repository when the claim is won, and releases the claim', async () => {
    const { uploader, calls } = fakeUploader([UploaderErrorCode.RepositoryNotFound]);
    const { claims, released } = fakeClaims(true);
    await expect(prepareRepository(uploader, access, options(claims))).resolves.toBe('created');
    expect(calls).toEqual(['connect', 'create']);
    expect(released).toEqual([request.key]);
  });

  it('connects when the won creation finds a repository already there', async () => {
    const { uploader, calls } = fakeUploader([UploaderErrorCode.RepositoryNotFound, 'ok'], [UploaderErrorCode.RepositoryExists]);
    await expect(prepareRepository(uploader, access, options(fakeClaims(true).claims))).resolves.toBe('connected');
    expect(calls).toEqual(['connect', 'create', 'connect']);
  });

  it('releases the claim and rethrows when creating fails', async () => {
    const { uploader } = fakeUploader([UploaderErrorCode.RepositoryNotFound], [UploaderErrorCode.StorageUnreachable]);
    const { claims, released } = fakeClaims(true);
    await expect(prepareRepository(uploader, access, options(claims))).rejects.toMatchObject({
      code: UploaderErrorCode.StorageUnreachable,
    });
    expect(released).toHaveLength(1);
  });

  it('never creates when the claim is lost: polls connect through missing and half-written states', async () => {
    const { uploader, calls } = fakeUploader([
      UploaderErrorCode.RepositoryNotFound,
      UploaderErrorCode.RepositoryNotFound,
      UploaderErrorCode.ToolFailed,
      'ok',
    ]);
    await expect(prepareRepository(uploader, access, options(fakeClaims(false).claims))).resolves.toBe('joined');
    expect(calls).toEqual(['connect', 'connect', 'connect', 'connect']);
  });

  it('stops polling on an error that waiting cannot fix', async () => {
    const { uploader } = fakeUploader([UploaderErrorCode.RepositoryNotFound, UploaderErrorCode.WrongPassword]);
    await expect(prepareRepository(uploader, access, options(fakeClaims(false).claims))).rejects.toMatchObject({
      code: UploaderErrorCode.WrongPassword,
    });
  });

  it('fails retryable, naming the repository and the holder, when the repository never appears', async () => {
    const { uploader, calls } = fakeUploader([UploaderErrorCode.RepositoryNotFound]);
    const error = await prepareRepository(uploader, access, options(fakeClaims(false).claims, { waitMs: 20 })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: MoverServiceErrorCode.RepositoryNotCreated, retryable: true });
    expect((error as Error).message).toContain(
      'kopia repository s3://velero/ferry/kopia/shop at http://minio:9000 (BackupStorageLocation default, volume namespace shop)',
    );
    expect((error as Error).message).toContain('node node-b');
    expect((error as Error).message).not.toMatch(/\bSK\b|\bpw\b/);
    expect(calls).not.toContain('create');
  });

  it('stops waiting when aborted', async () => {
    const { uploader } = fakeUploader([UploaderErrorCode.RepositoryNotFound]);
    const controller = new AbortController();
    const waiting = prepareRepository(uploader, access, {
      ...options(fakeClaims(false).claims, { signal: controller.signal }),
      pollMs: 60_000,
    });
    setTimeout(() => controller.abort(), 10);
    await expect(waiting).rejects.toMatchObject({ code: UploaderErrorCode.Canceled });
  });
});
