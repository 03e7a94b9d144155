import { ExitCode, type CliIo } from './cli-io';
import { runCli, type CliDependencies } from './cli-program';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (text: string) => void (io.stdout += text), err: (text: string) => void (io.stderr += text) };
  return io;
}

const offline = {
  connect: () => {
    throw new Error('no cluster in unit tests');
  },
  now: () => 0,
};

const dependencies: CliDependencies = {
  ...offline,
  defaultNamespace: 'velero',
  planBackup: () => Promise.reject(new Error('no cluster in unit tests')),
};

describe('ferry cli - command line parsing', () => {
  it('prints help for --help with exit 0', async () => {
    const io = capture();
    expect(await runCli(['policy', '--help'], io, dependencies)).toBe(ExitCode.Ok);
    expect(io.stdout).toMatch(/validate \[options\] <file>|validate <file>/);
  });

  it('rejects an unknown command with usage exit code 2 and help', async () => {
    const io = capture();
    expect(await runCli(['polcy'], io, dependencies)).toBe(ExitCode.Usage);
    expect(io.stderr).toMatch(/unknown command 'polcy'/);
  });

  it('rejects a missing argument naming it', async () => {
    const io = capture();
    expect(await runCli(['policy', 'validate'], io, dependencies)).toBe(ExitCode.Usage);
    expect(io.stderr).toMatch(/missing required argument 'file'/);
  });
});

describe('ferry policy explain - options', () => {
  it('requires --backup', async () => {
    const io = capture();
    expect(await runCli(['policy', 'explain'], io, dependencies)).toBe(ExitCode.Usage);
    expect(io.stderr).toMatch(/required option '--backup <name>' not specified/);
  });

  it('rejects an unknown output format, listing the allowed ones', async () => {
    const io = capture();
    expect(await runCli(['policy', 'explain', '--backup', 'b', '-o', 'yaml'], io, dependencies)).toBe(ExitCode.Usage);
    expect(io.stderr).toMatch(/Allowed choices are table, json/);
  });

  it('plans the Backup in the default namespace and reports a planning failure with exit 1', async () => {
    const asked: unknown[] = [];
    const io = capture();
    const code = await runCli(['policy', 'explain', '--backup', 'nightly'], io, {
      ...offline,
      defaultNamespace: 'velero',
      planBackup: (backup) => {
        asked.push(backup);
        return Promise.reject(new Error('backup velero/nightly not found'));
      },
    });
    expect(code).toBe(ExitCode.Failure);
    expect(asked).toEqual([{ namespace: 'velero', name: 'nightly' }]);
    expect(io.stderr).toBe('cannot plan backup velero/nightly: backup velero/nightly not found\n');
  });
});
