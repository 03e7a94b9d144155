// Runs `ferry` as a user would: a child process of `apps/cli/src/main.ts` (through tsx) with the
// environment's kubeconfig, stdout a pipe (so --wait prints plain lines), collecting its output; and
// the real velero CLI the same way.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** What one run of `ferry` printed and how it exited. */
export interface FerryRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const repositoryRoot = resolve(__dirname, '../../..');

/** Runs `ferry <args>` against `kubeconfig`; resolves when it exits (killed after `timeoutMs`). */
export function runFerry(args: readonly string[], kubeconfig: string, timeoutMs = 240_000): Promise<FerryRun> {
  return runAgainst(process.execPath, ['--import', 'tsx', resolve(repositoryRoot, 'apps/cli/src/main.ts'), ...args], kubeconfig, timeoutMs);
}

/** Runs the real velero CLI (`binary`, the environment's `binaries.velero`) with `args` against `kubeconfig`, colours off. */
export function runVelero(binary: string, args: readonly string[], kubeconfig: string, timeoutMs = 120_000): Promise<FerryRun> {
  return runAgainst(binary, [...args, '--colorized=false'], kubeconfig, timeoutMs);
}

function runAgainst(command: string, args: readonly string[], kubeconfig: string, timeoutMs: number): Promise<FerryRun> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: repositoryRoot,
      env: { ...process.env, KUBECONFIG: kubeconfig },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}
