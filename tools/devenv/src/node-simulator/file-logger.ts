import { createWriteStream } from 'node:fs';
import type { KubeLogger, LogFields } from '@ferry/kube';

/** A logger that appends JSON lines to a file and can be closed. */
export interface ClosableLogger extends KubeLogger {
  /** Flushes and closes the file; later lines are dropped. */
  close(): Promise<void>;
}

/**
 * Appends one JSON object per line (`time`, `level`, `msg`, fields) to `path`, pino-style, so
 * `jq` reads the simulator's log. Writing never throws into the caller.
 */
export function createFileLogger(path: string, component: string): ClosableLogger {
  const stream = createWriteStream(path, { flags: 'a' });
  stream.on('error', () => undefined);
  let closed = false;
  const write = (level: string) => (fields: LogFields, message: string) => {
    if (closed) return;
    stream.write(`${JSON.stringify({ time: new Date().toISOString(), level, component, msg: message, ...fields })}\n`);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        stream.end(resolve);
      }),
  };
}
