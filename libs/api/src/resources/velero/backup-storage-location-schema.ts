import { z } from 'zod';
import { dateTime, stringMap, withCrd } from '../../schema/crd-extensions';
import { resourceRootSchema, secretKeySelectorSchema } from '../../schema/common-schemas';
import { BackupStorageLocationAccessMode, BackupStorageLocationPhase } from '../../vocabulary/velero-vocabulary';
import { defineResource } from '../resource-definition';

/** `BackupStorageLocation.spec.objectStorage`: bucket, prefix and CA of the object store. */
export const objectStorageLocationSchema = z.object({
  bucket: z.string(),
  prefix: z.string().optional(),
  caCert: withCrd(z.string(), { format: 'byte' }).optional(),
  caCertRef: secretKeySelectorSchema.optional(),
});

/** `BackupStorageLocation.spec` (`config` holds provider keys such as region, s3Url, s3ForcePathStyle). */
export const backupStorageLocationSpecSchema = z.object({
  provider: z.string(),
  config: stringMap().optional(),
  credential: secretKeySelectorSchema.optional(),
  objectStorage: objectStorageLocationSchema,
  default: z.boolean().optional(),
  accessMode: z.enum(BackupStorageLocationAccessMode).optional(),
  backupSyncPeriod: z.string().nullish(),
  validationFrequency: z.string().nullish(),
});
/** `BackupStorageLocation.spec`. */
export type BackupStorageLocationSpec = z.infer<typeof backupStorageLocationSpecSchema>;

/** `BackupStorageLocation.status`. */
export const backupStorageLocationStatusSchema = z.object({
  phase: z.enum(BackupStorageLocationPhase).optional(),
  lastSyncedTime: dateTime().nullish(),
  lastSyncedRevision: z.string().optional(),
  lastValidationTime: dateTime().nullish(),
  message: z.string().optional(),
  accessMode: z.enum(BackupStorageLocationAccessMode).optional(),
});
/** `BackupStorageLocation.status`. */
export type BackupStorageLocationStatus = z.infer<typeof backupStorageLocationStatusSchema>;

/** A whole BackupStorageLocation object. */
export const backupStorageLocationSchema = resourceRootSchema({
  spec: backupStorageLocationSpecSchema.optional(),
  status: backupStorageLocationStatusSchema.optional(),
});
/** BackupStorageLocation (velero.io/v1): where backups and repositories live. */
export type BackupStorageLocation = z.infer<typeof backupStorageLocationSchema>;

/** Resource definition of BackupStorageLocation (`bsl`), columns as Velero's CRD. */
export const backupStorageLocationDefinition = defineResource({
  group: 'velero.io',
  version: 'v1',
  kind: 'BackupStorageLocation',
  plural: 'backupstoragelocations',
  singular: 'backupstoragelocation',
  shortNames: ['bsl'],
  scope: 'Namespaced',
  statusSubresource: false,
  description: 'BackupStorageLocation is a location where Velero stores backup objects',
  printerColumns: [
    {
      description: 'Backup Storage Location status such as Available/Unavailable',
      jsonPath: '.status.phase',
      name: 'Phase',
      type: 'string',
    },
    {
      description: 'LastValidationTime is the last time the backup store location was validated',
      jsonPath: '.status.lastValidationTime',
      name: 'Last Validated',
      type: 'date',
    },
    { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
    { description: 'Default backup storage location', jsonPath: '.spec.default', name: 'Default', type: 'boolean' },
  ],
  schema: backupStorageLocationSchema,
});
