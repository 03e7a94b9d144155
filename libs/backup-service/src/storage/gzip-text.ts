// gzip of the small documents of a backup (results, lists, logs): Velero writes them with Go's
// gzip.Writer; any gzip reader (Velero's CLI, `velero backup logs`) reads ours.
import { gunzipSync, gzipSync } from 'node:zlib';

/** `text` (UTF-8) gzip'd. */
export function gzipText(text: string): Uint8Array {
  return gzipSync(Buffer.from(text, 'utf8'));
}

/** The UTF-8 text of gzip'd `bytes`; throws the zlib error when they are not gzip. */
export function gunzipText(bytes: Uint8Array): string {
  return gunzipSync(bytes).toString('utf8');
}
