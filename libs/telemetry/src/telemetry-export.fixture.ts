// Run by telemetry-starter.spec.ts in a child Node process: OTLP export uses dynamic `import()`,
// which jest's module sandbox does not allow, so the real export path is exercised out of jest.
import { trace } from '@opentelemetry/api';
import { createLogger } from '@ferry/logger';
import { startTelemetry } from './telemetry-starter';

async function main(): Promise<void> {
  const telemetry = startTelemetry({
    serviceName: 'ferry-test',
    serviceVersion: '1.2.3',
    logger: createLogger({ name: 'telemetry', level: 'warn' }),
  });
  process.stdout.write(`${JSON.stringify({ enabled: telemetry.enabled })}\n`);
  trace.getTracer('fixture').startSpan('exported-span').end();
  await telemetry.shutdown();
}

void main();
