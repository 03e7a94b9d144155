import type { z } from 'zod';
import { DocumentValidationError, UnknownKindError } from '../errors';
import { validateWithSchema, type ValidationResult } from '../validation/validation-result';
import { nodeAgentConfigSchema } from './node-agent-config-schema';
import { backupVolumeInfosSchema, restoreVolumeInfosSchema } from './volume-info-schema';
import { volumePolicyDocumentSchema } from './volume-policy-schema';

/**
 * The non-CRD documents libs/api validates, by name: the node-agent ConfigMap JSON, the
 * resource-policies YAML (after YAML parsing), and the backup/restore volume-info JSON arrays.
 */
export const documentSchemas = Object.freeze({
  NodeAgentConfig: nodeAgentConfigSchema,
  VolumePolicy: volumePolicyDocumentSchema,
  BackupVolumeInfos: backupVolumeInfosSchema,
  RestoreVolumeInfos: restoreVolumeInfosSchema,
});

/** Name of a document in {@link documentSchemas}. */
export type DocumentKind = keyof typeof documentSchemas;

/** The TypeScript type of document `K`. */
export type DocumentOf<K extends DocumentKind> = z.infer<(typeof documentSchemas)[K]>;

/**
 * Validates an already-decoded document (JSON.parse / YAML parse output) as `kind`. Pure; never
 * throws for bad input; on success returns the input itself, typed. Decoding is the caller's job.
 */
export function validateDocument<K extends DocumentKind>(kind: K, value: unknown): ValidationResult<DocumentOf<K>> {
  const schema = documentSchemas[kind] as z.ZodType | undefined;
  if (schema === undefined) throw new UnknownKindError(kind, Object.keys(documentSchemas));
  return validateWithSchema(schema, value) as ValidationResult<DocumentOf<K>>;
}

/**
 * Like {@link validateDocument} but returns the typed document or throws
 * {@link DocumentValidationError}; `source` (e.g. `ConfigMap velero/node-agent-config`) goes into
 * the message so the operator knows what to fix.
 */
export function parseDocument<K extends DocumentKind>(kind: K, value: unknown, source?: string): DocumentOf<K> {
  const result = validateDocument(kind, value);
  if (result.ok) return result.value;
  throw new DocumentValidationError(kind, source, result.issues);
}
