#!/usr/bin/env node
// A tiny static server for this example: serves this folder at / and the SDK's browser bundle
// (packages/sdk/dist/bundle, built by `npm run build && npx rollup -c packages/sdk/rollup.config.mjs`) at /sdk/.
// Usage: node examples/sdk-vanilla/serve.mjs   (PORT=8080 by default)
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const bundle = fileURLToPath(new URL('../../packages/sdk/dist/bundle/', import.meta.url));
const port = Number(process.env.PORT ?? 8080);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

/** The file a URL path names, or undefined when it is outside the served folders. */
function resolve(pathname) {
  const [root, rest] = pathname.startsWith('/sdk/') ? [bundle, pathname.slice(5)] : [here, pathname.slice(1) || 'index.html'];
  const file = normalize(join(root, decodeURIComponent(rest)));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : undefined;
}

createServer((req, res) => {
  const file = resolve(new URL(req.url ?? '/', 'http://localhost').pathname);
  let isFile = false;
  try {
    isFile = file !== undefined && statSync(file).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end(
      file?.startsWith(bundle) ? 'SDK bundle not built: run `npm run build && npx rollup -c packages/sdk/rollup.config.mjs`\n' : 'Not found\n',
    );
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  createReadStream(file).pipe(res);
}).listen(port, () => {
  console.log(`SDK example on http://localhost:${port} (Novu server expected at http://localhost:3001; add ?server=URL to change)`);
});
