// The shape of the sources, checked: no import circle between modules of any package, no cycle
// between the server's folders, and no source file over ~400 lines without a stated reason.
// Imports are read with TypeScript's own pre-processor (type-only imports count: a circle of types
// is still a circle a reader has to untangle).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = ['protocol', 'server', 'sdk', 'elements', 'safety'];

/** Longest a source file may be, and the files allowed to be longer with the reason why. */
const MAX_LINES = 420;
const LONG_FILES: Record<string, string> = {
  'packages/elements/src/novu-chat.ts':
    'about 280 lines of code; the rest is the class TSDoc that custom-elements.json is generated from (48 parts, 20 custom properties, every attribute and event)',
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Relative imports of a module, resolved to the source files they name (`./x.js` → `./x.ts`). */
function localImports(file: string, known: Set<string>): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const out: string[] = [];
  for (const { fileName } of info.importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const base = resolve(dirname(file), fileName);
    const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
    const hit = candidates.find((c) => known.has(c));
    assert.ok(hit, `${relative(root, file)} imports ${fileName}, which is not a source file`);
    out.push(hit);
  }
  return out;
}

/** Every cycle of a directed graph, as its strongly connected components of more than one node (or a self-loop). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    order.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, order.get(next)!));
      }
    }
    if (low.get(node) === order.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!order.has(node)) visit(node);
  return found;
}

function moduleGraph(pkg: string): Map<string, Set<string>> {
  const files = sourceFiles(join(root, 'packages', pkg, 'src'));
  const known = new Set(files);
  return new Map(files.map((file) => [file, new Set(localImports(file, known))]));
}

describe('the shape of the sources', () => {
  for (const pkg of PACKAGES) {
    it(`@novu-chat/${pkg}: no import circle between its modules`, () => {
      const found = cycles(moduleGraph(pkg)).map((c) => c.map((f) => relative(root, f)).join(' ⇄ '));
      assert.deepEqual(found, []);
    });
  }

  it('@novu-chat/server: no cycle between its folders (each top-level file is its own node)', () => {
    const src = join(root, 'packages', 'server', 'src');
    const unit = (file: string) => relative(src, file).split(sep)[0]!;
    const folders = new Map<string, Set<string>>();
    for (const [file, imports] of moduleGraph('server')) {
      const from = unit(file);
      const edges = folders.get(from) ?? new Set<string>();
      folders.set(from, edges);
      for (const target of imports) if (unit(target) !== from) edges.add(unit(target));
    }
    assert.deepEqual(cycles(folders).map((c) => c.join(' ⇄ ')), []);
  });

  it(`no source file over ${MAX_LINES} lines without a stated reason`, () => {
    const long: string[] = [];
    for (const pkg of PACKAGES) {
      for (const file of sourceFiles(join(root, 'packages', pkg, 'src'))) {
        const lines = readFileSync(file, 'utf8').split('\n').length;
        const name = relative(root, file).split(sep).join('/');
        if (lines > MAX_LINES && !(name in LONG_FILES)) long.push(`${name} (${lines})`);
      }
    }
    assert.deepEqual(long, []);
  });

  it('the cycle finder finds a circle and a self-import (it can fail)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['d'])],
      ['e', new Set<string>()],
    ]);
    assert.deepEqual(cycles(graph), [['a', 'b', 'c'], ['d']]);
  });
});
