import { Readable } from 'node:stream';
import { ExitCode, type CliIo } from '../cli-io';
import type { VeleroResources } from '../velero/velero-resources';
import type { CommandContext } from './command-context';
import { askConfirmation, confirmOnInput } from './confirmation';
import { aggregateMessage, deleteObjects, selectionProblem, type DeleteKind } from './delete-command';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (text: string) => void (io.stdout += text), err: (text: string) => void (io.stderr += text) };
  return io;
}

const prompt = 'Are you sure you want to continue (Y/N)? ';

describe('delete - selection', () => {
  const problem = 'you must specify exactly one of: specific backup name(s), the --all flag, or the --selector flag';
  it.each<[string, string[], { all?: boolean; selector?: string }, string | undefined]>([
    ['names', ['b1', 'b2'], {}, undefined],
    ['--all', [], { all: true }, undefined],
    ['--selector', [], { selector: 'app=shop' }, undefined],
    ['nothing', [], {}, problem],
    ['names and --all', ['b1'], { all: true }, problem],
    ['--all and --selector', [], { all: true, selector: 'a=b' }, problem],
  ])('%s', (_name, names, options, expected) => {
    expect(selectionProblem('backup', names, { namespace: 'velero', ...options })).toBe(expected);
  });

  it.each([
    [[new Error('a')], 'a'],
    [[new Error('a'), new Error('b')], '[a, b]'],
  ])('aggregates %j as Kubernetes does', (errors, expected) => {
    expect(aggregateMessage(errors)).toBe(expected);
  });
});

describe('delete - confirmation', () => {
  it.each<[string, string[], boolean, string, string]>([
    ['y', ['y'], true, prompt, ''],
    ['Y with spaces', ['  Y '], true, prompt, ''],
    ['n', ['N'], false, prompt, ''],
    ['asks again after anything else', ['yes', '', 'n'], false, prompt.repeat(3), ''],
    ['end of input', [], false, prompt, 'error reading user input: EOF\n'],
  ])('%s', async (_name, lines, expected, stdout, stderr) => {
    const io = capture();
    expect(await askConfirmation(io, lines)).toBe(expected);
    expect(io.stdout).toBe(stdout);
    expect(io.stderr).toBe(stderr);
  });

  it('reads lines from a stream and treats no stream as end of input', async () => {
    expect(await confirmOnInput(capture(), Readable.from(['maybe\r\n', 'y\n']))).toBe(true);
    expect(await confirmOnInput(capture(), undefined)).toBe(false);
  });
});

describe('delete - the flow shared by backup, restore and schedule', () => {
  type Item = { name: string };
  const stored = new Map([
    ['a', { name: 'a' }],
    ['b', { name: 'b' }],
  ]);
  function kind(allNamesFirst: boolean, removed: string[], failOn?: string): DeleteKind<Item> {
    return {
      singular: 'thing',
      allNamesFirst,
      reader: () => ({
        get: (_ns, name) =>
          stored.has(name) ? Promise.resolve(stored.get(name) as Item) : Promise.reject(new Error(`"${name}" not found`)),
        list: () => Promise.resolve([...stored.values()]),
      }),
      remove: (_resources, item) => {
        if (item.name === failOn) return Promise.reject(new Error(`cannot remove ${item.name}`));
        removed.push(item.name);
        return Promise.resolve(`removed ${item.name}\n`);
      },
    };
  }
  const contextFor = (io: CliIo, input?: NodeJS.ReadableStream): CommandContext => ({
    io,
    defaultNamespace: 'velero',
    connect: () => ({}) as VeleroResources,
    now: () => 0,
    ...(input ? { input } : {}),
  });

  it.each<[string, boolean, string[], { all?: boolean; confirm?: boolean }, string[], string, string | undefined]>([
    ['removes every named object', false, ['a', 'b'], { confirm: true }, ['a', 'b'], 'removed a\nremoved b\n', undefined],
    ['removes all with --all', false, [], { all: true, confirm: true }, ['a', 'b'], 'removed a\nremoved b\n', undefined],
    ['removes the found ones, then reports the missing', false, ['a', 'x'], { confirm: true }, ['a'], 'removed a\n', '"x" not found'],
    ['finds none: says so, exit 0 (Velero drops the errors)', false, ['x'], { confirm: true }, [], 'No things found\n', undefined],
    [
      'restore: a missing name stops before anything is removed',
      true,
      ['a', 'x'],
      { confirm: true },
      [],
      'errs:  ["x" not found]\n',
      '"x" not found',
    ],
  ])('%s', async (_name, allNamesFirst, names, options, removedNames, stdout, failure) => {
    const io = capture();
    const removed: string[] = [];
    const run = deleteObjects(contextFor(io), kind(allNamesFirst, removed), names, { namespace: 'velero', ...options });
    if (failure) await expect(run).rejects.toThrow(failure);
    else expect(await run).toBe(ExitCode.Ok);
    expect(removed).toEqual(removedNames);
    expect(io.stdout).toBe(stdout);
  });

  it('aggregates removal failures after trying every object', async () => {
    const removed: string[] = [];
    const run = deleteObjects(contextFor(capture()), kind(false, removed, 'a'), ['a', 'b'], { namespace: 'velero', confirm: true });
    await expect(run).rejects.toThrow('cannot remove a');
    expect(removed).toEqual(['b']);
  });

  it.each([
    ['n', []],
    ['y', ['a']],
  ])('without --confirm asks; answer %s', async (answer, removedNames) => {
    const io = capture();
    const removed: string[] = [];
    const code = await deleteObjects(contextFor(io, Readable.from([`${answer}\n`])), kind(false, removed), ['a'], { namespace: 'velero' });
    expect(code).toBe(ExitCode.Ok);
    expect(removed).toEqual(removedNames);
    expect(io.stdout.startsWith(prompt)).toBe(true);
  });

  it('checks the selection before asking', async () => {
    const io = capture();
    await expect(deleteObjects(contextFor(io), kind(false, []), [], { namespace: 'velero' })).rejects.toThrow(
      'you must specify exactly one of: specific thing name(s), the --all flag, or the --selector flag',
    );
    expect(io.stdout).toBe('');
  });
});
