import type { NatsConnectionState } from '@ferry/nats';
import { natsReadiness, readinessProblems } from './readiness';

const nats = (state: NatsConnectionState) => ({ connectionState: () => state });

describe('readiness - natsReadiness', () => {
  it.each<[NatsConnectionState, string | undefined]>([
    ['connected', undefined],
    ['disconnected', 'NATS unreachable; reconnecting'],
    ['closed', 'NATS connection closed'],
  ])('%s -> %s', (state, reason) => {
    expect(natsReadiness(nats(state))()).toBe(reason);
  });

  it('reads the state at each probe, not once', () => {
    let state: NatsConnectionState = 'connected';
    const check = natsReadiness({ connectionState: () => state });
    expect(check()).toBeUndefined();
    state = 'disconnected';
    expect(check()).toBe('NATS unreachable; reconnecting');
  });
});

describe('readiness - readinessProblems', () => {
  it('lists the reasons of the failing checks in order', () => {
    expect(readinessProblems([])).toEqual([]);
    expect(readinessProblems([() => undefined, () => 'a', () => undefined, () => 'b'])).toEqual(['a', 'b']);
  });
});
