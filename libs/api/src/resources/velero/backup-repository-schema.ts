import { z } from 'zod';
import { dateTime, stringMap } from '../../schema/crd-extensions';
import { resourceRootSchema } from '../../schema/common-schemas';
import { BackupRepositoryPhase, MaintenanceResult, UploaderType } from '../../vocabulary/velero-vocabulary';
import { defineResource } from '../resource-definition';

/** `BackupRepository.spec`: one repository per (volume namespace, BSL, type). */
export const backupRepositorySpecSchema = z.object({
  volumeNamespace: z.string(),
  backupStorageLocation: z.string(),
  repositoryType: z.enum(UploaderType).optional(),
  resticIdentifier: z.string().optional(),
  maintenanceFrequency: z.string(),
  repositoryConfig: stringMap().nullish(),
});
/** `BackupRepository.spec`. */
export type BackupRepositorySpec = z.infer<typeof backupRepositorySpecSchema>;

/** `BackupRepository.status`. */
export const backupRepositoryStatusSchema = z.object({
  phase: z.enum(BackupRepositoryPhase).optional(),
  message: z.string().optional(),
  lastMaintenanceTime: dateTime().nullish(),
  recentMaintenance: z
    .array(
      z.object({
        result: z.enum(MaintenanceResult).optional(),
        startTimestamp: dateTime().nullish(),
        completeTimestamp: dateTime().nullish(),
        message: z.string().optional(),
      }),
    )
    .optional(),
});
/** `BackupRepository.status`. */
export type BackupRepositoryStatus = z.infer<typeof backupRepositoryStatusSchema>;

/** A whole BackupRepository object. */
export const backupRepositorySchema = resourceRootSchema({
  spec: backupRepositorySpecSchema.optional(),
  status: backupRepositoryStatusSchema.optional(),
});
/** BackupRepository (velero.io/v1), named `<volumeNamespace>-<bsl>-<type>`. */
export type BackupRepository = z.infer<typeof backupRepositorySchema>;

/** Resource definition of BackupRepository (`repo`), columns as Velero's CRD. */
export const backupRepositoryDefinition = defineResource({
  group: 'velero.io',
  version: 'v1',
  kind: 'BackupRepository',
  plural: 'backuprepositories',
  singular: 'backuprepository',
  shortNames: ['repo'],
  scope: 'Namespaced',
  statusSubresource: false,
  printerColumns: [
    { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
    { jsonPath: '.spec.repositoryType', name: 'Repository Type', type: 'string' },
  ],
  schema: backupRepositorySchema,
});
