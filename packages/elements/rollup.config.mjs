// The CDN build of <novu-chat>: one minified, self-registering ES module with lit, the SDK and
// socket.io-client inlined (the shared browser-bundle recipe, plus a CSS minifier for our styles).
// Input is the tsc output (dist/index.js): run `tsc -b` first.
import { fileURLToPath } from 'node:url';
import { browserBundle } from '../../scripts/rollup-browser.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Shrinks the CSS inside Lit's css`…` templates of our own style modules (whitespace and
 * comments): terser leaves template literals alone. Style modules are the shared ones under
 * `dist/styles/` and each view's `*.styles.js` beside it.
 */
function minifyCss() {
  return {
    name: 'novu-minify-css',
    transform(code, id) {
      const path = id.replaceAll('\\', '/');
      if (!path.includes('/elements/dist/') || !(path.includes('/elements/dist/styles/') || path.endsWith('.styles.js'))) return null;
      const out = code.replace(/\bcss\s*`([^`]*)`/g, (_, body) => {
        const min = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};>])\s*/g, '$1')
          .replace(/,\s+/g, ',')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .replace(/([:\s,(])0\.(\d)/g, '$1.$2')
          .trim();
        return `css\`${min}\``;
      });
      return { code: out, map: null };
    },
  };
}

/**
 * Collapses the indentation inside Lit's html`…` and svg`…` templates of our own modules: each run
 * of white space that holds a line break becomes one space. HTML renders a run of white space like
 * one space (no template text sits in a `pre` or `pre-wrap` box), so the DOM looks the same.
 */
function minifyHtml() {
  return {
    name: 'novu-minify-html',
    transform(code, id) {
      const path = id.replaceAll('\\', '/');
      if (!path.includes('/elements/dist/') || path.includes('/node_modules/') || !/\b(html|svg)\s*`/.test(code)) return null;
      const quasis = [];
      const walk = (node) => {
        if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && (node.tag.name === 'html' || node.tag.name === 'svg')) {
          quasis.push(...node.quasi.quasis);
        }
        for (const value of Object.values(node)) {
          for (const child of Array.isArray(value) ? value : [value]) {
            if (child && typeof child === 'object' && typeof child.type === 'string') walk(child);
          }
        }
      };
      walk(this.parse(code));
      let out = code;
      // From the end, so that the earlier offsets stay right (the quasis never overlap).
      for (const { start, end } of quasis.sort((a, b) => b.start - a.start)) {
        out = out.slice(0, start) + code.slice(start, end).replace(/\s*\n\s*/g, ' ') + out.slice(end);
      }
      return { code: out, map: null };
    },
  };
}

export default browserBundle({
  input: here('./dist/index.js'),
  file: here('./dist/cdn/novu-chat.js'),
  sourcemap: true,
  exportConditions: ['browser', 'production'],
  plugins: [minifyCss(), minifyHtml()],
});
