// Reading back a `<b>-results.gz` document (what `encodeBackupResults` wrote, or Velero): the
// controller keeps the collection's results in the bucket while volume operations run, so a
// restarted controller can finish the backup with them.
import type { BackupResult, BackupResults } from '../results/backup-results';

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

function resultOf(value: unknown): BackupResult {
  const part = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const namespaces =
    part['namespaces'] !== null && typeof part['namespaces'] === 'object' ? (part['namespaces'] as Record<string, unknown>) : {};
  return {
    velero: strings(part['velero']),
    cluster: strings(part['cluster']),
    namespaces: Object.fromEntries(Object.entries(namespaces).map(([namespace, messages]) => [namespace, strings(messages)])),
  };
}

/**
 * The results in `text` (the document's JSON); missing parts are empty. Returns `undefined` when
 * `text` is not a JSON object. Pure.
 */
export function decodeBackupResults(text: string): BackupResults | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const document = parsed as Record<string, unknown>;
  return { errors: resultOf(document['errors']), warnings: resultOf(document['warnings']) };
}
