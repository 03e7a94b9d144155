// The start/stop boilerplate of a service built from informers and controllers: wait for the
// informers' first lists, start the controllers, and stop everything in order.
import type { Controller, ControllerStats } from './controller';
import type { KubeLogger, LogFields } from './kube-logger';
import type { KubeObject } from './kube-object';
import type { ResourceInformer } from './resource-informer';

/** What {@link startControllerSet} runs. */
export interface ControllerSetOptions {
  /** Names the service in its start log line (`<name> started`). */
  readonly name: string;
  /** Already created informers; the set waits for all to sync and stops them last. */
  readonly informers: readonly Pick<ResourceInformer<KubeObject>, 'synced' | 'stop'>[];
  /** Controllers already watching the informers; started in this order once the informers synced. */
  readonly controllers: readonly Controller[];
  /** Stops extra resources of the service, after the controllers and before the informers. */
  readonly stopAfterControllers?: () => Promise<void>;
  readonly logger: KubeLogger;
  /** Fields of the start log line; default none. */
  readonly logFields?: LogFields;
}

/** A running set of controllers. */
export interface ControllerSet {
  /** Figures of the controllers, in the order they were given. */
  controllers(): ControllerStats[];
  /**
   * Stops the controllers at once (running reconciles get up to `graceMs`, default 10 s), then
   * `stopAfterControllers`, then the informers.
   */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Resolves once every informer listed its objects, the controllers are started and `<name> started`
 * is logged. If an informer's sync rejects, it stops everything it was given and rethrows.
 */
export async function startControllerSet(options: ControllerSetOptions): Promise<ControllerSet> {
  const { informers, controllers, logger } = options;
  const stop = async (graceMs?: number): Promise<void> => {
    await Promise.all(controllers.map((controller) => controller.stop(graceMs)));
    await options.stopAfterControllers?.();
    await Promise.all(informers.map((informer) => informer.stop()));
  };
  try {
    await Promise.all(informers.map((informer) => informer.synced));
  } catch (error) {
    await stop();
    throw error;
  }
  for (const controller of controllers) controller.start();
  logger.info(options.logFields ?? {}, `${options.name} started`);
  return { controllers: () => controllers.map((controller) => controller.stats()), stop };
}
