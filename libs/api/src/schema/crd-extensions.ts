// Kubernetes-specific facts that zod cannot express (integer formats, list/map merge types, CRD
// defaults, opaque embedded objects) are attached to schemas through one typed registry, so the
// zod schema stays the single source of truth and the CRD renderer reads them back.
import { z } from 'zod';

/** OpenAPI / Kubernetes schema facts attached to a zod schema for CRD rendering. */
export interface CrdSchemaExtensions {
  /** OpenAPI `format` (e.g. `int64`, `int32`, `byte`); `date-time` comes from `z.iso.datetime`. */
  readonly format?: 'int64' | 'int32' | 'byte';
  /** CRD `default`: applied by the API server, never by zod parsing (parsing does not transform). */
  readonly default?: string | number | boolean;
  /** `x-kubernetes-map-type` (server-side-apply merge behaviour; no effect on acceptance). */
  readonly mapType?: 'atomic' | 'granular';
  /** `x-kubernetes-list-type` (server-side-apply merge behaviour; no effect on acceptance). */
  readonly listType?: 'atomic' | 'set';
  /** `x-kubernetes-preserve-unknown-fields: true`: the API server keeps fields it does not know. */
  readonly preserveUnknownFields?: true;
  /** `x-kubernetes-int-or-string: true`; only valid on a union of an integer and a string schema. */
  readonly intOrString?: true;
  /** Render as a bare `{type: object}` whatever the zod shape (used for the root `metadata`). */
  readonly opaqueObject?: true;
  /** OpenAPI `description` (also read from zod's `.describe()`). */
  readonly description?: string;
}

/**
 * The registry holding {@link CrdSchemaExtensions}. Entries are keyed by schema instance; zod clones
 * (`.min()`, `.regex()`) inherit their parent's entry, wrappers (`.optional()`) do not need one.
 */
export const crdExtensions = z.registry<CrdSchemaExtensions>();

/** Attaches CRD facts to `schema` and returns the same instance (apply after all zod modifiers). */
export function withCrd<S extends z.ZodType>(schema: S, extensions: CrdSchemaExtensions): S {
  crdExtensions.add(schema, { ...crdExtensions.get(schema), ...extensions });
  return schema;
}

/**
 * A JSON integer of any magnitude (Go `int`/`int64` values such as Unix-nanosecond times exceed
 * JS's safe range and must still validate; precision beyond 2^53 is lost by JSON.parse anyway).
 * Rendered as `type: integer`; `minimum` optional.
 */
export function integer(options: { minimum?: number } = {}): z.ZodNumber {
  const schema = z.number().multipleOf(1);
  return options.minimum === undefined ? schema : schema.min(options.minimum);
}

/** A Go `int64`: {@link integer} rendered with `format: int64`. */
export function int64(options: { minimum?: number } = {}): z.ZodNumber {
  return withCrd(integer(options), { format: 'int64' });
}

/** A Go `int32`: `type: integer, format: int32`, range-checked. */
export function int32(): z.ZodInt32 {
  return withCrd(z.int32(), { format: 'int32' });
}

/**
 * A `metav1.Time`: `format: date-time`, accepting exactly what the API server's validator
 * (kube-openapi strfmt `IsDateTime`) accepts: a real calendar date, `T`/`t`, `HH:MM:SS` (hour <= 23,
 * no leap second), optional fraction, and `Z`/`z` or a `+HH:MM` offset.
 */
export function dateTime(): z.ZodCustomStringFormat<'date-time'> {
  return z.stringFormat('date-time', isKubernetesDateTime);
}

// Mirrors kube-openapi: the fraction separator is any character (`.` in its regex is unescaped).
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})[Tt]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** True when `value` passes the API server's `date-time` format check (see {@link dateTime}). */
export function isKubernetesDateTime(value: string): boolean {
  const match = dateTimePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // Date.UTC would map years 0-99 to 1900-1999
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A `[]string`: `type: array, items: {type: string}`. */
export function stringList(): z.ZodArray<z.ZodString> {
  return z.array(z.string());
}

/** A `map[string]string`: `type: object, additionalProperties: {type: string}`. */
export function stringMap(): z.ZodRecord<z.ZodString, z.ZodString> {
  return z.record(z.string(), z.string());
}

/** An arbitrary JSON object kept as is by the API server (`x-kubernetes-preserve-unknown-fields`). */
export function freeformObject(): z.ZodRecord<z.ZodString, z.ZodUnknown> {
  return withCrd(z.record(z.string(), z.unknown()), { preserveUnknownFields: true });
}

/** Marks an object schema `x-kubernetes-map-type: atomic` and returns it. */
export function atomicObject<S extends z.ZodType>(schema: S): S {
  return withCrd(schema, { mapType: 'atomic' });
}

/** Marks an array schema `x-kubernetes-list-type: atomic` and returns it. */
export function atomicList<S extends z.ZodType>(schema: S): S {
  return withCrd(schema, { listType: 'atomic' });
}
