import { ResourceValidationError, UnknownKindError } from '../errors';
import { validateWithSchema, type ValidationIssue, type ValidationResult } from '../validation/validation-result';
import { apiVersionOf } from './resource-definition';
import { isResourceKind, resourceDefinitions, resourceKinds, type ResourceKind, type ResourceOf } from './resource-registry';

/**
 * Validates `value` as an object of `kind` (e.g. `validateResource('DataUpload', obj)`): the schema
 * of every field, plus `apiVersion`/`kind` when present (list items may omit them). Pure; never
 * throws for bad input; throws {@link UnknownKindError} for a kind libs/api does not define.
 * On success returns the input itself, typed; unknown fields are kept, not stripped.
 */
export function validateResource<K extends ResourceKind>(kind: K, value: unknown): ValidationResult<ResourceOf<K>> {
  if (!isResourceKind(kind)) throw new UnknownKindError(kind, resourceKinds);
  const definition = resourceDefinitions[kind];
  const result = validateWithSchema(definition.schema, value);
  const typeIssues = typeMetaIssues(definition, value);
  if (result.ok && typeIssues.length === 0) return result as ValidationResult<ResourceOf<K>>;
  return { ok: false, issues: [...typeIssues, ...(result.ok ? [] : result.issues)] };
}

/**
 * Like {@link validateResource} but returns the typed object or throws
 * {@link ResourceValidationError} naming the object and every bad field.
 */
export function parseResource<K extends ResourceKind>(kind: K, value: unknown): ResourceOf<K> {
  const result = validateResource(kind, value);
  if (result.ok) return result.value;
  throw new ResourceValidationError(kind, objectNameOf(value), result.issues);
}

/** True when `value` is a valid object of `kind`; narrows its type. */
export function isResource<K extends ResourceKind>(kind: K, value: unknown): value is ResourceOf<K> {
  return validateResource(kind, value).ok;
}

function typeMetaIssues(definition: { group: string; version: string; kind: string }, value: unknown): ValidationIssue[] {
  if (value === null || typeof value !== 'object') return [];
  const { apiVersion, kind } = value as { apiVersion?: unknown; kind?: unknown };
  const issues: ValidationIssue[] = [];
  const expectedVersion = apiVersionOf(definition);
  if (typeof apiVersion === 'string' && apiVersion !== expectedVersion) {
    issues.push({ path: 'apiVersion', message: `expected "${expectedVersion}", received "${apiVersion}"` });
  }
  if (typeof kind === 'string' && kind !== definition.kind) {
    issues.push({ path: 'kind', message: `expected "${definition.kind}", received "${kind}"` });
  }
  return issues;
}

function objectNameOf(value: unknown): string | undefined {
  const metadata = (value as { metadata?: { name?: unknown; namespace?: unknown } } | null)?.metadata;
  if (typeof metadata?.name !== 'string') return undefined;
  return typeof metadata.namespace === 'string' ? `${metadata.namespace}/${metadata.name}` : metadata.name;
}
