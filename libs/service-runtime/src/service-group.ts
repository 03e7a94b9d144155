// Several services run as one: started in order, stopped in reverse, and none left running when a
// later one fails to start.
import type { Logger } from '@ferry/logger';
import type { RunningService } from './service-runner';
import { createShutdownStack } from './shutdown-stack';

/** Starts one member of a {@link startServiceGroup}. */
export type ServiceStarter = () => Promise<RunningService>;

/**
 * Starts `starters` one after the other. If one throws, the members already started are stopped
 * (newest first) before the error is rethrown; the returned handle stops every member newest first.
 * A member that fails to stop is logged as `<group> stop step failed` and the others still stop.
 */
export async function startServiceGroup(logger: Logger, group: string, starters: readonly ServiceStarter[]): Promise<RunningService> {
  const shutdown = createShutdownStack(logger, group);
  try {
    for (const start of starters) {
      const member = await start();
      shutdown.add(() => member.stop());
    }
  } catch (error) {
    await shutdown.run();
    throw error;
  }
  return { stop: () => shutdown.run() };
}
