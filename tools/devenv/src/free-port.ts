import { createServer } from 'node:net';

/**
 * Finds a TCP port on 127.0.0.1 that is free right now by binding port 0 and closing it.
 * Another process may still take it before the caller binds; servers here start within
 * milliseconds, which makes that race rare, and a failed start reports the port it tried.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a listening socket'));
      });
    });
  });
}
