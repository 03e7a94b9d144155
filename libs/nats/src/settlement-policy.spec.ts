import { defaultRetryDelayMs, settleFailure, type FailedDelivery } from './settlement-policy';

class Coded extends Error {
  constructor(
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super('coded');
  }
}

const base: Omit<FailedDelivery, 'error'> = { deliveryCount: 1, maxDeliver: 5, cancelled: false, retryDelayMs: () => 250 };

describe('settlement-policy - failed deliveries', () => {
  it.each([
    ['a retryable error', new Coded(true), { kind: 'nak', delayMs: 250 }],
    ['an error without retryable', new TypeError('bug'), { kind: 'nak', delayMs: 250 }],
    ['a non-Error throw', 'oops', { kind: 'nak', delayMs: 250 }],
    ['retryAfterMs on the error', new Coded(true, 9000), { kind: 'nak', delayMs: 9000 }],
  ])('naks %s', (_, error, expected) => {
    expect(settleFailure({ ...base, error })).toEqual(expected);
  });

  it('terms a non-retryable error with its reason', () => {
    expect(settleFailure({ ...base, error: new Coded(false) })).toEqual({ kind: 'term', reason: 'not retryable: Error: coded' });
  });

  it('terms when the last delivery fails, instead of letting the server drop it silently', () => {
    expect(settleFailure({ ...base, error: new Coded(true), deliveryCount: 5 })).toMatchObject({
      kind: 'term',
      reason: expect.stringMatching(/gave up after 5/),
    });
    expect(settleFailure({ ...base, error: new Coded(true), deliveryCount: 50, maxDeliver: -1 })).toMatchObject({ kind: 'nak' });
  });

  it('hands the message back at once when cancelled, whatever the error', () => {
    expect(settleFailure({ ...base, error: new Coded(false), cancelled: true })).toEqual({ kind: 'nak', delayMs: 0 });
  });

  it('backs off exponentially up to a minute', () => {
    expect([1, 2, 3, 4, 10].map(defaultRetryDelayMs)).toEqual([1000, 2000, 4000, 8000, 60_000]);
  });
});
