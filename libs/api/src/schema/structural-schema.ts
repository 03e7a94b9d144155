// Walks zod definitions (not `z.toJSONSchema`, whose output needs more repair than this takes to
// write: `anyOf` for nullable, `additionalProperties: false`, safe-integer bounds, unknown keys
// marked required) and emits the OpenAPI v3 subset Kubernetes calls a structural schema.
import { z } from 'zod';
import { UnsupportedSchemaError } from '../errors';
import { crdExtensions, type CrdSchemaExtensions } from './crd-extensions';

/** The subset of apiextensions.k8s.io/v1 `JSONSchemaProps` that Ferry's CRDs use. */
export interface JsonSchemaProps {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  enum?: string[];
  nullable?: boolean;
  default?: string | number | boolean;
  properties?: Record<string, JsonSchemaProps>;
  required?: string[];
  additionalProperties?: JsonSchemaProps;
  items?: JsonSchemaProps;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-map-type'?: string;
  'x-kubernetes-list-type'?: string;
}

type CheckHolder = { checks?: readonly { _zod: { def: unknown } }[] };

/**
 * Converts a zod schema into a structural OpenAPI v3 schema. Pure; throws
 * {@link UnsupportedSchemaError} for constructs it cannot express (transforms, refinements,
 * arbitrary unions, tuples...), so a schema change can never silently weaken a CRD.
 * Optional keys are left out of `required`; `.nullable()` becomes `nullable: true`.
 */
export function toStructuralSchema(schema: z.ZodType, path = ''): JsonSchemaProps {
  const ext = crdExtensions.get(schema) ?? {};
  if (ext.opaqueObject) return { type: 'object' };
  const out = renderNode(schema, path, ext);
  const description = ext.description ?? z.globalRegistry.get(schema)?.description;
  if (description !== undefined) out.description = description;
  return applyExtensions(out, ext, path);
}

function renderNode(schema: z.ZodType, path: string, ext: CrdSchemaExtensions): JsonSchemaProps {
  const def = (schema as unknown as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case 'optional':
      return toStructuralSchema(def.innerType as z.ZodType, path);
    case 'nullable':
      return { ...toStructuralSchema(def.innerType as z.ZodType, path), nullable: true };
    case 'string':
      return withChecks({ type: 'string' }, selfAndChecks(def), path);
    case 'number':
      return withChecks({ type: 'number' }, selfAndChecks(def), path);
    case 'boolean':
      return { type: 'boolean' };
    case 'enum':
      return { type: 'string', enum: enumValues(Object.values(def.entries), path) };
    case 'literal':
      return { type: 'string', enum: enumValues(def.values, path) };
    case 'array':
      return withChecks({ type: 'array', items: toStructuralSchema(def.element as z.ZodType, `${path}[]`) }, selfAndChecks(def), path);
    case 'record':
      return renderRecord(def.valueType as z.ZodType, path);
    case 'object':
      return renderObject(def.shape as Record<string, z.ZodType>, path);
    case 'unknown':
      return { 'x-kubernetes-preserve-unknown-fields': true };
    case 'union':
      if (ext.intOrString) return {};
      throw new UnsupportedSchemaError(path, 'unions are only supported as int-or-string (withCrd intOrString)');
    default:
      throw new UnsupportedSchemaError(path, `zod type "${def.type}" has no structural equivalent`);
  }
}

function renderRecord(valueType: z.ZodType, path: string): JsonSchemaProps {
  const valueDef = (valueType as unknown as z.core.$ZodTypes)._zod.def;
  if (valueDef.type === 'unknown') return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  return { type: 'object', additionalProperties: toStructuralSchema(valueType, `${path}{}`) };
}

function renderObject(shape: Record<string, z.ZodType>, path: string): JsonSchemaProps {
  const properties: Record<string, JsonSchemaProps> = {};
  const required: string[] = [];
  for (const [key, child] of Object.entries(shape)) {
    properties[key] = toStructuralSchema(child, path ? `${path}.${key}` : key);
    if (child._zod.optin !== 'optional') required.push(key);
  }
  const out: JsonSchemaProps = { type: 'object', properties };
  if (required.length > 0) out.required = required.sort();
  return out;
}

// String and number formats (z.int(), z.stringFormat()) are schemas that are also their own check.
function selfAndChecks(def: CheckHolder): readonly CheckDef[] {
  const own = 'check' in def ? [def as unknown as CheckDef] : [];
  return [...own, ...(def.checks ?? []).map((c) => c._zod.def as CheckDef)];
}

type CheckDef = {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number | bigint;
  inclusive?: boolean;
};

function withChecks(base: JsonSchemaProps, checks: readonly CheckDef[], path: string): JsonSchemaProps {
  const out = { ...base };
  for (const check of checks) applyCheck(out, check, path);
  return out;
}

function applyCheck(out: JsonSchemaProps, check: CheckDef, path: string): void {
  const isArray = out.type === 'array';
  switch (check.check) {
    case 'min_length':
      if (isArray) out.minItems = check.minimum;
      else out.minLength = check.minimum;
      return;
    case 'max_length':
      if (isArray) out.maxItems = check.maximum;
      else out.maxLength = check.maximum;
      return;
    case 'number_format':
      // safeint is zod's integer; int32 keeps its range as the format says.
      if (check.format === 'safeint' || check.format === 'int32') out.type = 'integer';
      else throw new UnsupportedSchemaError(path, `number format "${check.format}"`);
      if (check.format === 'int32') out.format = 'int32';
      return;
    case 'multiple_of':
      // Only multipleOf(1), the integer check: `type: integer`.
      if (Number(check.value) !== 1) throw new UnsupportedSchemaError(path, `multipleOf ${String(check.value)}`);
      out.type = 'integer';
      return;
    case 'greater_than':
      if (!check.inclusive) throw new UnsupportedSchemaError(path, 'exclusive minimum');
      out.minimum = Number(check.value);
      return;
    case 'less_than':
      if (!check.inclusive) throw new UnsupportedSchemaError(path, 'exclusive maximum');
      out.maximum = Number(check.value);
      return;
    case 'string_format':
      applyStringFormat(out, check, path);
      return;
    default:
      throw new UnsupportedSchemaError(path, `check "${check.check}" (refinements cannot be rendered)`);
  }
}

function applyStringFormat(out: JsonSchemaProps, check: CheckDef, path: string): void {
  // RegExp#source escapes "/", which Go's RE2 reads the same; unescape so patterns stay byte-equal
  // to the ones upstream CRDs declare.
  if (check.format === 'regex' && check.pattern) out.pattern = check.pattern.source.replace(/(^|[^\\])\\\//g, '$1/');
  else if (check.format === 'datetime' || check.format === 'date-time') out.format = 'date-time';
  else throw new UnsupportedSchemaError(path, `string format "${check.format}"`);
}

function enumValues(values: readonly unknown[], path: string): string[] {
  return values.map((v) => {
    if (typeof v !== 'string') throw new UnsupportedSchemaError(path, 'only string enums are supported');
    return v;
  });
}

function applyExtensions(out: JsonSchemaProps, ext: CrdSchemaExtensions, path: string): JsonSchemaProps {
  if (ext.format !== undefined) out.format = ext.format;
  if (ext.default !== undefined) out.default = ext.default;
  if (ext.mapType !== undefined) out['x-kubernetes-map-type'] = ext.mapType;
  if (ext.listType !== undefined) out['x-kubernetes-list-type'] = ext.listType;
  if (ext.preserveUnknownFields) out['x-kubernetes-preserve-unknown-fields'] = true;
  if (ext.intOrString) {
    if (out.type !== undefined) throw new UnsupportedSchemaError(path, 'int-or-string must be a union');
    out['x-kubernetes-int-or-string'] = true;
  }
  return out;
}
