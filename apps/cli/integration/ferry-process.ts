// Runs `ferry` as a user would: a child process of `apps/cli/src/main.ts` (through tsx) with the
// environment's kubeconfig, stdout a pipe (so --wait prints plain lines), collecting its output.
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
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(repositoryRoot, 'apps/cli/src/main.ts'), ...args], {
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
