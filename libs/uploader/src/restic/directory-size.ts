import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Total size in bytes of the regular files under `root` (symlinks and folders count 0), as
 * Velero's restic restore progress measures the target. Entries that vanish during the walk are
 * skipped; rejects only when `root` itself cannot be read.
 */
export async function directorySize(root: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    try {
      total += (await lstat(join(entry.parentPath, entry.name))).size;
    } catch {
      // Renamed or removed by restic while walking: it is counted on the next poll.
    }
  }
  return total;
}
