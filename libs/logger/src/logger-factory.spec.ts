import { context, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InvalidLogLevelError } from './errors';
import { createLogger } from './logger-factory';
import { secretKeys } from './redaction';

function collectingLogger(level = 'info') {
  const lines: string[] = [];
  const logger = createLogger({ name: 'test', level, destination: { write: (line: string) => lines.push(line) } });
  return { logger, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const secret = 'TOP-SECRET-VALUE-42';

describe('logger-factory - redaction', () => {
  it('never writes a secret value, at the root or nested', () => {
    const { logger, lines } = collectingLogger();
    logger.info({ password: secret, user: 'alice' }, 'root');
    logger.info({ s3: { secretAccessKey: secret, accessKey: secret, bucket: 'b' } }, 'depth 1');
    logger.info({ req: { headers: { authorization: `Bearer ${secret}` } } }, 'depth 2');
    logger.info({ job: { spec: { env: { RESTIC_PASSWORD: secret, KOPIA_PASSWORD: secret, AWS_SECRET_ACCESS_KEY: secret } } } }, 'depth 3');
    logger.info({ a: { b: { c: { d: { token: secret } } } } }, 'depth 4');
    logger.info({ repos: [{ password: secret }, { password: secret }] }, 'array elements');
    logger.child({ credentials: secret }).warn({ env: { RESTIC_PASSWORD: secret } }, 'child bindings');

    expect(lines).toHaveLength(7);
    for (const line of lines) expect(line).not.toContain(secret);
    expect(lines.join('')).toContain('[REDACTED]');
    expect(lines[0]).toContain('"user":"alice"');
    expect(lines[1]).toContain('"bucket":"b"');
  });

  it.each(secretKeys)('redacts key %s at depth 2', (key) => {
    const { logger, lines } = collectingLogger();
    logger.info({ outer: { inner: { [key]: secret } } }, 'x');
    expect(lines[0]).not.toContain(secret);
  });

  it('leaves ordinary fields alone', () => {
    const { logger, records } = collectingLogger();
    logger.info({ volume: 'pvc-1', bytes: 42 }, 'moved');
    expect(records()[0]).toMatchObject({ name: 'test', level: 'info', volume: 'pvc-1', bytes: 42, msg: 'moved' });
  });
});

describe('logger-factory - levels', () => {
  it('drops lines below the level', () => {
    const { logger, lines } = collectingLogger('warn');
    logger.info('quiet');
    logger.warn('loud');
    expect(lines).toHaveLength(1);
  });

  it('rejects an unknown level with a typed error', () => {
    expect(() => createLogger({ name: 'x', level: 'verbose' })).toThrow(InvalidLogLevelError);
  });
});

describe('logger-factory - trace correlation', () => {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => context.setGlobalContextManager(manager.enable()));
  afterAll(() => {
    manager.disable();
    context.disable();
  });

  it('mixes trace_id and span_id of the active span into each line', () => {
    const { logger, records } = collectingLogger();
    const spanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };
    logger.info('outside');
    context.with(trace.setSpanContext(context.active(), spanContext), () => logger.info('inside'));
    const [outside, inside] = records();
    expect(outside).not.toHaveProperty('trace_id');
    expect(inside).toMatchObject({ trace_id: spanContext.traceId, span_id: spanContext.spanId, trace_flags: '01' });
  });
});
