/** Start a real Novu Chat server on 127.0.0.1 and a free port, for tests and benchmarks. */
import { createNovuServer, type NovuServer, type NovuServerOptions, type NovuServerWiring } from '@novu-chat/server';

/** A running test server. */
export interface TestServer {
  server: NovuServer;
  url: string;
  port: number;
  /** The separate metrics server's `/metrics` URL (with `metricsPort`). */
  metricsUrl: string | undefined;
  close(): Promise<void>;
}

/**
 * Options tests start from: quiet, quick to stop; limits stay at their defaults unless a test raises
 * them, but for the cap on concurrent connections per IP (every test client shares 127.0.0.1).
 */
export const TEST_DEFAULTS: Partial<NovuServerOptions> = {
  logLevel: 'silent',
  maxConnectionsPerIp: 100_000,
  shutdownGraceMs: 0,
  statsIntervalMs: 0,
};

/** Start a server with the given options on 127.0.0.1 (port 0: a free one). */
export async function startServer(options: Partial<NovuServerOptions> = {}, wiring: NovuServerWiring = {}): Promise<TestServer> {
  const server = createNovuServer({ ...TEST_DEFAULTS, port: 0, host: '127.0.0.1', ...options }, wiring);
  const { url, port, metricsUrl } = await server.listen();
  return { server, url, port, metricsUrl, close: () => server.close() };
}
