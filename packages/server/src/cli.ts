#!/usr/bin/env node
/** `novu-chat-server`: settings from the environment, start, stop gracefully on SIGTERM/SIGINT. */
import { ConfigError, optionsFromEnv } from './config.js';
import { createNovuServer } from './novu-server.js';

async function main(): Promise<void> {
  let server;
  try {
    server = createNovuServer(optionsFromEnv());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`novu-chat-server: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const { log, options } = server;
  if (!options.allowedOrigins && options.sitesFile === undefined) {
    log.warn('ALLOWED_ORIGINS is not set: every origin may connect. Set it to the sites that embed the chat.');
  }
  if (server.adminTokenGenerated) {
    // stderr: stdout carries the JSON logs a collector ships; a secret has no place there.
    process.stderr.write(`Admin token (generated for this run; set ADMIN_TOKEN to fix it): ${server.adminToken}\n`);
  }
  const { url, port, metricsUrl } = await server.listen();
  const shown = options.host ? url : `http://localhost:${port}`;
  process.stdout.write(`Novu Chat server listening on ${shown}\n`);
  if (metricsUrl) process.stdout.write(`Prometheus metrics on ${metricsUrl}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    const hardStop = setTimeout(() => {
      log.error('graceful shutdown timed out; exiting');
      process.exit(1);
    }, options.shutdownGraceMs + 5_000);
    hardStop.unref();
    server.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`novu-chat-server: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
