import { ExitCode, type CliIo } from './cli-io';
import { runCli } from './cli-program';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (text: string) => void (io.stdout += text), err: (text: string) => void (io.stderr += text) };
  return io;
}

describe('ferry cli - command line parsing', () => {
  it('prints help for --help with exit 0', async () => {
    const io = capture();
    expect(await runCli(['policy', '--help'], io)).toBe(ExitCode.Ok);
    expect(io.stdout).toMatch(/validate \[options\] <file>|validate <file>/);
  });

  it('rejects an unknown command with usage exit code 2 and help', async () => {
    const io = capture();
    expect(await runCli(['polcy'], io)).toBe(ExitCode.Usage);
    expect(io.stderr).toMatch(/unknown command 'polcy'/);
  });

  it('rejects a missing argument naming it', async () => {
    const io = capture();
    expect(await runCli(['policy', 'validate'], io)).toBe(ExitCode.Usage);
    expect(io.stderr).toMatch(/missing required argument 'file'/);
  });
});
