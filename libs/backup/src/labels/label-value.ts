// Velero's `label.GetValidName`: names used as label values (backup name, storage location)
// are cut to 63 characters, the last 6 replaced by the start of the full name's sha256.
import { createHash } from 'node:crypto';

/** Longest label value (DNS-1035 label length). */
export const maxLabelValueLength = 63;

/**
 * `name` as Velero puts it in a label value (`velero.io/backup-name`,
 * `velero.io/storage-location`…): unchanged up to 63 bytes, else its first 57 bytes followed by
 * the first 6 hex digits of its sha256. Select by this value, never by the raw name. Pure.
 */
export function veleroLabelValue(name: string): string {
  // Every restored item carries two such labels: a short name costs no buffer.
  if (Buffer.byteLength(name, 'utf8') <= maxLabelValueLength) return name;
  const bytes = Buffer.from(name, 'utf8');
  const hash = createHash('sha256').update(bytes).digest('hex');
  return `${bytes.subarray(0, maxLabelValueLength - 6).toString('utf8')}${hash.slice(0, 6)}`;
}
