// The CDN build of <novu-chat>: one minified, self-registering ES module with lit, the SDK and
// socket.io-client inlined (the shared browser-bundle recipe). Input is the tsc output
// (dist/index.js): run `tsc -b` first.
import { fileURLToPath } from 'node:url';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { browserBundle } from '../../scripts/rollup-browser.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/**
 * engine.io-client registers a WebTransport transport beside WebSocket and polling; the SDK only
 * ever asks for `['websocket', 'polling']` (see packages/sdk/src/signaling.ts), so the CDN file
 * leaves WebTransport out. The two transports it keeps are engine.io-client's own modules.
 */
function withoutWebTransport() {
  const registry = /[\\/]engine\.io-client[\\/]build[\\/]esm[\\/]transports[\\/]index\.js$/;
  return {
    name: 'novu-without-webtransport',
    transform(code, id) {
      if (!registry.test(id)) return null;
      if (!code.includes('webtransport: WT')) this.error('engine.io-client changed its transport registry: review withoutWebTransport()');
      return { code: code.replace(/^import \{ WT \} from "\.\/webtransport\.js";$/m, '').replace('webtransport: WT,', ''), map: null };
    },
  };
}

export default browserBundle({
  input: here('./dist/index.js'),
  // The core file every page loads, and one file per dynamic import() (language packs, dialogs loaded when
  // opened) beside it: `novu-chat-<name>-<hash>.js`, fetched relative to novu-chat.js's own URL, so they work
  // from the Novu server, from an npm CDN and from any static host. The hash makes them safe to cache forever.
  chunks: { dir: here('./dist/cdn'), entry: 'novu-chat.js', names: 'novu-chat-[name]-[hash].js' },
  sourcemap: true,
  exportConditions: ['browser', 'production'],
  // Lit's own minifier for our html`…` and css`…` templates (html-minifier and lightningcss).
  plugins: [minifyHtmlLiterals({ include: ['**/elements/dist/**/*.js'], failOnError: true }), withoutWebTransport()],
  // Shorter names for the bundled libraries' underscore-prefixed internals (socket.io-client,
  // engine.io-client: `_readyState`, `_opts`…). Mangled consistently inside this one file, which is
  // all that reads them; never `_placeholder` (socket.io's wire format for binary attachments) nor
  // lit's `_$…` names (its cross-version markers). Our own code uses `#private` names.
  mangle: { properties: { regex: /^_(?!placeholder$|\$)/ } },
});
