// Every shadow part the templates expose (`part="…"` anywhere in src/) is documented with
// `@csspart`, so custom-elements.json (what IDEs and docs read) lists it: a part the site can
// style is public API.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const pkg = fileURLToPath(new URL('..', import.meta.url));

/** The `.ts` files under `dir`, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Each part name of each static `part="a b"` attribute, with the file that uses it. */
function usedParts(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sources(join(pkg, 'src'))) {
    const text = readFileSync(file, 'utf8');
    // A part computed by an expression (part=${…}) could not be checked: the templates have none.
    assert.doesNotMatch(text, /\bpart=\$\{/, `${file}: write part names literally`);
    for (const match of text.matchAll(/\bpart="([^"]*)"/g)) {
      for (const name of (match[1] ?? '').split(/\s+/).filter(Boolean)) {
        if (!used.has(name)) used.set(name, file.slice(pkg.length));
      }
    }
  }
  return used;
}

test('every part="…" used in src/ is listed in custom-elements.json', () => {
  const manifest = JSON.parse(readFileSync(join(pkg, 'custom-elements.json'), 'utf8')) as {
    modules: { declarations?: { tagName?: string; cssParts?: { name: string }[] }[] }[];
  };
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'novu-chat');
  assert.ok(element, 'novu-chat is described');
  const documented = new Set((element.cssParts ?? []).map((p) => p.name));
  const used = usedParts();
  assert.ok(used.size >= 30, `found the parts of the templates (${used.size})`);
  const missing = [...used].filter(([name]) => !documented.has(name)).map(([name, file]) => `${name} (${file})`);
  assert.deepEqual(missing, [], 'used but not documented with @csspart');
  const unused = [...documented].filter((name) => !used.has(name));
  assert.deepEqual(unused, [], 'documented with @csspart but used nowhere');
});
