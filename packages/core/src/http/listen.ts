import type { HttpServer } from './build-base-server.js';

/** Where a daemon listens. */
export interface ListenOptions {
  readonly host: string;
  /** 0 asks the OS for a free port. */
  readonly port: number;
}

/** Starts listening and returns the base URL (`http://host:port`) with the port actually bound. */
export async function listen(server: HttpServer, options: ListenOptions): Promise<string> {
  await server.listen({ host: options.host, port: options.port });
  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return `http://${host}:${port}`;
}
