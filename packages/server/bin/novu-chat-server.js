#!/usr/bin/env node
// Thin launcher so the bin link exists before the first build; the server lives in dist/.
import { setFlagsFromString } from 'node:v8';

// Under load, V8's allocation-site pretenuring starts allocating the server's short-lived objects
// (network buffers, per-event objects) straight into the old generation, which then fills within
// seconds: a major GC, and tens of milliseconds of latency, each time (docs/benchmarks.md). It is
// turned off before the server loads; V8_PRETENURING=true keeps V8's default.
const pretenuring = process.env.V8_PRETENURING ?? '';
if (pretenuring !== '' && pretenuring !== 'true' && pretenuring !== 'false') {
  process.stderr.write('Invalid setting V8_PRETENURING: expected true or false\n');
  process.exit(2);
}
if (pretenuring !== 'true') setFlagsFromString('--no-allocation-site-pretenuring');

import('../dist/cli.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('novu-chat-server: not built yet. Run `npm run build` at the repository root.\n');
    process.exit(1);
  }
  throw error;
});
