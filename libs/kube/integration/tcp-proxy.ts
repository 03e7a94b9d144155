import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy in front of the API server, so tests can break connections the way a
 * network does: `breakConnections` resets every open connection (watches included), `refuse`
 * makes new connections fail until `accept` is called again.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private refusing = false;
  private listeningPort = 0;

  private constructor(private readonly targetPort: number) {
    this.server = createServer((client) => this.forward(client));
  }

  /** Starts a proxy on a free loopback port forwarding to `targetPort` on 127.0.0.1. */
  static async start(targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    const address = proxy.server.address();
    if (!address || typeof address === 'string') throw new Error('the proxy has no port');
    proxy.listeningPort = address.port;
    return proxy;
  }

  get port(): number {
    return this.listeningPort;
  }

  /** Resets every open connection (RST), like a network failure. */
  breakConnections(): void {
    for (const socket of this.sockets) socket.resetAndDestroy();
  }

  /** Resets open connections and refuses new ones until `accept()`. */
  refuse(): void {
    this.refusing = true;
    this.breakConnections();
  }

  /** Lets connections through again. */
  accept(): void {
    this.refusing = false;
  }

  async close(): Promise<void> {
    this.breakConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(client: Socket): void {
    if (this.refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(this.targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }
}
