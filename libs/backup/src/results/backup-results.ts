// The `<backup>-results.gz` document: `{"errors": R, "warnings": R}` with R Velero's
// `results.Result` — `velero` (messages about Velero itself), `cluster` (cluster-scoped items),
// `namespaces` (per namespace). Empty parts are omitted (omitempty), map keys sorted, as Go writes
// them. Velero fills it from its backup log: every warning or error line becomes one message,
// so `status.warnings` / `status.errors` are the message counts.
import { encodeGoJson, goMap, type GoJsonValue } from '../encoding/go-json';

/** One `results.Result`. */
export interface BackupResult {
  readonly velero: readonly string[];
  readonly cluster: readonly string[];
  readonly namespaces: Readonly<Record<string, readonly string[]>>;
}

/** The results document. */
export interface BackupResults {
  readonly errors: BackupResult;
  readonly warnings: BackupResult;
}

/** Which half of the document a message goes to. */
export const ResultLevel = { Error: 'errors', Warning: 'warnings' } as const;
/** One of {@link ResultLevel}. */
export type ResultLevel = (typeof ResultLevel)[keyof typeof ResultLevel];

/** The fields of a backup log line Velero turns into a result message. */
export interface ResultLogFields {
  /** The line's `namespace` field: absent → `velero`, `""` → `cluster`, else that namespace. */
  readonly namespace?: string | undefined;
  readonly resource?: string | undefined;
  readonly name?: string | undefined;
  readonly message: string;
  readonly error?: string | undefined;
}

/** A result with nothing in it. */
export const emptyBackupResult: BackupResult = Object.freeze({ velero: [], cluster: [], namespaces: {} });

/**
 * The text Velero's log hook stores for a log line: ` resource: /<r> name: /<n> message: /<m>
 * error: /<e>` — each part only when the field is present, and a leading space, as Velero writes
 * it. Pure.
 */
export function resultLogText(fields: ResultLogFields): string {
  let text = '';
  if (fields.resource !== undefined) text += ` resource: /${fields.resource}`;
  if (fields.name !== undefined) text += ` name: /${fields.name}`;
  text += ` message: /${fields.message}`;
  if (fields.error !== undefined) text += ` error: /${fields.error}`;
  return text;
}

/** Number of messages in `result` (what `status.errors` / `status.warnings` count). Pure. */
export function resultCount(result: BackupResult): number {
  return result.velero.length + result.cluster.length + Object.values(result.namespaces).reduce((sum, list) => sum + list.length, 0);
}

/** Velero's `Result.Merge`: `b`'s messages appended to `a`'s, part by part. Returns a new result. Pure. */
export function mergeResults(a: BackupResult, b: BackupResult): BackupResult {
  const namespaces: Record<string, readonly string[]> = { ...a.namespaces };
  for (const [namespace, messages] of Object.entries(b.namespaces)) namespaces[namespace] = [...(namespaces[namespace] ?? []), ...messages];
  return { velero: [...a.velero, ...b.velero], cluster: [...a.cluster, ...b.cluster], namespaces };
}

/** Merges two whole documents, errors with errors and warnings with warnings. Pure. */
export function mergeBackupResults(a: BackupResults, b: BackupResults): BackupResults {
  return { errors: mergeResults(a.errors, b.errors), warnings: mergeResults(a.warnings, b.warnings) };
}

function resultJson(result: BackupResult): GoJsonValue {
  const namespaces = Object.entries(result.namespaces).filter(([, messages]) => messages.length > 0);
  return {
    velero: result.velero.length > 0 ? result.velero : undefined,
    cluster: result.cluster.length > 0 ? result.cluster : undefined,
    namespaces: namespaces.length > 0 ? goMap(Object.fromEntries(namespaces)) : undefined,
  };
}

/**
 * The document as Velero writes it (json.Encoder: map keys sorted, so `errors` before
 * `warnings`; empty parts omitted; trailing newline), e.g.
 * `{"errors":{},"warnings":{"namespaces":{"app":[" message: /…"]}}}\n`. Gzip it as is. Pure.
 */
export function encodeBackupResults(results: BackupResults): string {
  return encodeGoJson(goMap({ errors: resultJson(results.errors), warnings: resultJson(results.warnings) }));
}

class ResultParts {
  readonly velero: string[] = [];
  readonly cluster: string[] = [];
  readonly namespaces = new Map<string, string[]>();

  add(namespace: string | undefined, message: string): void {
    if (namespace === undefined) this.velero.push(message);
    else if (namespace === '') this.cluster.push(message);
    else this.namespaces.set(namespace, [...(this.namespaces.get(namespace) ?? []), message]);
  }

  snapshot(): BackupResult {
    return { velero: [...this.velero], cluster: [...this.cluster], namespaces: Object.fromEntries(this.namespaces) };
  }
}

/**
 * Collects a backup's warnings and errors in order. Not thread-safe by design (one backup, one
 * event loop); {@link BackupResultsBuilder.build} returns a copy, so building again later is fine.
 */
export class BackupResultsBuilder {
  private readonly parts: Record<ResultLevel, ResultParts> = { errors: new ResultParts(), warnings: new ResultParts() };

  /** A message about Velero itself (bucket, plugins, the backup as a whole). */
  velero(level: ResultLevel, message: string): this {
    this.parts[level].add(undefined, message);
    return this;
  }

  /** A message about a cluster-scoped item. */
  cluster(level: ResultLevel, message: string): this {
    this.parts[level].add('', message);
    return this;
  }

  /** A message about an item of `namespace` (`""` counts as cluster, as in Velero). */
  namespace(level: ResultLevel, namespace: string, message: string): this {
    this.parts[level].add(namespace, message);
    return this;
  }

  /** A log line as Velero's log hook records it: text by {@link resultLogText}, routed by its namespace field. */
  log(level: ResultLevel, fields: ResultLogFields): this {
    this.parts[level].add(fields.namespace, resultLogText(fields));
    return this;
  }

  /** Messages at `level` so far (`status.errors` / `status.warnings`). */
  count(level: ResultLevel): number {
    return resultCount(this.parts[level].snapshot());
  }

  /** The document so far. */
  build(): BackupResults {
    return { errors: this.parts.errors.snapshot(), warnings: this.parts.warnings.snapshot() };
  }
}
