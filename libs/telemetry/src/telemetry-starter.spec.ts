import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { trace } from '@opentelemetry/api';
import { createLogger } from '@ferry/logger';
import { startTelemetry } from './telemetry-starter';

const workspaceRoot = join(__dirname, '..', '..', '..');
const fixture = join(__dirname, 'telemetry-export.fixture.ts');

interface Collector {
  readonly server: Server;
  readonly url: string;
  readonly received: { url: string | undefined; body: string }[];
}

async function startCollector(): Promise<Collector> {
  const received: Collector['received'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ url: req.url, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

/** Runs the fixture app in a real Node process (OTLP export needs dynamic import, which jest's sandbox lacks). */
async function runFixtureApp(env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)(join(workspaceRoot, 'node_modules', '.bin', 'tsx'), [fixture], {
    cwd: workspaceRoot,
    env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.base.json', ...env },
    timeout: 30_000,
  });
  return stdout;
}

describe('telemetry-starter - startTelemetry', () => {
  it('does nothing when OTEL_SDK_DISABLED=true', async () => {
    const saved = process.env['OTEL_SDK_DISABLED'];
    process.env['OTEL_SDK_DISABLED'] = 'true';
    try {
      const telemetry = startTelemetry({ serviceName: 'test', logger: createLogger({ name: 't', level: 'silent' }) });
      expect(telemetry.enabled).toBe(false);
      expect(trace.getTracer('t').startSpan('s').isRecording()).toBe(false);
      await expect(telemetry.shutdown()).resolves.toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env['OTEL_SDK_DISABLED'];
      else process.env['OTEL_SDK_DISABLED'] = saved;
    }
  });

  it('exports spans over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT with service.name and version', async () => {
    const collector = await startCollector();
    try {
      const stdout = await runFixtureApp({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
      expect(stdout).toContain('{"enabled":true}');
      expect(collector.received.map((r) => r.url)).toEqual(['/v1/traces']);
      const body = collector.received[0]?.body ?? '';
      expect(body).toContain('"exported-span"');
      expect(body).toMatch(/"service\.name","value":\{"stringValue":"ferry-test"\}/);
      expect(body).toMatch(/"service\.version","value":\{"stringValue":"1\.2\.3"\}/);
    } finally {
      collector.server.close();
    }
  }, 40_000);

  it('never throws into the app when the collector is unreachable: it logs and exits cleanly', async () => {
    const collector = await startCollector();
    await new Promise<void>((resolve) => collector.server.close(() => resolve()));
    const stdout = await runFixtureApp({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_EXPORTER_OTLP_TIMEOUT: '1000' });
    expect(stdout).toContain('{"enabled":true}');
    expect(stdout).toMatch(/"level":"warn".*"code":"TELEMETRY_SHUTDOWN_FAILED"/);
  }, 40_000);

  it('honours OTEL_SDK_DISABLED in a real process: nothing is sent', async () => {
    const collector = await startCollector();
    try {
      const stdout = await runFixtureApp({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SDK_DISABLED: 'true' });
      expect(stdout).toContain('{"enabled":false}');
      expect(collector.received).toEqual([]);
    } finally {
      collector.server.close();
    }
  }, 40_000);
});
