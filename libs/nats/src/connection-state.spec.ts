import { nextConnectionState, type NatsConnectionState } from './connection-state';

describe('connection-state - nextConnectionState', () => {
  it.each<[NatsConnectionState, string, NatsConnectionState]>([
    ['connected', 'disconnect', 'disconnected'],
    ['connected', 'reconnecting', 'disconnected'],
    ['connected', 'staleConnection', 'disconnected'],
    ['disconnected', 'reconnecting', 'disconnected'],
    ['disconnected', 'reconnect', 'connected'],
    ['connected', 'close', 'closed'],
    ['disconnected', 'close', 'closed'],
    ['closed', 'reconnect', 'closed'],
    ['connected', 'error', 'connected'],
    ['disconnected', 'ping', 'disconnected'],
    ['connected', 'update', 'connected'],
    ['disconnected', 'slowConsumer', 'disconnected'],
  ])('%s + %s -> %s', (current, event, next) => {
    expect(nextConnectionState(current, event)).toBe(next);
  });
});
