// The schedule service: the Schedule controller on `@ferry/kube`'s runtime, fed by an informer on
// the Schedules of Ferry's namespace and one on the Backups they created (label
// velero.io/schedule-name), so a Schedule held back by a running backup is looked at again when
// that backup changes. Started by apps/controller on the leader in the server role; tests start
// it in-process.
import { backupDefinition, scheduleDefinition, VeleroLabel, type Backup, type Schedule } from '@ferry/api';
import {
  createController,
  createCustomResourceClient,
  createInformer,
  isAlreadyExists,
  retryOnConflict,
  startControllerSet,
  systemClock,
  type Clock,
  type ControllerSet,
  type KubeClient,
  type KubeLogger,
} from '@ferry/kube';
import { createScheduleReconciler, type ScheduledBackupCreator, type ScheduleWriter } from './schedule-reconciler';

/** What {@link startScheduleService} needs (a `ServiceContext`'s `kube` and `logger` fit). */
export interface ScheduleServiceDependencies {
  /** Writes go through it (the leader's write-fenced client). */
  readonly kube: KubeClient;
  readonly logger: KubeLogger;
  /** The namespace whose Schedules run (Ferry's, Velero's namespace); their Backups are created there. */
  readonly namespace: string;
  /** Replaces the system clock of the controller and the due times (tests). */
  readonly clock?: Clock;
  /** Velero's `--schedule-skip-immediately` (default false): skipImmediately of Schedules that leave it unset. */
  readonly skipImmediately?: boolean;
}

/** A running schedule service. Its `stop` stops the controller (running reconciles get up to `graceMs`, default 10 s), then the informers. */
export type ScheduleService = ControllerSet;

/**
 * Starts the service and resolves once both informers listed their objects (every Schedule is
 * then queued: due ones create their Backup at once). On a start-up failure it stops what it
 * started and rethrows.
 */
export async function startScheduleService(deps: ScheduleServiceDependencies): Promise<ScheduleService> {
  const { kube, logger, namespace } = deps;
  const clock = deps.clock ?? systemClock;
  const schedules = createCustomResourceClient<Schedule>(kube, scheduleDefinition);
  const backups = createCustomResourceClient<Backup>(kube, backupDefinition);
  const scheduleInformer = createInformer<Schedule>(kube, scheduleDefinition, { logger, namespace });
  const backupInformer = createInformer<Backup>(kube, backupDefinition, { logger, namespace, labelSelector: VeleroLabel.ScheduleName });
  const write: ScheduleWriter = (ns, name, mutate) =>
    retryOnConflict(async () => {
      const current = await schedules.find(ns, name);
      const next = current && mutate(current);
      if (next) await schedules.replace(next);
    });
  const createBackup: ScheduledBackupCreator = async (backup) => {
    try {
      await backups.create(backup);
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  };
  const reconcile = createScheduleReconciler({
    cache: {
      getSchedule: (ns, name) => scheduleInformer.get(ns, name),
      backupsOf: (ns, schedule) => backupInformer.list(ns).filter((b) => b.metadata?.labels?.[VeleroLabel.ScheduleName] === schedule),
    },
    write,
    createBackup,
    now: () => clock.now(),
    logger,
    skipImmediately: deps.skipImmediately ?? false,
  });
  const controller = createController({ name: 'schedule', reconcile, clock, logger });
  controller.watch(scheduleInformer);
  controller.watch(backupInformer, (backup) => {
    const schedule = backup.metadata?.labels?.[VeleroLabel.ScheduleName];
    return schedule && backup.metadata?.namespace ? [`${backup.metadata.namespace}/${schedule}`] : [];
  });
  return startControllerSet({
    name: 'schedule service',
    informers: [scheduleInformer, backupInformer],
    controllers: [controller],
    logger,
    logFields: { namespace },
  });
}
