import { z } from 'zod';
import { dateTime } from '../../schema/crd-extensions';
import { resourceRootSchema } from '../../schema/common-schemas';
import { SchedulePhase } from '../../vocabulary/velero-vocabulary';
import { defineResource } from '../resource-definition';
import { backupSpecSchema } from './backup-schema';

/** `Schedule.spec`: a cron expression and the Backup spec to instantiate. */
export const scheduleSpecSchema = z.object({
  template: backupSpecSchema,
  schedule: z.string(),
  useOwnerReferencesInBackup: z.boolean().nullish(),
  paused: z.boolean().optional(),
  skipImmediately: z.boolean().optional(),
});

/** A whole Schedule object. */
export const scheduleSchema = resourceRootSchema({
  spec: scheduleSpecSchema.optional(),
  status: z
    .object({
      phase: z.enum(SchedulePhase).optional(),
      lastBackup: dateTime().nullish(),
      lastSkipped: dateTime().nullish(),
      validationErrors: z.array(z.string()).optional(),
    })
    .optional(),
});
/** Schedule (velero.io/v1). */
export type Schedule = z.infer<typeof scheduleSchema>;

/** Resource definition of Schedule (`sched`), columns as Velero's CRD. */
export const scheduleDefinition = defineResource({
  group: 'velero.io',
  version: 'v1',
  kind: 'Schedule',
  plural: 'schedules',
  singular: 'schedule',
  shortNames: ['sched'],
  scope: 'Namespaced',
  statusSubresource: false,
  description: 'Schedule is a Velero resource that represents a pre-scheduled or\nperiodic Backup that should be run.',
  printerColumns: [
    { description: 'Status of the schedule', jsonPath: '.status.phase', name: 'Status', type: 'string' },
    { description: 'A Cron expression defining when to run the Backup', jsonPath: '.spec.schedule', name: 'Schedule', type: 'string' },
    { description: 'The last time a Backup was run for this schedule', jsonPath: '.status.lastBackup', name: 'LastBackup', type: 'date' },
    { jsonPath: '.metadata.creationTimestamp', name: 'Age', type: 'date' },
    { jsonPath: '.spec.paused', name: 'Paused', type: 'boolean' },
  ],
  schema: scheduleSchema,
});
