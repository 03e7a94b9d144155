// Where a secret could surface in a running Ferry, gathered as plain text per place, and the search
// of those texts for known secret values (as written and base64-encoded, the way a Secret's `data`
// or a log of a whole Secret object would hold them).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type EnvironmentInfo } from '../../src/environment-info';
import type { NatsClient } from '@ferry/nats';

/** A secret value the test planted and its name in the report. */
export interface PlantedSecret {
  readonly name: string;
  readonly value: string;
}

/** One place a secret could show: `place` names it (file, object, subject, span), `text` is what it holds. */
export interface SearchedText {
  readonly place: string;
  readonly text: string;
}

/** A secret found in a place. */
export interface LeakFinding {
  readonly place: string;
  readonly secret: string;
  /** Up to 80 characters around the hit, the secret masked. */
  readonly context: string;
}

/** The forms a secret is searched in: as written, and base64 (standard and URL alphabets). Pure. */
export function secretForms(value: string): string[] {
  const base64 = Buffer.from(value).toString('base64');
  return [...new Set([value, base64.replace(/=+$/, ''), Buffer.from(value).toString('base64url')])];
}

/** Every place of `texts` holding a form of a secret of `secrets`, with the context of the first hit. Pure. */
export function findLeaks(texts: readonly SearchedText[], secrets: readonly PlantedSecret[]): LeakFinding[] {
  const findings: LeakFinding[] = [];
  for (const { place, text } of texts) {
    for (const secret of secrets) {
      for (const form of secretForms(secret.value)) {
        const at = text.indexOf(form);
        if (at < 0) continue;
        const context = text.slice(Math.max(0, at - 40), at + form.length + 40).replace(form, `<${secret.name}>`);
        findings.push({ place, secret: secret.name, context });
        break;
      }
    }
  }
  return findings;
}

/**
 * The credentials the run's services hold: the ServiceAccount token of each
 * `<prefix>*.kubeconfig` and the password of each NATS credentials file of `natsNamespace`, in the
 * environment's state folder.
 */
export async function serviceCredentials(stateDir: string, prefix: string, natsNamespace: string): Promise<PlantedSecret[]> {
  const secrets: PlantedSecret[] = [];
  for (const name of (await readdir(stateDir)).filter((file) => file.startsWith(prefix) && file.endsWith('.kubeconfig'))) {
    const token = /token: *"?([^"\s]+)/.exec(await readFile(join(stateDir, name), 'utf8'))?.[1];
    if (token) secrets.push({ name: `token of ${name}`, value: token });
  }
  const natsFolder = join(stateDir, 'nats-credentials', natsNamespace);
  const files = await readdir(natsFolder, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const name of files.filter((file) => file.isFile()).map((file) => join(file.parentPath, file.name).slice(natsFolder.length + 1))) {
    const { password } = JSON.parse(await readFile(join(natsFolder, name), 'utf8')) as { password?: string };
    if (password) secrets.push({ name: `NATS password of ${name}`, value: password });
  }
  return secrets;
}

/** Every `*.log` file of the environment's state folder (the servers' and every spawned Ferry service's). */
export async function logFiles(stateDir: string): Promise<SearchedText[]> {
  const names = (await readdir(stateDir)).filter((name) => name.endsWith('.log'));
  return Promise.all(names.map(async (name) => ({ place: `log ${name}`, text: await readFile(join(stateDir, name), 'utf8') })));
}

/**
 * Every message every JetStream stream of the server still holds (gzip bodies inflated), read with
 * direct gets by sequence; headers included.
 */
export async function streamMessages(nats: NatsClient): Promise<SearchedText[]> {
  const jsm = await nats.manager();
  const texts: SearchedText[] = [];
  for await (const stream of jsm.streams.list()) {
    const { first_seq: first, last_seq: last } = stream.state;
    for (let seq = first; seq > 0 && seq <= last; seq += 1) {
      const stored = await jsm.streams.getMessage(stream.config.name, { seq }).catch(() => undefined);
      if (!stored) continue;
      texts.push({ place: `stream ${stream.config.name} #${seq} ${stored.subject}`, text: messageText(stored.data, stored.header) });
    }
  }
  return texts;
}

/** A message's headers and body as text, a gzip body inflated. */
export function messageText(data: Uint8Array, headers?: { keys(): string[]; get(key: string): string }): string {
  const head = headers
    ? headers
        .keys()
        .map((key) => `${key}: ${headers.get(key)}`)
        .join('\n')
    : '';
  const isGzip = data.length > 2 && data[0] === 0x1f && data[1] === 0x8b;
  const body = isGzip ? gunzipSync(data).toString('utf8') : Buffer.from(data).toString('utf8');
  return `${head}\n${body}`;
}

/** Records every message published on the run's subjects and every reply while it runs. */
export interface WireCapture {
  readonly texts: SearchedText[];
  stop(): void;
}

/**
 * Subscribes `nats` to every subject of the contract namespace `natsNamespace` and to every inbox
 * (replies, JetStream deliveries) and keeps each message as text. Not to `>`: a subscriber of every
 * subject would turn another test's "no responders" into a timeout.
 */
export function captureWire(nats: NatsClient, natsNamespace: string): WireCapture {
  const texts: SearchedText[] = [];
  const subscriptions = [`${natsNamespace}.>`, '_INBOX.>'].map((subject) =>
    nats.connection.subscribe(subject, {
      callback: (error, message) => {
        if (!error) texts.push({ place: `wire ${message.subject}`, text: messageText(message.data, message.headers) });
      },
    }),
  );
  return { texts, stop: () => subscriptions.forEach((subscription) => subscription.unsubscribe()) };
}

interface JaegerTraceJson {
  readonly spans: readonly { readonly operationName: string; readonly spanID: string; readonly processID: string }[];
  readonly processes: Record<string, { readonly serviceName: string }>;
}

/** Every span stored in Jaeger for every service, as its JSON (name, tags, logs, process tags). */
export async function jaegerSpans(jaeger: EnvironmentInfo['jaeger']): Promise<SearchedText[]> {
  const services = ((await (await fetch(`${jaeger.queryUrl}/api/services`)).json()) as { data: string[] | null }).data ?? [];
  const texts: SearchedText[] = [];
  for (const service of services) {
    const params = new URLSearchParams({ service, limit: '5000', lookback: '2h' });
    const response = await fetch(`${jaeger.queryUrl}/api/traces?${params.toString()}`);
    const traces = ((await response.json()) as { data: JaegerTraceJson[] | null }).data ?? [];
    for (const trace of traces) {
      for (const span of trace.spans) {
        const process = trace.processes[span.processID];
        texts.push({ place: `span ${service}/${span.operationName} ${span.spanID}`, text: JSON.stringify({ span, process }) });
      }
    }
  }
  return texts;
}

/** Samples the command line of every process this user can read, every `everyMs`, while it runs. */
export interface ArgvSampler {
  /** Distinct command lines seen, arguments joined by spaces. */
  readonly seen: ReadonlySet<string>;
  /** Samples taken. */
  samples(): number;
  stop(): Promise<void>;
}

async function sampleOnce(seen: Set<string>): Promise<void> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  await Promise.all(
    pids.map(async (pid) => {
      const raw = await readFile(`/proc/${pid}/cmdline`).catch(() => undefined);
      if (raw && raw.length > 0) seen.add(raw.toString('utf8').replaceAll('\0', ' ').trim());
    }),
  );
}

/** Starts sampling `/proc/<pid>/cmdline` of every process. */
export function sampleArgv(everyMs = 100): ArgvSampler {
  const seen = new Set<string>();
  let count = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      await sampleOnce(seen);
      count += 1;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    seen,
    samples: () => count,
    async stop() {
      running = false;
      await loop;
    },
  };
}
