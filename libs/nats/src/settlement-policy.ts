import { isRetryable } from '@ferry/errors';

/** What to do with a JetStream message whose handler failed (success is always an ack). */
export type Settlement = { readonly kind: 'nak'; readonly delayMs: number } | { readonly kind: 'term'; readonly reason: string };

/** Facts about one failed delivery. */
export interface FailedDelivery {
  readonly error: unknown;
  /** 1 on first delivery. */
  readonly deliveryCount: number;
  /** The consumer's maxDeliver; -1 for no limit. */
  readonly maxDeliver: number;
  /** True when the consumer is being cancelled: hand the message back at once. */
  readonly cancelled: boolean;
  readonly retryDelayMs: (deliveryCount: number) => number;
}

function retryAfterMs(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('retryAfterMs' in error)) return undefined;
  const value = error.retryAfterMs;
  return typeof value === 'number' && value >= 0 ? value : undefined;
}

/** Exponential backoff from 1 s, doubling per delivery, capped at 60 s. */
export function defaultRetryDelayMs(deliveryCount: number): number {
  return Math.min(1000 * 2 ** Math.max(0, deliveryCount - 1), 60_000);
}

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/**
 * Decides a failed delivery. Pure. Cancelled → nak now (another replica may take it); not
 * retryable → term; retryable but out of deliveries → term (the server would stop anyway, and
 * an explicit term makes it visible); otherwise nak after `retryAfterMs` of the error or the
 * backoff.
 */
export function settleFailure(failure: FailedDelivery): Settlement {
  if (failure.cancelled) return { kind: 'nak', delayMs: 0 };
  if (!isRetryable(failure.error)) return { kind: 'term', reason: `not retryable: ${describe(failure.error)}` };
  if (failure.maxDeliver > 0 && failure.deliveryCount >= failure.maxDeliver) {
    return { kind: 'term', reason: `gave up after ${failure.deliveryCount} deliveries: ${describe(failure.error)}` };
  }
  return { kind: 'nak', delayMs: retryAfterMs(failure.error) ?? failure.retryDelayMs(failure.deliveryCount) };
}
