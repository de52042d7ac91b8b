#!/usr/bin/env node
// Thin launcher so the bin link exists before the first build; the server lives in dist/.
import { setFlagsFromString } from 'node:v8';

function notBuilt(error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('novu-chat-server: not built yet. Run `npm run build` at the repository root.\n');
    process.exit(1);
  }
  throw error;
}

// Under load, V8's allocation-site pretenuring starts allocating the server's short-lived objects
// (network buffers, per-event objects) straight into the old generation, which then fills within
// seconds: a major GC, and tens of milliseconds of latency, each time (docs/benchmarks.md). It is
// turned off before the server loads; V8_PRETENURING=true keeps V8's default. The settings module
// is small (no server code), so reading the setting through it loads nothing else first.
const config = await import('../dist/config.js').catch(notBuilt);
try {
  if (!config.v8PretenuringFromEnv()) setFlagsFromString('--no-allocation-site-pretenuring');
} catch (error) {
  if (!(error instanceof config.ConfigError)) throw error;
  process.stderr.write(`novu-chat-server: ${error.message}\n`);
  process.exit(2);
}

import('../dist/cli.js').catch(notBuilt);
