import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { DevEnvError, DevEnvErrorCode } from './errors';

/** How to start one server of the environment. Secrets go in `env`, never in `args`. */
export interface ProcessSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Working directory; default this process's. */
  readonly cwd?: string;
  readonly logFile: string;
  /** Resolves true once the server answers; polled until `readyTimeoutMs`. */
  readonly isReady: () => Promise<boolean>;
  readonly readyTimeoutMs: number;
  /** Called once the process exited, however it ended (a supervisor restarts it from here). */
  readonly onExit?: (code: number | null) => void;
}

/** A started server: its pid for the reaper and `down`, and a stop that waits for exit. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** SIGTERM, then SIGKILL after a grace period; resolves once it exited. Idempotent. */
  stop(): Promise<void>;
  /** Sends `signal` (tests: `SIGKILL` to crash it mid-work) and resolves once it exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Sends `signal` and returns at once (SIGSTOP/SIGCONT: the process does not exit). */
  signal(signal: NodeJS.Signals): void;
}

const stopGraceMs = 5_000;

/**
 * Starts a server, sends its output to `logFile`, and resolves when `isReady` answers true.
 * Rejects (after killing the process) if it exits or is not ready in time; the error carries the
 * tail of its log so the reason is visible without opening files.
 */
export async function startProcess(spec: ProcessSpec): Promise<ManagedProcess> {
  const log = createWriteStream(spec.logFile, { flags: 'a' });
  const child = spawn(spec.command, spec.args, {
    env: { ...process.env, ...spec.env },
    ...(spec.cwd ? { cwd: spec.cwd } : {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (spec.onExit) void exited.then(spec.onExit);
  const handle = toHandle(spec.name, child, exited);

  const deadline = Date.now() + spec.readyTimeoutMs;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new DevEnvError(
        DevEnvErrorCode.ProcessExited,
        `${spec.name} exited with code ${exitCode} while starting; log ${spec.logFile}:\n${await logTail(spec.logFile)}`,
        false,
      );
    }
    if (await spec.isReady().catch(() => false)) return handle;
    await sleep(100);
  }
  await handle.stop();
  throw new DevEnvError(
    DevEnvErrorCode.NotReady,
    `${spec.name} was not ready within ${spec.readyTimeoutMs} ms; log ${spec.logFile}:\n${await logTail(spec.logFile)}`,
    true,
  );
}

function toHandle(name: string, child: ChildProcess, exited: Promise<number | null>): ManagedProcess {
  if (child.pid === undefined) {
    throw new DevEnvError(DevEnvErrorCode.ProcessExited, `${name} could not be spawned`, false);
  }
  return {
    name,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      // Unreferenced: a grace timer must not keep this process alive after the server exited.
      const timedOut = await Promise.race([exited.then(() => false), sleep(stopGraceMs, true, { ref: false })]);
      if (timedOut) {
        child.kill('SIGKILL');
        await exited;
      }
    },
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
    signal(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

async function logTail(file: string, lines = 15): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-lines).join('\n');
}

/** Resolves true when an HTTP(S) GET of `url` answers 200. TLS is not verified (self-signed, loopback). */
export async function httpOk(url: string, headers: Record<string, string> = {}): Promise<boolean> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(2_000) });
  await response.body?.cancel();
  return response.status === 200;
}
