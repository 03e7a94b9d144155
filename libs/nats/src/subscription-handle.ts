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
