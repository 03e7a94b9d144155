// Connect-or-create for a single process. Several nodes sharing a bucket coordinate creation
// instead (see Uploader.createRepository); this helper is for tests, tools and benchmarks.
import { UploaderError, UploaderErrorCode } from './errors';
import type { RepositoryAccess, Uploader } from './uploader';

function hasCode(error: unknown, code: UploaderErrorCode): boolean {
  return error instanceof UploaderError && error.code === code;
}

/**
 * Connects to the repository of `access`, creating it first when there is none; resolves with
 * what it did. Idempotent. Safe only when no other process may create the same repository at the
 * same moment (one node, one process): movers use their cluster-wide repository claim instead.
 * Rejects with the uploader's `UploaderError`.
 */
export async function ensureRepository(
  uploader: Uploader,
  access: RepositoryAccess,
  signal?: AbortSignal,
): Promise<'connected' | 'created'> {
  try {
    await uploader.connectRepository(access, signal);
    return 'connected';
  } catch (error) {
    if (!hasCode(error, UploaderErrorCode.RepositoryNotFound)) throw error;
  }
  try {
    await uploader.createRepository(access, signal);
    return 'created';
  } catch (error) {
    if (!hasCode(error, UploaderErrorCode.RepositoryExists)) throw error;
  }
  await uploader.connectRepository(access, signal);
  return 'connected';
}
