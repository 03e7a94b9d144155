import { parse } from 'yaml';
import { ExitCode, type CliIo } from '../cli-io';
import { runCli, type CliDependencies } from '../cli-program';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (text: string) => void (io.stdout += text), err: (text: string) => void (io.stderr += text) };
  return io;
}

const offline: CliDependencies = {
  defaultNamespace: 'velero',
  connect: () => {
    throw new Error('no cluster in unit tests');
  },
  now: () => Date.parse('2026-12-06T22:15:09Z'),
  planBackup: () => Promise.reject(new Error('no cluster in unit tests')),
};

async function run(args: string[]): Promise<{ code: ExitCode; stdout: string; stderr: string }> {
  const io = capture();
  const code = await runCli(args, io, offline);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('ferry backup|restore|schedule delete - without --confirm and no answer', () => {
  it.each(['backup', 'restore', 'schedule'])('%s delete asks, reads end of input and deletes nothing (exit 0)', async (kind) => {
    const result = await run([kind, 'delete', 'x']);
    expect(result).toEqual({
      code: ExitCode.Ok,
      stdout: 'Are you sure you want to continue (Y/N)? ',
      stderr: 'error reading user input: EOF\n',
    });
  });
});

describe('ferry backup|restore|schedule create - flags, offline with -o', () => {
  it('prints the Backup it would submit with -o yaml, in the namespace of -n', async () => {
    const result = await run([
      'backup',
      'create',
      'b1',
      '-n',
      'ferry',
      '--snapshot-move-data',
      '--include-namespaces',
      'app',
      '-o',
      'yaml',
    ]);
    expect(result.code).toBe(ExitCode.Ok);
    expect(parse(result.stdout)).toMatchObject({
      metadata: { name: 'b1', namespace: 'ferry' },
      spec: { includedNamespaces: ['app'], snapshotMoveData: true },
    });
  });

  it('prints the Restore it would submit with its generated name', async () => {
    const result = await run(['restore', 'create', '--from-backup', 'b1', '--namespace-mappings', 'app:app2', '-o', 'json']);
    expect(result.code).toBe(ExitCode.Ok);
    expect(JSON.parse(result.stdout)).toMatchObject({
      metadata: { name: 'b1-20261206221509' },
      spec: { namespaceMapping: { app: 'app2' } },
    });
  });

  it.each([
    [['backup', 'create', 'b1', '--ttl', '3d'], 'An error occurred: invalid value "3d" for --ttl'],
    [['backup', 'create'], 'An error occurred: a backup name is required, unless you are creating based on a schedule (--from-schedule)'],
    [
      ['backup', 'create', 'b1', '-o', 'xml'],
      `An error occurred: invalid output format "xml" for -o/--output - valid values are 'table', 'json', and 'yaml'`,
    ],
    [['restore', 'create', 'r1'], 'An error occurred: either a backup or schedule must be specified'],
    [['restore', 'create', '--from-backup', 'b', '--existing-resource-policy', 'x'], 'existing-resource-policy has invalid value "x"'],
    [['schedule', 'create', 'daily'], 'An error occurred: --schedule is required'],
    [['backup', 'delete', 'b1', '--all', '--confirm'], 'you must specify exactly one of: specific backup name(s)'],
    [['backup', 'get', '--kubeconfig', '/none'], 'An error occurred: no cluster in unit tests'],
  ])('%j fails with exit 1 and one line on stderr', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(ExitCode.Failure);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });
});

describe('ferry backup|restore describe - the -o values', () => {
  it.each(['yaml', 'table'])("backup describe rejects -o %s with Velero's message, before connecting", async (format) => {
    expect(await run(['backup', 'describe', 'b1', '-o', format])).toEqual({
      code: ExitCode.Failure,
      stdout: '',
      stderr: `An error occurred: invalid output format '${format}'. valid value are 'plaintext, json'\n`,
    });
  });

  it.each([
    ['backup', 'json'],
    ['backup', 'plaintext'],
    ['restore', 'yaml'],
  ])('%s describe takes -o %s (and goes on to connect)', async (kind, format) => {
    expect(await run([kind, 'describe', 'x', '-o', format])).toMatchObject({
      code: ExitCode.Failure,
      stderr: 'An error occurred: no cluster in unit tests\n',
    });
  });
});
