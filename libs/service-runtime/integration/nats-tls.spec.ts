// NATS over TLS as the production overlay runs it: a nats-server of its own with the environment's
// authorization and a certificate signed by a CA made for the test (openssl; nats.js checks an IP
// server against the name `localhost`), a client with and without the CA, and a real app
// configured only through NATS_URL, NATS_CREDENTIALS_FILE and NATS_TLS_CA_FILE.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FerryService } from '@ferry/contracts';
import {
  claimTestNatsNamespace,
  createTestNamespace,
  deleteTestNamespace,
  eventually,
  loadEnvironmentInfo,
  natsCredentialsFile,
  startFerryService,
  type ClaimedNatsNamespace,
  type EnvironmentInfo,
} from '@ferry/devenv/testing';
import { createKubeClient } from '@ferry/kube';
import { silentLogger } from '@ferry/logger';
import { connectNats, ensureStreams, NatsConnectError } from '@ferry/nats';
import { createFerryContracts } from '@ferry/contracts';

/** A CA and a server certificate for `localhost` and 127.0.0.1 under `folder`; returns the CA file. */
async function makeCertificates(folder: string): Promise<{ caFile: string; certFile: string; keyFile: string }> {
  const run = (args: readonly string[]) => promisify(execFile)('openssl', args, { cwd: folder });
  await run([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-subj',
    '/CN=ferry-test-ca',
    '-days',
    '1',
  ]);
  await run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tls.key', '-out', 'tls.csr', '-subj', '/CN=localhost']);
  await writeFile(join(folder, 'san.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  await run([
    'x509',
    '-req',
    '-in',
    'tls.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'tls.crt',
    '-days',
    '1',
    '-extfile',
    'san.cnf',
  ]);
  return { caFile: join(folder, 'ca.crt'), certFile: join(folder, 'tls.crt'), keyFile: join(folder, 'tls.key') };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('NATS over TLS - clients trust the server through NATS_TLS_CA_FILE', () => {
  let info: EnvironmentInfo;
  let folder: string;
  let server: ChildProcess | undefined;
  let url: string;
  let caFile: string;

  beforeAll(async () => {
    info = loadEnvironmentInfo();
    folder = await mkdtemp(join(tmpdir(), 'ferry-nats-tls-'));
    const certificates = await makeCertificates(folder);
    caFile = certificates.caFile;
    const [port, monitorPort] = [await freePort(), await freePort()];
    url = `nats://127.0.0.1:${port}`;
    await copyFile(join(info.stateDir, 'nats-auth.conf'), join(folder, 'nats-auth.conf'));
    await writeFile(
      join(folder, 'nats.conf'),
      [
        `listen: 127.0.0.1:${port}`,
        `http: 127.0.0.1:${monitorPort}`,
        `jetstream { store_dir: ${JSON.stringify(join(folder, 'data'))} }`,
        `tls { cert_file: ${JSON.stringify(certificates.certFile)}, key_file: ${JSON.stringify(certificates.keyFile)}, timeout: 5 }`,
        'include ./nats-auth.conf',
      ].join('\n'),
      { mode: 0o600 },
    );
    server = spawn(info.binaries.natsServer, ['-c', join(folder, 'nats.conf')], { stdio: 'ignore' });
    await eventually(
      'TLS nats-server ready',
      async () => (await fetch(`http://127.0.0.1:${monitorPort}/healthz`).catch(() => undefined))?.ok,
    );
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise<void>((resolve) => server?.once('exit', () => resolve()));
      server.kill('SIGTERM');
      await exited;
    }
    await rm(folder, { recursive: true, force: true });
  });

  it('connects with the CA, and is refused without it', async () => {
    const credentials = info.natsTestCredentials;
    const client = await connectNats({ name: 'tls-it', servers: url, credentials, tls: { caFile }, logger: silentLogger() });
    try {
      await ensureStreams(client, Object.values(createFerryContracts({ namespace: 'tls-it' }).streams));
    } finally {
      await client.close();
    }
    const plain = connectNats({ name: 'tls-it-plain', servers: url, credentials, logger: silentLogger(), connectTimeoutMs: 3000 });
    await expect(plain).rejects.toThrow(NatsConnectError);
  });

  it('runs a service over TLS configured only through its environment', async () => {
    const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
    const namespace = await createTestNamespace(kube, 'nats-tls');
    const claim: ClaimedNatsNamespace = await claimTestNatsNamespace(info.stateDir);
    try {
      const env = {
        NATS_URL: url,
        NATS_TLS_CA_FILE: caFile,
        NATS_CREDENTIALS_FILE: natsCredentialsFile(info.stateDir, claim.namespace, { service: FerryService.Policy }),
      };
      const target = { natsUrl: url, kubeconfigPath: info.kubeconfigPath, namespace, natsNamespace: claim.namespace };
      const app = await startFerryService({ app: 'policy', name: `${namespace}-policy`, env }, info.stateDir, target);
      try {
        expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
      } finally {
        await app.process.stop();
      }
    } finally {
      await claim.release();
      await deleteTestNamespace(kube, namespace);
    }
  });
});
