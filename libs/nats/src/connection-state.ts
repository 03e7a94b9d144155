/**
 * Whether a client can talk to NATS: `connected`, `disconnected` (the server is gone and the client
 * is reconnecting; publishes are buffered, requests and consumers stall) or `closed` (for good).
 */
export type NatsConnectionState = 'connected' | 'disconnected' | 'closed';

/**
 * The state after a status event of nats.js (`status.type`): a disconnect, a reconnect attempt or
 * a stale connection make a client `disconnected`, a reconnect makes it `connected` again, `close`
 * is final. Other events (errors, pings, cluster updates) leave it as it is. Pure.
 */
export function nextConnectionState(current: NatsConnectionState, statusType: string): NatsConnectionState {
  if (current === 'closed') return current;
  switch (statusType) {
    case 'disconnect':
    case 'reconnecting':
    case 'staleConnection':
      return 'disconnected';
    case 'reconnect':
      return 'connected';
    case 'close':
      return 'closed';
    default:
      return current;
  }
}
