import { spawn } from 'node:child_process';

/** One run of a command-line tool. Secrets go in `env`, never in `args`. */
export interface ProcessRun {
  readonly command: string;
  readonly args: readonly string[];
  /** Added to a minimal environment (PATH, HOME); the parent's environment is not inherited. */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Called with each complete stdout line (ended by `\n` or `\r`), as it arrives. */
  readonly onStdoutLine?: (line: string) => void;
  /** Called with each complete stderr line (ended by `\n` or `\r`: kopia redraws progress with `\r`). */
  readonly onStderrLine?: (line: string) => void;
  /** Aborting sends SIGINT (restic and kopia then stop cleanly), SIGKILL after `killAfterMs`. */
  readonly signal?: AbortSignal;
  readonly killAfterMs?: number;
}

/** How a run ended. `stdout` keeps everything printed; `stderrTail` the last lines of stderr. */
export interface ProcessResult {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly aborted: boolean;
  readonly stdout: string;
  readonly stderrTail: string;
}

const stderrTailLines = 20;

function lineSplitter(onLine: ((line: string) => void) | undefined, keep: (line: string) => void) {
  let partial = '';
  return {
    push(chunk: Buffer) {
      const lines = (partial + chunk.toString('utf8')).split(/\r\n|\r|\n/);
      partial = lines.pop() ?? '';
      for (const line of lines) {
        keep(line);
        onLine?.(line);
      }
    },
    end() {
      if (partial) {
        keep(partial);
        onLine?.(partial);
      }
    },
  };
}

/**
 * Runs a tool to its end and resolves with how it ended; never rejects for a non-zero exit (the
 * caller classifies it), only when the command cannot be spawned at all. The environment is
 * minimal on purpose, so no secret of this process leaks into the tool.
 */
export function runProcess(run: ProcessRun): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(run.command, [...run.args], {
      cwd: run.cwd,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp', ...run.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const stderr: string[] = [];
    const out = lineSplitter(run.onStdoutLine, (line) => (stdout += `${line}\n`));
    const err = lineSplitter(run.onStderrLine, (line) => {
      stderr.push(line);
      if (stderr.length > stderrTailLines) stderr.shift();
    });
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    let aborted = false;
    let killTimer: NodeJS.Timeout | undefined;
    const abort = () => {
      aborted = true;
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), run.killAfterMs ?? 10_000);
      killTimer.unref();
    };
    if (run.signal?.aborted) abort();
    else run.signal?.addEventListener('abort', abort, { once: true });
    child.once('error', reject);
    child.once('close', (exitCode, signal) => {
      clearTimeout(killTimer);
      run.signal?.removeEventListener('abort', abort);
      out.end();
      err.end();
      resolve({ exitCode, signal, aborted, stdout, stderrTail: stderr.join('\n') });
    });
  });
}
