// custom-elements.json (the custom elements manifest shipped for IDEs and docs) is up to date
// with the sources and describes the public API.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../../../node_modules/@custom-elements-manifest/analyzer/cem.js', import.meta.url));

interface Declaration {
  tagName?: string;
  attributes?: { name: string }[];
  events?: { name: string }[];
  cssParts?: { name: string }[];
  slots?: { name: string }[];
  members?: { name: string; kind: string }[];
}

test('custom-elements.json is current and lists the API of <novu-chat>', () => {
  // The analyzer resolves --outdir against the package: use a scratch folder inside it.
  const out = mkdtempSync(join(pkg, '.cem-check-'));
  try {
    execFileSync(process.execPath, [cli, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', out.slice(pkg.length)], { cwd: pkg, stdio: 'pipe' });
    const fresh = readFileSync(join(out, 'custom-elements.json'), 'utf8');
    const committed = readFileSync(join(pkg, 'custom-elements.json'), 'utf8');
    assert.equal(committed, fresh, 'stale: run `npm run analyze -w @novu-chat/elements`');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const manifest = JSON.parse(readFileSync(join(pkg, 'custom-elements.json'), 'utf8')) as { modules: { declarations?: Declaration[] }[] };
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'novu-chat');
  assert.ok(element, 'novu-chat is described');
  const names = (list: { name: string }[] | undefined) => (list ?? []).map((x) => x.name);
  for (const a of ['server', 'site-key', 'interests', 'mode', 'theme', 'layout', 'autostart', 'lang', 'relay-only', 'terms-accepted']) assert.ok(names(element.attributes).includes(a), `attribute ${a}`);
  assert.deepEqual(names(element.events).sort(), ['novu-block', 'novu-error', 'novu-match', 'novu-message', 'novu-partner-left', 'novu-report', 'novu-state-change']);
  for (const p of ['remote-video', 'local-video', 'message-list', 'message-input', 'send-button', 'start-button', 'next-button', 'stop-button', 'report-button', 'report-dialog', 'report-reason', 'block-button', 'safety-note', 'terms-accept']) {
    assert.ok(names(element.cssParts).includes(p), `part ${p}`);
  }
  assert.deepEqual(names(element.slots).sort(), ['header', 'terms']);
  for (const m of ['start', 'next', 'stop', 'send', 'report', 'block', 'strings', 'state', 'captchaToken']) assert.ok(names(element.members).includes(m), `member ${m}`);
  assert.ok(!names(element.attributes).some((a) => a.startsWith('_')), 'no internal state');
});
