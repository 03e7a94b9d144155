import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliIo } from '../cli-io';
import { downloadTrust, systemTrust } from './download-trust';
import { insecureFlagHint, presignedGet } from './presigned-get';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (text: string) => void (io.stdout += text), err: (text: string) => void (io.stderr += text) };
  return io;
}

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

// A self-signed certificate for 127.0.0.1, made by openssl for this run: the CA a --cacert file holds.
describe('presigned GET - TLS trust as Velero decides it', () => {
  let dir: string;
  let certificate: string;
  let https: Server;
  let http: Server;
  let httpsUrl: string;
  let httpUrl: string;
  const signal = () => AbortSignal.timeout(10_000);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ferry-cacert-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'ca.pem'),
      ],
      { stdio: 'ignore' },
    );
    certificate = readFileSync(join(dir, 'ca.pem'), 'utf8');
    const handler = (_request: unknown, response: { writeHead(status: number): void; end(body: string): void }) => {
      response.writeHead(200);
      response.end('stored bytes');
    };
    https = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: certificate }, handler);
    http = createHttpServer(handler);
    httpsUrl = `https://127.0.0.1:${await listen(https)}/bucket/backups/b1/b1-logs.gz?X-Amz-Signature=secret`;
    httpUrl = `http://127.0.0.1:${await listen(http)}/bucket/backups/b1/b1-logs.gz`;
  });

  afterAll(() => {
    https?.close();
    http?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects an unknown authority with the URL without its query, and Velero’s hint', async () => {
    const failure = await presignedGet(httpsUrl, systemTrust, signal()).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toMatch(/^Get "https:\/\/127\.0\.0\.1:\d+\/bucket\/backups\/b1\/b1-logs\.gz": self.signed certificate/);
    expect(message.endsWith(`\n\n${insecureFlagHint}`)).toBe(true);
    expect(message).not.toContain('secret');
  });

  it.each([
    ['the --cacert file', async () => downloadTrust(capture(), { cacert: join(dir, 'ca.pem') }, () => Promise.resolve(''))],
    ["the location's CA", async () => downloadTrust(capture(), {}, () => Promise.resolve(certificate))],
    ['--insecure-skip-tls-verify', async () => downloadTrust(capture(), { insecureSkipTlsVerify: true }, () => Promise.resolve(''))],
  ])('reads the body when trusting %s', async (_name, trust) => {
    const response = await presignedGet(httpsUrl, await trust(), signal());
    expect(response).toEqual({ status: 200, body: Buffer.from('stored bytes') });
  });

  it('reads plain HTTP as is', async () => {
    expect((await presignedGet(httpUrl, systemTrust, signal())).body.toString()).toBe('stored bytes');
  });

  it('an unreadable --cacert falls back to the location CA with a warning, or fails every download without one', async () => {
    const missing = join(dir, 'missing.pem');
    const io = capture();
    expect(await downloadTrust(io, { cacert: missing }, () => Promise.resolve(certificate))).toEqual({
      insecureSkipTlsVerify: false,
      extraCa: [certificate],
    });
    expect(io.stderr).toMatch(
      /^Warning: Failed to open CA certificate file .*missing\.pem: ENOENT.*\. Using CA certificate from backup storage location instead\.\n$/,
    );
    const alone = await downloadTrust(capture(), { cacert: missing }, () => Promise.resolve(''));
    expect(alone.failure).toMatch(/^couldn't open cacert: ENOENT/);
  });

  it('a location CA that cannot be read is a warning, carried in the trust, and the download goes on without it', async () => {
    const io = capture();
    const trust = await downloadTrust(io, {}, () => Promise.reject(new Error('certificate secret ca not found in namespace velero')));
    expect(trust).toEqual({ ...systemTrust, locationCaFailure: 'certificate secret ca not found in namespace velero' });
    expect(io.stderr).toBe('WARNING: Error getting cacert from BSL: certificate secret ca not found in namespace velero\n');
  });
});
