import { z } from 'zod';
import { dateTime } from '../../schema/crd-extensions';
import { resourceRootSchema } from '../../schema/common-schemas';
import { DownloadRequestPhase, DownloadTargetKind } from '../../vocabulary/velero-vocabulary';
import { defineResource } from '../resource-definition';

/** `DownloadRequest.spec`: which artifact of which backup/restore to presign. */
export const downloadRequestSpecSchema = z.object({
  target: z.object({ kind: z.enum(DownloadTargetKind), name: z.string() }),
});

/** `DownloadRequest.status`: presigned URL valid until `expiration` (now + 10 min). */
export const downloadRequestStatusSchema = z.object({
  phase: z.enum(DownloadRequestPhase).optional(),
  downloadURL: z.string().optional(),
  expiration: dateTime().nullish(),
  message: z.string().optional(),
});

/** A whole DownloadRequest object. */
export const downloadRequestSchema = resourceRootSchema({
  spec: downloadRequestSpecSchema.optional(),
  status: downloadRequestStatusSchema.optional(),
});
/** DownloadRequest (velero.io/v1). */
export type DownloadRequest = z.infer<typeof downloadRequestSchema>;

/** Resource definition of DownloadRequest (`dreq`), columns as Velero's CRD. */
export const downloadRequestDefinition = defineResource({
  group: 'velero.io',
  version: 'v1',
  kind: 'DownloadRequest',
  plural: 'downloadrequests',
  singular: 'downloadrequest',
  shortNames: ['dreq'],
  scope: 'Namespaced',
  statusSubresource: false,
  description: 'DownloadRequest is a request to download an artifact from backup object storage, such as a backup\nlog file.',
  printerColumns: [
    { description: 'The type of file to download', jsonPath: '.spec.target.kind', name: 'Target Kind', type: 'string' },
    {
      description: 'The name of the resource the file is associated with',
      jsonPath: '.spec.target.name',
      name: 'Target Name',
      type: 'string',
    },
    { description: 'The status of the download request', jsonPath: '.status.phase', name: 'Status', type: 'string' },
    { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
  ],
  schema: downloadRequestSchema,
});
