// `npm test` on a fresh machine: scripts/system-deps.mjs finds the system programs the tests need,
// installs the missing ones when it can (Debian, root) and otherwise stops with the exact command.
// Run with a PATH of stand-in programs and SYSTEM_DEPS_FAKE, so nothing is ever installed here.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../scripts/system-deps.mjs', import.meta.url));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

describe('scripts/system-deps.mjs (the first step of npm test)', () => {
  let dir: string;
  /** A folder holding a stand-in executable for each of `programs`. */
  const binWith = (name: string, programs: string[]): string => {
    const bin = join(dir, name);
    mkdirSync(bin);
    for (const program of programs) {
      writeFileSync(join(bin, program), '#!/bin/sh\nexit 0\n');
      chmodSync(join(bin, program), 0o755);
    }
    return bin;
  };
  /** Runs the script with only `env` (plus node by absolute path): no variable of this machine leaks in. */
  const check = (env: Record<string, string>): Run => {
    const started = Date.now();
    const result = spawnSync(process.execPath, [SCRIPT], { env, encoding: 'utf8', timeout: 30_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
  };
  let chromium: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'novu-system-deps-'));
    chromium = join(binWith('chromium', ['chromium']), 'chromium');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('does nothing when every program is there', () => {
    const bin = binWith('all', ['redis-server', 'turnserver', 'nginx', 'docker-compose']);
    const run = check({ PATH: bin, CHROMIUM_PATH: chromium, SYSTEM_DEPS_FAKE: 'non-root' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'system-deps: chromium, redis-server, turnserver, nginx, docker-compose found\n');
    assert.equal(run.stderr, '');
  });

  it('not root: stops at once with the exact sudo apt-get command for what PATH lacks', () => {
    const bin = binWith('no-redis-turn', ['nginx', 'docker-compose']);
    const run = check({ PATH: bin, CHROMIUM_PATH: chromium, SYSTEM_DEPS_FAKE: 'non-root' });
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '', 'nothing installed, nothing else printed');
    assert.match(run.stderr, /^system-deps: missing redis-server, turnserver \(coturn\); cannot install them here \(not root\)\. Run:$/m);
    assert.match(run.stderr, /^ {2}sudo apt-get update && sudo apt-get install -y redis-server coturn$/m);
    assert.ok(run.ms < 10_000, `stopped at once (${run.ms} ms)`);
  });

  it('not Debian: stops with the command and says it is the Debian one', () => {
    const bin = binWith('no-chromium', ['redis-server', 'turnserver', 'nginx', 'docker-compose']);
    const run = check({ PATH: bin, CHROMIUM_PATH: join(dir, 'no-such-chromium'), SYSTEM_DEPS_FAKE: 'non-debian' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /cannot install them here \(not Debian\)/);
    assert.match(run.stderr, /^ {2}apt-get update && apt-get install -y chromium$/m);
    assert.match(run.stderr, /That is the Debian command; install the same programs with your system's package manager/);
  });

  it('root on Debian: installs the missing packages with apt-get, saying so in one line', () => {
    const bin = binWith('no-nginx', ['redis-server', 'turnserver', 'docker-compose']);
    const run = check({ PATH: bin, CHROMIUM_PATH: join(dir, 'no-such-chromium'), SYSTEM_DEPS_FAKE: 'root-debian' });
    assert.equal(run.status, 0, run.stderr);
    const [announce, dryRun, ...rest] = run.stdout.split('\n');
    assert.equal(announce, 'system-deps: installing chromium nginx (missing): apt-get update && apt-get install -y chromium nginx');
    assert.equal(dryRun, 'system-deps: SYSTEM_DEPS_FAKE is set: nothing was installed');
    assert.deepEqual(rest, ['']);
  });

  it('honours the paths the tests honour (CHROMIUM_PATH, TURNSERVER_PATH, NGINX_PATH)', () => {
    const elsewhere = binWith('elsewhere', ['turnserver', 'nginx']);
    const bin = binWith('only-redis', ['redis-server', 'docker-compose']);
    const found = check({
      PATH: bin,
      CHROMIUM_PATH: chromium,
      TURNSERVER_PATH: join(elsewhere, 'turnserver'),
      NGINX_PATH: join(elsewhere, 'nginx'),
      SYSTEM_DEPS_FAKE: 'non-root',
    });
    assert.equal(found.status, 0, found.stderr);
    const wrong = check({
      PATH: `${bin}:${elsewhere}`,
      CHROMIUM_PATH: chromium,
      TURNSERVER_PATH: join(dir, 'no-such-turnserver'),
      SYSTEM_DEPS_FAKE: 'non-root',
    });
    assert.equal(wrong.status, 1, 'a TURNSERVER_PATH that is not there counts as missing, as in the tests');
    assert.match(wrong.stderr, /install -y coturn$/m);
  });

  it('refuses an unknown SYSTEM_DEPS_FAKE instead of installing', () => {
    const run = check({ PATH: dir, CHROMIUM_PATH: chromium, SYSTEM_DEPS_FAKE: 'root' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /SYSTEM_DEPS_FAKE must be non-root, non-debian or root-debian/);
  });

  it('finds everything on the machine running these tests (npm test ran it first)', () => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    // This machine's PATH and overrides; `non-root` so that even here it can only report, never install.
    const run = check({ ...env, SYSTEM_DEPS_FAKE: 'non-root' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /found$/m);
  });
});
