import { runProcess } from './process-runner';

describe('process runner - streams lines, reports how the tool ended, stops on abort', () => {
  it('streams stdout lines as they arrive and keeps a stderr tail', async () => {
    const lines: string[] = [];
    const result = await runProcess({
      command: 'sh',
      args: ['-c', 'echo one; echo two; echo oops >&2; exit 3'],
      onStdoutLine: (line) => lines.push(line),
    });
    expect(lines).toEqual(['one', 'two']);
    expect(result).toMatchObject({ exitCode: 3, aborted: false, stdout: 'one\ntwo\n', stderrTail: 'oops' });
  });

  it('splits on carriage returns too, so redrawn progress lines arrive one by one', async () => {
    const lines: string[] = [];
    await runProcess({
      command: 'sh',
      args: [
        '-c',
        String.raw`printf '10%%
20%%
30%%
' >&2`,
      ],
      onStderrLine: (line) => lines.push(line),
    });
    expect(lines).toEqual(['10%', '20%', '30%']);
  });

  it('does not pass the parent environment, only what the run gives', async () => {
    process.env['FERRY_TEST_SECRET'] = 'do-not-leak';
    const result = await runProcess({ command: 'sh', args: ['-c', 'echo "${FERRY_TEST_SECRET:-absent} $GIVEN"'], env: { GIVEN: 'given' } });
    delete process.env['FERRY_TEST_SECRET'];
    expect(result.stdout).toBe('absent given\n');
  });

  it('stops the tool with SIGINT when aborted', async () => {
    const controller = new AbortController();
    const running = runProcess({ command: 'sleep', args: ['30'], signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const result = await running;
    expect(result).toMatchObject({ aborted: true, signal: 'SIGINT' });
  });

  it('rejects when the command does not exist', async () => {
    await expect(runProcess({ command: '/nonexistent/tool', args: [] })).rejects.toThrow(/ENOENT/);
  });
});
