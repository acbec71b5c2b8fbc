import { Server, Socket, createConnection, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  /** The loopback port it listens on, the same after `restore`. */
  readonly port: number;
  /** Connections open through it now. */
  readonly connections: number;
  /** Like the server going away: every connection is destroyed and new ones are refused. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP relay between a service and a server it uses (such as MySQL), so that a test can take the
 * server away from that one service, and give it back, without touching the server itself.
 */
export async function startTcpProxy(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
  const open = new Set<[Socket, Socket]>();
  let server: Server | undefined;

  const relay = (client: Socket) => {
    const upstream = createConnection(target.port, target.host);
    const pair: [Socket, Socket] = [client, upstream];
    open.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const listen = (on: number) =>
    new Promise<number>((resolve, reject) => {
      const listening = createServer(relay);
      listening.once('error', reject);
      listening.listen(on, '127.0.0.1', () => {
        server = listening;
        resolve((listening.address() as AddressInfo).port);
      });
    });

  const cut = async () => {
    const closing = server;
    server = undefined;
    for (const [client, upstream] of open) {
      client.destroy();
      upstream.destroy();
    }
    open.clear();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };

  const bound = await listen(port);
  return {
    port: bound,
    get connections() {
      return open.size;
    },
    cut,
    restore: async () => {
      if (!server) await listen(bound);
    },
    close: cut,
  };
}
