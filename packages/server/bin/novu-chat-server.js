#!/usr/bin/env node
// Thin launcher so the bin link exists before the first build; the server lives in dist/.
import('../dist/cli.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('novu-chat-server: not built yet. Run `npm run build` at the repository root.\n');
    process.exit(1);
  }
  throw error;
});
