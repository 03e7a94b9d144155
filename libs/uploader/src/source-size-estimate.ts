// A backup's total before the tool knows it: the bytes of the regular files under the source
// folder, from one metadata walk (readdir + lstat, no data read), run alongside the upload. Kopia
// prints its own estimate only once its estimator finishes, which on most volumes is after hashing
// is done, so without this the default uploader's transfers have no total — and no ETA — for their
// whole run. Symbolic links are not followed (as kopia snapshots them as links).
import { lstat, opendir } from 'node:fs/promises';
import { join } from 'node:path';

/** Entries whose metadata is read at once. */
const statConcurrency = 32;

/**
 * The size in bytes of the regular files under `dir` (recursively). Unreadable entries count 0;
 * rejects only when `dir` itself cannot be read or `signal` aborts.
 */
export async function estimateSourceBytes(dir: string, signal?: AbortSignal): Promise<number> {
  let total = 0;
  const pending: string[] = [dir];
  const walkOne = async (folder: string, root: boolean): Promise<void> => {
    let entries;
    try {
      entries = await opendir(folder);
    } catch (error) {
      if (root) throw error;
      return;
    }
    const files: string[] = [];
    for await (const entry of entries) {
      if (entry.isDirectory()) pending.push(join(folder, entry.name));
      else if (entry.isFile()) files.push(join(folder, entry.name));
    }
    for (let index = 0; index < files.length; index += statConcurrency) {
      signal?.throwIfAborted();
      const sizes = await Promise.all(
        files.slice(index, index + statConcurrency).map((file) =>
          lstat(file).then(
            (stats) => stats.size,
            () => 0,
          ),
        ),
      );
      for (const size of sizes) total += size;
    }
  };
  let root = true;
  while (pending.length > 0) {
    signal?.throwIfAborted();
    await walkOne(pending.pop() ?? '', root);
    root = false;
  }
  return total;
}
