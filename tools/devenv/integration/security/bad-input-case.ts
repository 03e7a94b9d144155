// The bad-input corpus (issue 15 §5): `bad-input-corpus.yaml` holds the cases — what is sent, and
// where its author must see the error, with which words. Texts are regular expressions. In inputs
// and texts, `$NS` (Ferry's namespace), `$APP` (the application namespace), `$NAME` (the case's
// object name), `$NATS` (the subjects' first token), `$NODE` (a node's name) and `$S3` (MinIO's
// endpoint) stand for the run's values; `$ALIAS_BOMB` for a YAML alias bomb.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const services = ['policy', 'volume-info', 'controller', 'exposer', 'mover'] as const;
/** Ferry's services a case talks to, by app name. */
export type CorpusService = (typeof services)[number];

/** Bodies a case cannot spell as text, built by the runner (see `generatedBody`). */
export const generatedBodies = ['gzip-bomb', 'not-gzip', 'oversized', 'alias-bomb-document', 'huge-document'] as const;
const body = z.union([z.string(), z.strictObject({ generate: z.enum(generatedBodies) })]);
const stringMap = z.record(z.string(), z.string());

const inputSchema = z.discriminatedUnion('kind', [
  /** A custom resource created through the API server, after the ConfigMaps and Secrets it names. */
  z.strictObject({
    kind: z.literal('object'),
    object: z.record(z.string(), z.unknown()),
    configMaps: z.record(z.string(), stringMap).optional(),
    secrets: z.record(z.string(), stringMap).optional(),
  }),
  /** The node-agent ConfigMap the exposer watches, replaced with `data`. */
  z.strictObject({ kind: z.literal('config-map'), name: z.string(), data: stringMap }),
  z.strictObject({
    kind: z.literal('http'),
    service: z.enum(services),
    method: z.string(),
    path: z.string(),
    body: body.optional(),
    /** Default `application/json` when there is a body. */
    contentType: z.string().optional(),
    /** Send no bearer token (default: the environment's admin token, so the body is what is judged). */
    anonymous: z.boolean().optional(),
  }),
  /** A JetStream publish (job, event) or a request, with raw bytes and headers. */
  z.strictObject({ kind: z.enum(['nats-publish', 'nats-request']), subject: z.string(), body, headers: stringMap.optional() }),
]);

const expectSchema = z.discriminatedUnion('place', [
  /** A status field of the object (arrays joined by newlines; conditions by their messages). */
  z.strictObject({ place: z.literal('status'), field: z.string(), text: z.string() }),
  /** A status field, and a Warning Event on the object whose reason starts with `reason`. */
  z.strictObject({ place: z.literal('status+event'), field: z.string(), reason: z.string(), text: z.string() }),
  /** An Event on the case's ConfigMap whose reason starts with `reason`. */
  z.strictObject({ place: z.literal('event'), reason: z.string(), text: z.string() }),
  /** The API server refuses the object (422). */
  z.strictObject({ place: z.literal('admission'), text: z.string() }),
  /** An RFC 9457 problem with `status`. */
  z.strictObject({ place: z.literal('http'), status: z.number().int(), text: z.string() }),
  /** The requester gets an error: an error reply's `Ferry-Error-Message`, or the client's own error. */
  z.strictObject({ place: z.literal('reply'), text: z.string() }),
  /** The message is terminated and the consuming `service` logs why, naming the stream sequence. */
  z.strictObject({ place: z.literal('dead-letter'), service: z.enum(services), text: z.string() }),
  /** The publisher's call fails. */
  z.strictObject({ place: z.literal('publish'), text: z.string() }),
]);

const caseSchema = z.strictObject({
  /** Unique and DNS-label shaped: also the name of the object the case creates. */
  id: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/),
  /** The kind, ConfigMap kind, `HTTP <service>` or `NATS <contract>`. */
  area: z.string(),
  /** What is wrong with the input, in a few words. */
  what: z.string(),
  input: inputSchema,
  expect: expectSchema,
});

/** One case of the corpus. */
export type BadInputCase = z.infer<typeof caseSchema>;
/** What a case sends. */
export type BadInput = BadInputCase['input'];
/** Where the author of a case must see its error. */
export type ExpectedError = BadInputCase['expect'];

/** Reads and checks `bad-input-corpus.yaml` (next to this file); throws naming a bad case's path. */
export function loadBadInputCorpus(): BadInputCase[] {
  const cases = z.array(caseSchema).parse(parse(readFileSync(join(__dirname, 'bad-input-corpus.yaml'), 'utf8'), { maxAliasCount: 0 }));
  const ids = new Set<string>();
  for (const { id } of cases) {
    if (ids.has(id)) throw new Error(`bad-input-corpus.yaml: case id ${id} appears twice`);
    ids.add(id);
  }
  return cases;
}
