// Writing a Backup: velero.io kinds have no status subresource (reference §11), so the whole
// object is replaced, read fresh and retried on Conflict. One write per phase change, so each
// change reaches watchers (`velero backup create --wait`) as its own MODIFIED event.
import { backupDefinition, type Backup, type BackupStatus } from '@ferry/api';
import { createCustomResourceClient, retryOnConflict, type KubeClient } from '@ferry/kube';

/**
 * Writes one Backup: `mutate` gets the current object (read fresh) and returns the object to
 * store, or undefined to leave it. Resolves with the stored object, or undefined when nothing was
 * written (absent, or `mutate` declined). Retries on Conflict with a fresh read.
 */
export type BackupWriter = (
  namespace: string,
  name: string,
  mutate: (current: Backup) => Backup | undefined,
) => Promise<Backup | undefined>;

/** A {@link BackupWriter} over the API server (a write-fenced leader client fits). */
export function createBackupWriter(kube: KubeClient): BackupWriter {
  const client = createCustomResourceClient<Backup>(kube, backupDefinition);
  return (namespace, name, mutate) =>
    retryOnConflict(async () => {
      const current = await client.find(namespace, name);
      const next = current && mutate(current);
      return next ? client.replace(next) : undefined;
    });
}

/** Reads a Backup from the API server (not a cache); undefined when it is gone. */
export function createBackupReader(kube: KubeClient): (namespace: string, name: string) => Promise<Backup | undefined> {
  const client = createCustomResourceClient<Backup>(kube, backupDefinition);
  return (namespace, name) => client.find(namespace, name);
}

/**
 * A mutation that merges `status` into the Backup's status, only while it is the same Backup
 * (`uid`) in one of `phases` — a step never overwrites a phase another step (or a deletion) moved on.
 */
export function statusUpdate(
  uid: string | undefined,
  phases: readonly (string | undefined)[],
  status: Partial<BackupStatus>,
): (current: Backup) => Backup | undefined {
  return (current) => {
    if (current.metadata.uid !== uid || !phases.includes(current.status?.phase ?? '')) return undefined;
    return { ...current, status: { ...current.status, ...status } };
  };
}
