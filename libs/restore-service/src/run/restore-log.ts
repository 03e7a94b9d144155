// The restore's own log (`restore-<r>-logs.gz`): logrus text lines as Velero writes them
// (`time="…" level=info msg="…" key=value…` with `restore=<ns>/<name>` among the sorted fields), gzip'd into a temporary file as
// they are written, so a 50,000-item restore keeps no log lines in memory beyond one batch: lines
// go to gzip in batches of some 64 KiB (one compression call per line cost more than the line).
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { type LogLevel, logrusTextLine } from '@ferry/backup';

/** Levels Velero's restore log uses. */
export type RestoreLogLevel = typeof LogLevel.Info | typeof LogLevel.Warning | typeof LogLevel.Error;

/** Writes a restore's log lines; never throws. */
export interface RestoreLog {
  write(level: RestoreLogLevel, message: string, fields?: Readonly<Record<string, string | number>>): void;
  /** Ends the file and answers its gzip'd bytes. */
  finish(): Promise<Buffer>;
  /** Removes the temporary file. Idempotent; never rejects. */
  dispose(): Promise<void>;
}

/** Characters of log lines handed to gzip at once. */
const batchChars = 64 * 1024;

/** Opens a log for restore `<namespace>/<name>`; `now` stamps the lines. */
export async function openRestoreLog(restore: string, now: () => Date): Promise<RestoreLog> {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-restore-log-'));
  const path = join(dir, 'restore.log.gz');
  const gzip = createGzip();
  const file = createWriteStream(path);
  gzip.pipe(file);
  let failed = false;
  gzip.on('error', () => (failed = true));
  file.on('error', () => (failed = true));
  let batch = '';
  const flush = () => {
    if (batch !== '' && !failed) gzip.write(batch);
    batch = '';
  };
  return {
    write(level, message, fields = {}) {
      if (failed) return;
      batch += logrusTextLine({ time: now(), level, message, fields: { ...fields, restore } });
      if (batch.length >= batchChars) flush();
    },
    async finish() {
      flush();
      gzip.end();
      await once(file, 'close');
      return readFile(path);
    },
    dispose: () => rm(dir, { recursive: true, force: true }).catch(() => undefined),
  };
}
