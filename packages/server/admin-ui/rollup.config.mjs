// Bundles the admin dashboard (<novu-admin>, Lit + socket.io-client) into one minified ESM file
// that the server serves at /admin/admin.js. Input is the tsc output of admin-ui/tsconfig.json.
import { fileURLToPath } from 'node:url';
import { browserBundle } from '../../../scripts/rollup-browser.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default browserBundle({
  input: here('../dist/admin-ui/novu-admin.js'),
  file: here('../dist/admin/admin.js'),
  sourcemap: false,
});
