// Runs one case of the bad-input corpus against the running apps: fills in the run's values,
// sends the input, and looks for the error where the case says its author sees it.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  backupDefinition,
  backupStorageLocationDefinition,
  dataDownloadDefinition,
  dataMoverClassDefinition,
  dataUploadDefinition,
  downloadRequestDefinition,
  podVolumeBackupDefinition,
  podVolumeRestoreDefinition,
  restoreDefinition,
  scheduleDefinition,
  volumeSnapshotBackupDefinition,
  volumeSnapshotRestoreDefinition,
  type ResourceDefinition,
} from '@ferry/api';
import { eventually } from '../../src/testing/eventually';
import { type ApplicationHarness } from '../../src/testing/application-harness';
import { createCustomResourceClient, isAlreadyExists, toKubeError, type KubeClient } from '@ferry/kube';
import type { NatsClient } from '@ferry/nats';
import type { BadInputCase, CorpusService, ExpectedError } from './bad-input-case';
import { aliasBomb, runHttpCase, runNatsPublish, runNatsRequest, type CheckOutcome } from './bad-input-messages';

/** The running apps a corpus runs against. */
export interface CorpusWorld {
  readonly h: ApplicationHarness;
  readonly nats: NatsClient;
  /** The node whose mover the `$NODE` cases address. */
  readonly node: string;
}

/** The outcome of one case, a row of the printed table. */
export interface CaseResult extends CheckOutcome {
  readonly id: string;
  readonly area: string;
  readonly what: string;
  readonly place: string;
}

const definitions: readonly ResourceDefinition[] = [
  backupDefinition,
  restoreDefinition,
  scheduleDefinition,
  backupStorageLocationDefinition,
  downloadRequestDefinition,
  dataUploadDefinition,
  dataDownloadDefinition,
  podVolumeBackupDefinition,
  podVolumeRestoreDefinition,
  volumeSnapshotBackupDefinition,
  volumeSnapshotRestoreDefinition,
  dataMoverClassDefinition,
];
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function placeholders(world: CorpusWorld, name: string): Record<string, string> {
  const { h } = world;
  return { NATS: h.natsNamespace, NAME: name, NODE: world.node, NS: h.namespace, APP: h.appNamespace, S3: h.info.s3.endpoint };
}

/** `value` with every `$KEY` of the run filled in, strings inside objects and arrays too. */
function fill<T>(value: T, values: Record<string, string>): T {
  if (typeof value === 'string') {
    if (value === '$ALIAS_BOMB') return aliasBomb() as T;
    return value.replace(/\$(NATS|NAME|NODE|NS|APP|S3)\b/g, (_, key: string) => values[key] ?? '') as T;
  }
  if (Array.isArray(value)) return value.map((item: unknown) => fill(item, values)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, values)])) as T;
  }
  return value;
}

/** The case's expected text as a regular expression, `$KEY` (or `\$KEY`) standing for the run's values. */
function patternOf(expected: ExpectedError, values: Record<string, string>): RegExp {
  return new RegExp(
    expected.text.replace(/\\?\$(NATS|NAME|NODE|NS|APP|S3)\b/g, (_, key: string) => escape(values[key] ?? '')),
    's',
  );
}

/** A status field as text: strings as they are, lists joined by newlines, conditions by their messages. */
function fieldText(object: unknown, path: string): string {
  let value: unknown = object;
  for (const key of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  if (Array.isArray(value)) {
    return value
      .map((item: unknown) => (item && typeof item === 'object' ? String((item as { message?: string }).message) : String(item)))
      .join('\n');
  }
  return value === undefined ? '' : String(value);
}

/**
 * The Events of `reason` (a prefix) on the object `name`, the one matching `pattern` first, as
 * `<type> <reason>: <message>`; searched in every namespace, and one recorded outside the object's
 * `namespace` says so (its author would not find it there).
 */
async function eventText(kube: KubeClient, namespace: string, name: string, reason: string, pattern: RegExp): Promise<string | undefined> {
  const events = await kube.core.listEventForAllNamespaces({ fieldSelector: `involvedObject.name=${name}` });
  const texts = events.items
    .filter((event) => event.reason?.startsWith(reason))
    .map((event) => {
      const where = event.metadata?.namespace === namespace ? '' : ` (recorded in namespace ${event.metadata?.namespace ?? '?'})`;
      return `${event.type} ${event.reason}: ${event.message}${where}`;
    });
  return texts.find((text) => pattern.test(text) && !text.includes('(recorded in namespace')) ?? texts.at(-1);
}

/** What the services logged about Events of `name` they could not record (diagnosis of a missing Event). */
async function eventFailures(h: ApplicationHarness, name: string): Promise<string> {
  const files = (await readdir(h.info.stateDir)).filter((file) => file.startsWith(h.namespace) && file.endsWith('.log'));
  const lines: string[] = [];
  for (const file of files) {
    const text = await readFile(join(h.info.stateDir, file), 'utf8');
    for (const line of text.split('\n').filter((entry) => entry.includes('event not recorded') && entry.includes(name))) {
      lines.push(String((JSON.parse(line) as { err?: unknown }).err));
    }
  }
  return lines.length === 0 ? '' : `; event not recorded: ${lines.join(' | ').slice(0, 300)}`;
}

/** Rethrows `error` unless it says the object exists already (cases share Secrets). */
function unlessExists(error: unknown): void {
  if (!isAlreadyExists(toKubeError(error, 'create'))) throw error;
}

/** What became of an object whose expected status never came: its phase and status. */
async function statusSummary(read: () => Promise<unknown>): Promise<string> {
  const status = ((await read().catch(() => ({}))) as { status?: Record<string, unknown> }).status ?? {};
  return `phase ${String(status['phase'] ?? '(none)')}: ${JSON.stringify(status).slice(0, 200)}`;
}

async function runObjectCase(world: CorpusWorld, c: BadInputCase, values: Record<string, string>, pattern: RegExp): Promise<CheckOutcome> {
  const { h } = world;
  const input = fill(c.input, values);
  if (input.kind !== 'object') throw new Error(`case ${c.id} is not an object case`);
  for (const [name, data] of Object.entries(input.configMaps ?? {})) {
    await h.kube.core.createNamespacedConfigMap({ namespace: h.namespace, body: { metadata: { name }, data } }).catch(unlessExists);
  }
  for (const [name, stringData] of Object.entries(input.secrets ?? {})) {
    await h.kube.core.createNamespacedSecret({ namespace: h.namespace, body: { metadata: { name }, stringData } }).catch(unlessExists);
  }
  const kind = String(input.object['kind']);
  const definition = definitions.find((d) => d.kind === kind);
  if (!definition) throw new Error(`case ${c.id}: no definition of kind ${kind}`);
  const metadata = (input.object['metadata'] ?? {}) as Record<string, unknown>;
  const namespaced = definition.scope !== 'Cluster';
  const object = {
    ...input.object,
    metadata: { ...metadata, name: c.id, ...(namespaced ? { namespace: metadata['namespace'] ?? h.namespace } : {}) },
  };
  const namespace = namespaced ? String(object.metadata.namespace) : undefined;
  const client = createCustomResourceClient(h.kube, definition);
  try {
    await client.create(object as never);
  } catch (error) {
    const seen = error instanceof Error ? error.message : String(error);
    return { ok: c.expect.place === 'admission' && pattern.test(seen), seen };
  }
  const expected = c.expect;
  if (expected.place === 'admission') {
    await client.delete(namespace, c.id, { ignoreNotFound: true });
    return { ok: false, seen: 'accepted by the API server' };
  }
  if (expected.place !== 'status' && expected.place !== 'status+event') return { ok: false, seen: `no check for ${expected.place}` };
  let seen = '';
  const status = await eventually(
    `${kind} ${c.id}: ${expected.field}`,
    async () => {
      seen = fieldText(await client.get(namespace, c.id), expected.field);
      return pattern.test(seen);
    },
    180_000,
  ).then(
    () => true,
    () => false,
  );
  if (!status && !seen) return { ok: false, seen: `${expected.field} empty; ${await statusSummary(() => client.get(namespace, c.id))}` };
  if (!status || expected.place === 'status') return { ok: status, seen };
  let event = '';
  const found = await eventually(
    `Event of ${kind} ${c.id}`,
    async () => {
      event = (await eventText(h.kube, namespace ?? 'default', c.id, expected.reason, pattern)) ?? '';
      return event.startsWith('Warning') && pattern.test(event);
    },
    60_000,
  ).then(
    () => true,
    () => false,
  );
  if (found) return { ok: true, seen };
  return { ok: false, seen: `${seen}; Event: ${event || 'none'}${await eventFailures(h, c.id)}` };
}

async function runConfigMapCase(
  world: CorpusWorld,
  c: BadInputCase,
  values: Record<string, string>,
  pattern: RegExp,
): Promise<CheckOutcome> {
  const { h } = world;
  const input = fill(c.input, values);
  if (input.kind !== 'config-map' || c.expect.place !== 'event') return { ok: false, seen: 'not a ConfigMap event case' };
  const body = { metadata: { name: input.name }, data: input.data };
  await h.kube.core
    .replaceNamespacedConfigMap({ namespace: h.namespace, name: input.name, body })
    .catch(() => h.kube.core.createNamespacedConfigMap({ namespace: h.namespace, body }));
  const reason = c.expect.reason;
  let event = '';
  const found = await eventually(
    `Event on ConfigMap ${input.name}`,
    async () => {
      event = (await eventText(h.kube, h.namespace, input.name, reason, pattern)) ?? '';
      return pattern.test(event);
    },
    30_000,
  ).then(
    () => true,
    () => false,
  );
  return { ok: found, seen: event || 'no Event' };
}

/** The log file of `service` in the harness (the mover of the world's node, the first controller). */
function logFileOf(world: CorpusWorld, service: CorpusService): string {
  const name = service === 'mover' ? `mover-${world.node}` : service === 'controller' ? 'controller-1' : service;
  return join(world.h.info.stateDir, `${world.h.namespace}-${name}.log`);
}

/** The base URL of `service` (the mover of the world's node). */
function urlOf(world: CorpusWorld, service: CorpusService): string {
  const wanted = `${world.h.namespace}-${service === 'mover' ? `mover-${world.node}` : service}`;
  const found = world.h.serviceUrls().find(({ name }) => name === wanted || name.startsWith(`${wanted}-`));
  if (!found) throw new Error(`no running ${service} (${wanted})`);
  return found.url;
}

/** Runs `c` and tells whether its error reached its author as the case expects. */
export async function runBadInputCase(world: CorpusWorld, c: BadInputCase): Promise<CaseResult> {
  const values = placeholders(world, c.id);
  const pattern = patternOf(c.expect, values);
  const row = { id: c.id, area: c.area, what: c.what, place: c.expect.place };
  try {
    const input = fill(c.input, values);
    let outcome: CheckOutcome;
    if (input.kind === 'object') outcome = await runObjectCase(world, c, values, pattern);
    else if (input.kind === 'config-map') outcome = await runConfigMapCase(world, c, values, pattern);
    else if (input.kind === 'http') outcome = await runHttpCase(input, urlOf(world, input.service), c.expect, pattern);
    else if (input.kind === 'nats-request')
      outcome = await runNatsRequest(world.nats, input.subject, input.body, input.headers ?? {}, pattern);
    else {
      const log = c.expect.place === 'dead-letter' ? logFileOf(world, c.expect.service) : undefined;
      outcome = await runNatsPublish(world.nats, input.subject, input.body, input.headers ?? {}, c.expect, pattern, log);
    }
    return { ...row, ...outcome };
  } catch (error) {
    return { ...row, ok: false, seen: `the runner failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
