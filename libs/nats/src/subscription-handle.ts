import type { Subscription } from '@nats-io/transport-node';

/** A running core-NATS subscription or responder. */
export interface SubscriptionHandle {
  /**
   * Graceful stop: unsubscribes after handling messages already received, then waits for running
   * handlers. Idempotent; never rejects.
   */
  stop(): Promise<void>;
  /** Settles once the subscription has ended (after `stop`, an abort, or the connection closing). */
  readonly done: Promise<void>;
}

/**
 * The handle of `subscription`, whose message loop settles `done`: stop drains it (messages already
 * received are still handled) and waits for `done`; an abort of `signal` stops it too. Idempotent.
 */
export function subscriptionHandle(subscription: Subscription, done: Promise<void>, signal?: AbortSignal): SubscriptionHandle {
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (!subscription.isClosed()) await subscription.drain().catch(() => undefined);
      await done;
    })();
    return stopped;
  };
  signal?.addEventListener('abort', () => void stop(), { once: true });
  if (signal?.aborted) void stop();
  return { stop, done };
}
