// The API server rejects (or, for v1, refuses to prune with) non-structural schemas. These are the
// rules from the Kubernetes "structural schema" definition, kept stricter where it costs nothing
// (no logical junctors at all, known keys only).
import type { JsonSchemaProps } from './structural-schema';

/** One structural-schema rule broken at `path` (`.`-separated; `[]` = items, `{}` = map values). */
export interface StructuralViolation {
  readonly path: string;
  readonly rule: string;
}

const allowedKeys = new Set<string>([
  'type',
  'format',
  'description',
  'enum',
  'nullable',
  'default',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'pattern',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-map-type',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-validations',
  'x-kubernetes-embedded-resource',
]);
const types = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

/**
 * Lists every structural-schema rule `root` (a CRD version's `openAPIV3Schema`) breaks; empty means
 * the API server will accept it as structural. Pure; never throws. Checks: a root of type object;
 * a type on every node unless int-or-string or preserve-unknown-fields; no `$ref`, `anyOf`,
 * `allOf`, `oneOf`, `not` or other non-structural keys; `properties` and `additionalProperties`
 * mutually exclusive and the latter never a boolean; `items` a single schema on arrays only;
 * `required` naming declared properties; enum values matching the type; root `metadata` exactly
 * `{type: object}`.
 */
export function checkStructuralSchema(root: JsonSchemaProps | Record<string, unknown>): StructuralViolation[] {
  const violations: StructuralViolation[] = [];
  const node = root as Record<string, unknown>;
  if (node['type'] !== 'object') violations.push({ path: '(root)', rule: 'the root must have type object' });
  const metadata = (node['properties'] as Record<string, unknown> | undefined)?.['metadata'];
  if (metadata !== undefined && JSON.stringify(metadata) !== JSON.stringify({ type: 'object' })) {
    violations.push({ path: 'metadata', rule: 'root metadata must be exactly {type: object}' });
  }
  walk(node, '', violations);
  return violations;
}

function walk(node: Record<string, unknown>, path: string, out: StructuralViolation[]): void {
  const at = path || '(root)';
  const fail = (rule: string): void => void out.push({ path: at, rule });
  for (const key of Object.keys(node)) if (!allowedKeys.has(key)) fail(`key "${key}" is not allowed`);

  const type = node['type'];
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  const preserve = node['x-kubernetes-preserve-unknown-fields'];
  if (preserve !== undefined && preserve !== true) fail('x-kubernetes-preserve-unknown-fields must be true when set');
  if (type === undefined && !intOrString && preserve !== true) fail('a type is required');
  if (type !== undefined && !types.has(String(type))) fail(`unknown type "${String(type)}"`);

  const properties = node['properties'];
  const additional = node['additionalProperties'];
  if (properties !== undefined && additional !== undefined) fail('properties and additionalProperties are mutually exclusive');
  if (additional !== undefined && (typeof additional !== 'object' || additional === null)) {
    fail('additionalProperties must be a schema, not a boolean');
  }
  if ((properties !== undefined || additional !== undefined) && type !== 'object') fail('properties need type object');
  if (node['items'] !== undefined && type !== 'array') fail('items need type array');
  if (type === 'array' && (typeof node['items'] !== 'object' || Array.isArray(node['items']))) {
    fail('arrays need a single items schema');
  }
  checkRequired(node, fail);
  checkEnum(node, fail);

  if (properties !== null && typeof properties === 'object') {
    for (const [key, child] of Object.entries(properties as Record<string, unknown>)) {
      walk(child as Record<string, unknown>, path ? `${path}.${key}` : key, out);
    }
  }
  if (additional !== null && typeof additional === 'object') walk(additional as Record<string, unknown>, `${path}{}`, out);
  const items = node['items'];
  if (items !== null && typeof items === 'object' && !Array.isArray(items)) {
    walk(items as Record<string, unknown>, `${path}[]`, out);
  }
}

function checkRequired(node: Record<string, unknown>, fail: (rule: string) => void): void {
  const required = node['required'];
  if (required === undefined) return;
  const properties = (node['properties'] ?? {}) as Record<string, unknown>;
  if (!Array.isArray(required)) return fail('required must be a list');
  for (const name of required) if (!(String(name) in properties)) fail(`required "${String(name)}" is not a property`);
}

function checkEnum(node: Record<string, unknown>, fail: (rule: string) => void): void {
  const values = node['enum'];
  if (values === undefined) return;
  if (!Array.isArray(values)) return fail('enum must be a list');
  const expected = node['type'] === 'integer' || node['type'] === 'number' ? 'number' : node['type'];
  for (const v of values) if (typeof v !== expected) fail(`enum value ${JSON.stringify(v)} does not match the type`);
}
