import { readFile } from 'node:fs/promises';
import type { Middleware } from 'koa';

/** The dashboard's HTML shell: the `<novu-admin>` element does the rest. No inline script or style. */
const SHELL = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex, nofollow">
<title>Novu Chat · Admin</title>
<link rel="stylesheet" href="/admin/admin.css">
<script type="module" src="/admin/admin.js"></script>
</head>
<body>
<novu-admin></novu-admin>
<noscript>The admin dashboard needs JavaScript.</noscript>
</body>
</html>
`;

/** Page-level styles (the element styles itself). */
const PAGE_CSS = `:root { color-scheme: light dark; }
html, body { margin: 0; min-height: 100%; }
body {
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  background: #f5f6f8; color: #1c2330;
}
@media (prefers-color-scheme: dark) {
  body { background: #11151c; color: #e4e8ef; }
}
novu-admin:not(:defined) { display: block; min-height: 100vh; }
`;

/** Strict CSP of the dashboard: scripts and styles from this origin only, sockets to it. */
export const ADMIN_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self' ws: wss:",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Where `rollup` puts the dashboard bundle (beside this module in `dist/admin/`). */
const BUNDLE = new URL('./admin.js', import.meta.url);

/** Serves the dashboard: `/admin` (shell), `/admin/admin.js` (bundle), `/admin/admin.css`. */
export function adminPage(): Middleware {
  let bundle: Promise<Buffer> | undefined;
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const path = ctx.path;
    if (path !== '/admin' && path !== '/admin/' && path !== '/admin/admin.js' && path !== '/admin/admin.css') return next();
    ctx.set('Content-Security-Policy', ADMIN_CSP);
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Cache-Control', 'no-cache');
    if (path === '/admin/admin.css') {
      ctx.type = 'text/css; charset=utf-8';
      ctx.body = PAGE_CSS;
    } else if (path === '/admin/admin.js') {
      bundle ??= readFile(BUNDLE);
      try {
        ctx.type = 'text/javascript; charset=utf-8';
        ctx.body = await bundle;
      } catch {
        bundle = undefined;
        ctx.status = 503;
        ctx.type = 'text/plain; charset=utf-8';
        ctx.body = 'The dashboard bundle is missing: run `npm run build`.';
      }
    } else {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = SHELL;
    }
  };
}
