// Bodies of the HTTP API, validated with zod; a malformed body is a 400 naming each bad field.
// Kubernetes objects given inline are loose (unknown fields are kept and ignored), but the fields
// the volume rules read must have the right types.
import { backupSchema, validateWithSchema, type ValidationIssue } from '@ferry/api';
import { backupReferenceSchema } from '@ferry/contracts';
import { z } from 'zod';
import type { BackupToPlan } from './backup-planner';

const stringMap = () => z.record(z.string(), z.string());
const metadataSchema = z.looseObject({
  name: z.string().optional(),
  namespace: z.string().optional(),
  labels: stringMap().nullish(),
  annotations: stringMap().nullish(),
});
const nfsSchema = z.looseObject({ server: z.string().optional(), path: z.string().optional() });
const csiSchema = z.looseObject({ driver: z.string().optional(), volumeAttributes: stringMap().nullish() });

/** A PersistentVolume as the dry run reads it. */
export const inlinePvSchema = z.looseObject({
  metadata: metadataSchema.optional(),
  spec: z
    .looseObject({
      capacity: stringMap().nullish(),
      storageClassName: z.string().optional(),
      nfs: nfsSchema.nullish(),
      csi: csiSchema.nullish(),
      claimRef: z.looseObject({ namespace: z.string().optional(), name: z.string().optional() }).nullish(),
    })
    .optional(),
});

/** A PersistentVolumeClaim as the dry run reads it. */
export const inlinePvcSchema = z.looseObject({
  metadata: metadataSchema.optional(),
  spec: z
    .looseObject({
      volumeName: z.string().optional(),
      storageClassName: z.string().nullish(),
      volumeMode: z.string().nullish(),
      accessModes: z.array(z.string()).nullish(),
    })
    .optional(),
  status: z.looseObject({ phase: z.string().optional() }).optional(),
});

/** One entry of a pod's `spec.volumes` as the dry run reads it. */
export const inlinePodVolumeSchema = z.looseObject({
  name: z.string().min(1),
  persistentVolumeClaim: z.looseObject({ claimName: z.string().optional() }).nullish(),
  nfs: nfsSchema.nullish(),
  csi: csiSchema.nullish(),
});

/** One volume of a dry run: at least one of `pv`, `pvc`, `podVolume` (a PV wins over a pod volume). */
export const dryRunVolumeSchema = z
  .strictObject({
    name: z.string().optional(),
    pv: inlinePvSchema.optional(),
    pvc: inlinePvcSchema.optional(),
    podVolume: inlinePodVolumeSchema.optional(),
  })
  .superRefine((volume, ctx) => {
    if (!volume.pv && !volume.pvc && !volume.podVolume) {
      ctx.addIssue({ code: 'custom', message: 'give at least one of pv, pvc or podVolume', input: volume });
    }
  });

/** `POST /v1/policies/validate`. */
export const validateBodySchema = z.strictObject({ document: z.string() });

/** `POST /v1/policies/evaluate`: a document and up to 10 000 volumes. */
export const evaluateBodySchema = z.strictObject({
  document: z.string(),
  volumes: z.array(dryRunVolumeSchema).min(1).max(10_000),
});

/** `POST /v1/backups/plan` with an inline Backup. */
export const inlinePlanBodySchema = z.strictObject({ backup: backupSchema });

/** Outcome of validating a request body. */
export type BodyCheck<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** Validates `body` against `schema`, naming every bad field. Pure. */
export function checkBody<S extends z.ZodType>(schema: S, body: unknown): BodyCheck<z.infer<S>> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, issues: [{ path: '(root)', message: 'the body must be a JSON object (Content-Type: application/json)' }] };
  }
  const result = validateWithSchema(schema, body);
  return result.ok ? { ok: true, value: result.value } : { ok: false, issues: result.issues };
}

/**
 * The Backup of a plan request: `{namespace, name}` of a Backup in the cluster, or `{backup}`
 * with the whole object. The presence of `backup` picks the form, so issues name real fields. Pure.
 */
export function checkPlanBody(body: unknown): BodyCheck<BackupToPlan> {
  if (body !== null && typeof body === 'object' && !Array.isArray(body) && 'backup' in body) {
    const inline = checkBody(inlinePlanBodySchema, body);
    return inline.ok ? { ok: true, value: { backup: inline.value.backup } } : inline;
  }
  const reference = checkBody(backupReferenceSchema, body);
  return reference.ok ? { ok: true, value: { namespace: reference.value.namespace, name: reference.value.name } } : reference;
}
