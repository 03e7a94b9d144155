import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../free-port';
import { httpOk, startProcess, type ManagedProcess } from '../managed-process';

/** Where the environment's trace store takes and serves traces. */
export interface JaegerInfo {
  /** OTLP/HTTP receiver: the value of `OTEL_EXPORTER_OTLP_ENDPOINT` (the SDK appends `/v1/traces`). */
  readonly otlpUrl: string;
  /** Query service: the UI at `/`, the API at `/api/v3/traces` and `/api/traces`. */
  readonly queryUrl: string;
}

/** A running Jaeger v2 (all-in-one). */
export interface JaegerServer {
  readonly process: ManagedProcess;
  readonly jaeger: JaegerInfo;
}

/** The ports of one Jaeger. */
interface JaegerPorts {
  readonly otlpHttp: number;
  readonly queryHttp: number;
  readonly queryGrpc: number;
  readonly health: number;
}

/**
 * Jaeger v2's configuration (an OpenTelemetry Collector configuration): the OTLP/HTTP receiver,
 * in-memory storage, the query extension (UI, HTTP and gRPC API) and the health check, every port
 * on loopback; no self-tracing and no own metrics server (its default port would clash). Pure.
 */
export function jaegerConfig(ports: JaegerPorts): string {
  return `service:
  extensions: [jaeger_storage, jaeger_query, healthcheckv2]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
  telemetry:
    metrics:
      level: none
    logs:
      level: warn
extensions:
  healthcheckv2:
    use_v2: true
    http:
      endpoint: 127.0.0.1:${ports.health}
  jaeger_storage:
    backends:
      memstore:
        memory:
          max_traces: 100000
  jaeger_query:
    enable_tracing: false
    storage:
      traces: memstore
    http:
      endpoint: 127.0.0.1:${ports.queryHttp}
    grpc:
      endpoint: 127.0.0.1:${ports.queryGrpc}
receivers:
  otlp:
    protocols:
      http:
        endpoint: 127.0.0.1:${ports.otlpHttp}
processors:
  batch:
    timeout: 200ms
exporters:
  jaeger_storage_exporter:
    trace_storage: memstore
`;
}

/** Starts Jaeger v2 with in-memory storage on free loopback ports; ready once its query API answers. */
export async function startJaeger(binary: string, stateDir: string): Promise<JaegerServer> {
  const ports: JaegerPorts = {
    otlpHttp: await freePort(),
    queryHttp: await freePort(),
    queryGrpc: await freePort(),
    health: await freePort(),
  };
  const configFile = join(stateDir, 'jaeger.yaml');
  await writeFile(configFile, jaegerConfig(ports));
  const jaeger: JaegerInfo = { otlpUrl: `http://127.0.0.1:${ports.otlpHttp}`, queryUrl: `http://127.0.0.1:${ports.queryHttp}` };
  const process = await startProcess({
    name: 'jaeger',
    command: binary,
    args: ['--config', configFile],
    logFile: join(stateDir, 'jaeger.log'),
    isReady: () => httpOk(`${jaeger.queryUrl}/api/services`),
    readyTimeoutMs: 30_000,
  });
  return { process, jaeger };
}
