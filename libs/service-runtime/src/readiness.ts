import type { NatsClient } from '@ferry/nats';

/**
 * One condition of readiness: `undefined` while it holds, otherwise why the service cannot do its
 * work now (written in the `/readyz` answer for whoever probes it).
 */
export type ReadinessCheck = () => string | undefined;

/**
 * Holds while `nats` is connected. While the server is unreachable (the client reconnecting) or
 * after the connection closed, names the state: requests, publishes and consumers cannot work then.
 */
export function natsReadiness(nats: Pick<NatsClient, 'connectionState'>): ReadinessCheck {
  return () => {
    const state = nats.connectionState();
    if (state === 'connected') return undefined;
    return state === 'closed' ? 'NATS connection closed' : 'NATS unreachable; reconnecting';
  };
}

/** The reasons of the failing `checks`, in order; empty when all hold. */
export function readinessProblems(checks: readonly ReadinessCheck[]): string[] {
  return checks.map((check) => check()).filter((reason): reason is string => reason !== undefined);
}
