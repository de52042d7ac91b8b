// Bundles @novu-chat/sdk for browsers: one minified ESM file with socket.io-client inlined.
// Input is the tsc output (dist/index.js), so run `tsc -b packages/sdk` first.
import { fileURLToPath } from 'node:url';
import { browserBundle } from '../../scripts/rollup-browser.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default browserBundle({
  input: here('./dist/index.js'),
  file: here('./dist/bundle/novu-sdk.min.js'),
  sourcemap: true,
});
