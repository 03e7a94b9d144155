// The two small request kinds Ferry does not act on but ships for a complete velero.io API.
import { z } from 'zod';
import { dateTime } from '../../schema/crd-extensions';
import { resourceRootSchema } from '../../schema/common-schemas';
import { DeleteBackupRequestPhase, ServerStatusRequestPhase } from '../../vocabulary/velero-vocabulary';
import { defineResource } from '../resource-definition';

/** A whole DeleteBackupRequest object. */
export const deleteBackupRequestSchema = resourceRootSchema({
  spec: z.object({ backupName: z.string() }).optional(),
  status: z
    .object({
      phase: z.enum(DeleteBackupRequestPhase).optional(),
      errors: z.array(z.string()).nullish(),
    })
    .optional(),
});
/** DeleteBackupRequest (velero.io/v1). */
export type DeleteBackupRequest = z.infer<typeof deleteBackupRequestSchema>;

/** Resource definition of DeleteBackupRequest (`dbr`), columns as Velero's CRD. */
export const deleteBackupRequestDefinition = defineResource({
  group: 'velero.io',
  version: 'v1',
  kind: 'DeleteBackupRequest',
  plural: 'deletebackuprequests',
  singular: 'deletebackuprequest',
  shortNames: ['dbr'],
  scope: 'Namespaced',
  statusSubresource: false,
  description: 'DeleteBackupRequest is a request to delete one or more backups.',
  printerColumns: [
    { description: 'The name of the backup to be deleted', jsonPath: '.spec.backupName', name: 'BackupName', type: 'string' },
    { description: 'The status of the deletion request', jsonPath: '.status.phase', name: 'Status', type: 'string' },
  ],
  schema: deleteBackupRequestSchema,
});

/** A whole ServerStatusRequest object (empty spec). */
export const serverStatusRequestSchema = resourceRootSchema({
  spec: z.object({}).optional(),
  status: z
    .object({
      phase: z.enum(ServerStatusRequestPhase).optional(),
      processedTimestamp: dateTime().nullish(),
      serverVersion: z.string().optional(),
      plugins: z.array(z.object({ kind: z.string(), name: z.string() })).nullish(),
    })
    .optional(),
});
/** ServerStatusRequest (velero.io/v1). */
export type ServerStatusRequest = z.infer<typeof serverStatusRequestSchema>;

/** Resource definition of ServerStatusRequest (`ssr`), columns as Velero's CRD. */
export const serverStatusRequestDefinition = defineResource({
  group: 'velero.io',
  version: 'v1',
  kind: 'ServerStatusRequest',
  plural: 'serverstatusrequests',
  singular: 'serverstatusrequest',
  shortNames: ['ssr'],
  scope: 'Namespaced',
  statusSubresource: false,
  description: 'ServerStatusRequest is a request to access current status information about\nthe Velero server.',
  printerColumns: [
    { description: 'The status of the server status request', jsonPath: '.status.phase', name: 'Status', type: 'string' },
    { description: 'The Velero server version', jsonPath: '.status.serverVersion', name: 'Server Version', type: 'string' },
    {
      description: 'The time the request was processed by the controller',
      jsonPath: '.status.processedTimestamp',
      name: 'Processed',
      type: 'date',
    },
    { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
  ],
  schema: serverStatusRequestSchema,
});
