import { ResultInbox } from './result-inbox';

describe('result inbox - results applied inside the reconcile of their key', () => {
  it('wakes the key and resolves the delivery once a drain has applied it, in arrival order', async () => {
    const inbox = new ResultInbox();
    const woken: string[] = [];
    const applied: string[] = [];
    const first = inbox.deliver(
      'ns/a',
      async () => void applied.push('1'),
      (key) => woken.push(key),
    );
    const second = inbox.deliver(
      'ns/a',
      async () => void applied.push('2'),
      (key) => woken.push(key),
    );
    expect(woken).toEqual(['ns/a', 'ns/a']);
    expect(applied).toEqual([]);
    expect(await inbox.drain('ns/a')).toBe(2);
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
    expect(applied).toEqual(['1', '2']);
    expect(await inbox.drain('ns/a')).toBe(0);
  });

  it('rejects a failed result and the ones after it, and rethrows (the key backs off)', async () => {
    const inbox = new ResultInbox();
    const failed = inbox.deliver(
      'k',
      () => Promise.reject(new Error('conflict')),
      () => undefined,
    );
    const after = inbox.deliver(
      'k',
      () => Promise.resolve(),
      () => undefined,
    );
    await expect(inbox.drain('k')).rejects.toThrow('conflict');
    await expect(failed).rejects.toThrow('conflict');
    await expect(after).rejects.toThrow('conflict');
    expect(inbox.size).toBe(0);
  });

  it('rejects waiting and later results once closed', async () => {
    const inbox = new ResultInbox();
    const waiting = inbox.deliver(
      'k',
      () => Promise.resolve(),
      () => undefined,
    );
    inbox.close(new Error('stopping'));
    await expect(waiting).rejects.toThrow('stopping');
    await expect(
      inbox.deliver(
        'k',
        () => Promise.resolve(),
        () => undefined,
      ),
    ).rejects.toThrow('stopping');
  });
});
