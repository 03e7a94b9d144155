import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReviewedUser } from '@ferry/kube';
import { silentLogger } from '@ferry/logger';

const logger = silentLogger();
import { startHttpServer, type HttpServer } from '@ferry/service-runtime';
import { moverNatsCredentialsAccess, moverNatsCredentialsRoutes, nodeOfCaller } from './mover-nats-identity-route';

const moverOn = (...nodes: string[]): ReviewedUser => ({
  username: 'system:serviceaccount:velero:ferry-mover',
  groups: ['system:serviceaccounts'],
  extra: { 'authentication.kubernetes.io/node-name': nodes, 'authentication.kubernetes.io/pod-name': ['ferry-mover-x1'] },
});

describe('mover NATS identity route - the node of the caller’s token picks the identity', () => {
  it('takes the one node a pod-bound token names', () => {
    expect(nodeOfCaller(moverOn('ip-10-0-0-1.ec2.internal'))).toBe('ip-10-0-0-1.ec2.internal');
  });

  it.each([
    ['no caller (API guard off)', undefined, /FERRY_HTTP_AUTH=none; run it with FERRY_HTTP_AUTH=kubernetes/],
    ['a token bound to no pod', { username: 'system:serviceaccount:velero:ferry-mover', groups: [] }, /is not bound to a pod on a node/],
    ['two nodes', moverOn('node-1', 'node-2'), /is not bound to a pod on a node/],
    ['a path instead of a node', moverOn('../controller'), /is not bound to a pod on a node/],
  ])('refuses %s with a 403 naming why', (_case, caller, message) => {
    expect(() => nodeOfCaller(caller)).toThrow(expect.objectContaining({ status: 403, message: expect.stringMatching(message) }));
  });

  describe('through the HTTP server', () => {
    let folder: string;
    let server: HttpServer | undefined;
    const start = async (caller: ReviewedUser, credentialsDir: string | undefined) => {
      server = await startHttpServer({
        host: '127.0.0.1',
        port: 0,
        logger,
        access: {
          api: { isOpen: () => false, decide: () => Promise.resolve({ outcome: 'allowed', user: caller }) },
          rules: [moverNatsCredentialsAccess],
          namespace: 'velero',
        },
        routes: moverNatsCredentialsRoutes(credentialsDir, logger),
        isReady: () => true,
        metricsEndpoint: { serve: (_req, res) => res.end() },
      });
      return fetch(`${server.url}/v1/mover-nats-credentials`);
    };
    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), 'mover-nats-identity-'));
      await writeFile(join(folder, 'node-1.json'), JSON.stringify({ user: 'ferry-mover-node-1', password: 'p4ss' }));
    });
    afterEach(async () => {
      await server?.close();
    });
    afterAll(() => rm(folder, { recursive: true, force: true }));

    it("answers the caller's node identity, not cacheable", async () => {
      const response = await start(moverOn('node-1'), folder);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({ user: 'ferry-mover-node-1', password: 'p4ss' });
    });

    it.each([
      ['a node without an identity', 'node-2', true, 'no NATS identity for node node-2: add the node (npm run nats:deploy-auth'],
      ['a controller that issues none', 'node-1', false, 'set FERRY_MOVER_NATS_CREDENTIALS_DIR'],
    ])('answers %s with a 404 naming the fix', async (_case, node, withFolder, detail) => {
      const response = await start(moverOn(node), withFolder ? folder : undefined);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { detail: string }).detail).toContain(detail);
    });
  });
});
