import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { natsInboxPrefix } from '@ferry/contracts';
import { createLogger, type Logger } from '@ferry/logger';
import { nextConnectionState, type NatsConnectionState } from './connection-state';
import { NatsConnectError } from './errors';
import type { NatsCredentials, NatsTlsFiles } from './nats-credentials';

/** Options of {@link connectNats}. */
export interface NatsConnectOptions {
  /** Client name shown by the server (`nats server report connections`), e.g. `mover-node-a`. */
  readonly name: string;
  readonly servers: string | readonly string[];
  /** Where terminated messages, reconnects and handler failures are logged; default a `nats` logger on stdout. */
  readonly logger?: Logger;
  /** Give up the first connect after this long; default 10 000 ms. */
  readonly connectTimeoutMs?: number;
  /** Keep retrying the first connect instead of failing (for apps starting before the server); default false. */
  readonly waitForServer?: boolean;
  /** Reconnect attempts per server after a disconnect; default -1 (forever). */
  readonly maxReconnectAttempts?: number;
  /** Pause between reconnect attempts; default 2000 ms. */
  readonly reconnectWaitMs?: number;
  /**
   * Who to authenticate as; none connects anonymously (refused by a server with authorization).
   * With credentials, replies and pulled messages arrive under the user's own inbox prefix
   * (`natsInboxPrefix` of @ferry/contracts), the only inbox its permissions let it read.
   */
  readonly credentials?: NatsCredentials;
  /** TLS to the server (required by a server configured with TLS): the CA to trust, a client certificate and key. */
  readonly tls?: NatsTlsFiles;
}

/**
 * A connection plus its JetStream context: what every function of this adapter takes. Created by
 * {@link connectNats}; the creator owns it and calls `close()` once.
 */
export interface NatsClient {
  readonly name: string;
  readonly connection: NatsConnection;
  readonly jetstream: JetStreamClient;
  readonly logger: Logger;
  /**
   * Whether the client can reach NATS now: `disconnected` from losing the server until a reconnect
   * (what readiness probes report), `closed` after `close()` or when reconnects gave up.
   */
  connectionState(): NatsConnectionState;
  /** The JetStream management API (created on first use, then cached). */
  manager(): Promise<JetStreamManager>;
  /**
   * Drains: stops subscriptions after their pending messages are handled, flushes publishes,
   * then closes. Idempotent; never rejects (a drain failure is logged and the connection closed).
   */
  close(): Promise<void>;
}

function watchStatus(connection: NatsConnection, logger: Logger, onStatus: (type: string) => void): void {
  void (async () => {
    for await (const status of connection.status()) {
      onStatus(status.type);
      switch (status.type) {
        case 'disconnect':
        case 'reconnecting':
        case 'staleConnection':
          logger.warn({ status: status.type }, 'NATS connection interrupted; reconnecting');
          break;
        case 'reconnect':
          logger.info({ server: status.server }, 'NATS reconnected');
          break;
        case 'error':
          logger.warn({ err: status.error }, 'NATS server reported an error');
          break;
        case 'slowConsumer':
          logger.warn({ subject: status.sub.getSubject(), pending: status.pending }, 'NATS slow consumer');
          break;
        default:
          break;
      }
    }
  })().catch((error: unknown) => logger.debug({ err: error }, 'NATS status watch ended'));
}

/**
 * Connects to NATS (blocking until connected or failed) with reconnects enabled. Throws
 * {@link NatsConnectError} (retryable) when no server answers within the timeout. The caller owns
 * the returned client and must `close()` it.
 */
export async function connectNats(options: NatsConnectOptions): Promise<NatsClient> {
  const servers = typeof options.servers === 'string' ? [options.servers] : [...options.servers];
  const logger = options.logger ?? createLogger({ name: 'nats' });
  let connection: NatsConnection;
  try {
    connection = await connect({
      name: options.name,
      servers,
      timeout: options.connectTimeoutMs ?? 10_000,
      waitOnFirstConnect: options.waitForServer ?? false,
      reconnect: true,
      maxReconnectAttempts: options.maxReconnectAttempts ?? -1,
      reconnectTimeWait: options.reconnectWaitMs ?? 2000,
      ...(options.credentials
        ? { user: options.credentials.user, pass: options.credentials.password, inboxPrefix: natsInboxPrefix(options.credentials.user) }
        : {}),
      ...(options.tls ? { tls: { ...options.tls } } : {}),
    });
  } catch (cause) {
    throw new NatsConnectError(servers, { cause });
  }
  let state: NatsConnectionState = 'connected';
  watchStatus(connection, logger, (type) => (state = nextConnectionState(state, type)));
  let manager: Promise<JetStreamManager> | undefined;
  let closing: Promise<void> | undefined;
  return {
    name: options.name,
    connection,
    jetstream: jetstream(connection),
    logger,
    connectionState: () => (connection.isClosed() ? 'closed' : state),
    manager() {
      manager ??= jetstreamManager(connection).catch((error: unknown) => {
        manager = undefined;
        throw error;
      });
      return manager;
    },
    close() {
      closing ??= (async () => {
        if (connection.isClosed()) return;
        try {
          await connection.drain();
        } catch (error) {
          logger.warn({ err: error }, 'NATS drain failed; closing');
          await connection.close().catch(() => undefined);
        }
      })();
      return closing;
    },
  };
}
