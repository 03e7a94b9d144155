// Which of the snapshot ids a deletion asks for the repository holds. Pure: both tools list the
// repository first and delete only what is there, so a repeated deletion is a no-op, not an error.
import type { SnapshotDeletion } from './uploader';

/**
 * Splits `requested` (deduplicated, order kept) into the ids `stored` holds and the others. An id
 * matches a stored id equal to it or starting with it (restic short ids); an empty id never matches.
 */
export function partitionSnapshotIds(requested: readonly string[], stored: readonly string[]): SnapshotDeletion {
  const deleted: string[] = [];
  const missing: string[] = [];
  for (const id of new Set(requested)) {
    const held = id !== '' && stored.some((storedId) => storedId === id || storedId.startsWith(id));
    (held ? deleted : missing).push(id);
  }
  return { deleted, missing };
}
