import { createLogger } from '@ferry/logger';
import { openApiAccess } from './api-access';
import { startHttpServer } from './http-server';

describe('http server - close', () => {
  const logger = createLogger({ name: 'test', level: 'silent' });

  // The leader-elected services close their standby server while the readiness probe polls it
  // every 100 ms over one keep-alive connection; a close that waited for that connection to go
  // idle never finished (the controller stalled until the probe gave up).
  it('finishes while a keep-alive client keeps polling, even when closed mid-request', async () => {
    let received!: () => void;
    const requestReceived = new Promise<void>((resolve) => (received = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger,
      access: { api: openApiAccess, rules: [], namespace: 'velero' },
      isReady: () => false,
      routes: (app) =>
        app.get('/slow', (_req, res) => {
          received();
          void released.then(() => res.json({ done: true }));
        }),
    });
    let closed = false;
    const answers: number[] = [];
    const poll = async (): Promise<void> => {
      const slow = await fetch(`${server.url}/slow`);
      answers.push(slow.status);
      await slow.body?.cancel();
      while (!closed) {
        const ready = await fetch(`${server.url}/readyz`).catch(() => undefined);
        await ready?.body?.cancel();
        if (ready) answers.push(ready.status);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const polling = poll();
    await requestReceived;
    const closing = server.close().then(() => (closed = true));
    release();
    await closing;
    await polling;
    expect(answers[0]).toBe(200);
  });
});
