#!/usr/bin/env node
// The first step of `npm test`: the system programs the tests run for real are there, or get installed.
// Missing ones are installed with apt-get when this is Debian and the user is root (a fresh CI
// machine, a container); otherwise it stops at once and prints the exact command to run.
//
// SYSTEM_DEPS_FAKE (for the tests of this script) pretends to be `non-root`, `non-debian` or
// `root-debian` and never installs anything: it prints what it would do.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * What the tests need: the program, where the tests look for it, and its Debian package.
 * `env` names the variable that overrides the program's path in the tests (test/support/…).
 */
export const SYSTEM_DEPS = [
  // Browser tests and the Playwright end-to-end tests (test/support/chromium-base.mjs).
  { program: 'chromium', env: 'CHROMIUM_PATH', fallback: '/usr/bin/chromium', apt: 'chromium' },
  // Cluster-mode tests (test/support/redis.ts).
  { program: 'redis-server', apt: 'redis-server' },
  // TURN relay tests (test/support/turn.ts).
  { program: 'turnserver', env: 'TURNSERVER_PATH', apt: 'coturn' },
  // The nginx example's tests (nginx -t, a cross-process match through nginx).
  { program: 'nginx', env: 'NGINX_PATH', apt: 'nginx' },
  // The operators' tests validate docker-compose.yml with `docker-compose config` (no Docker engine needed).
  { program: 'docker-compose', apt: 'docker-compose' },
];

const isExecutable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Whether `dep` is there the way the tests look for it: its override variable, else PATH. */
export function isPresent(dep, env = process.env) {
  const override = dep.env ? env[dep.env] : undefined;
  if (override) return isExecutable(override);
  if (dep.fallback) return isExecutable(dep.fallback);
  return (env.PATH ?? '').split(delimiter).some((dir) => dir && isExecutable(join(dir, dep.program)));
}

/** Debian itself (Ubuntu's chromium package is a snap stub, so only Debian is installed to). */
function isDebian() {
  try {
    return /^ID=("?)debian\1$/m.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

/**
 * What to do: nothing, install, or stop with the command to run.
 * @param {{ missing: typeof SYSTEM_DEPS, root: boolean, debian: boolean }} state
 * @returns {{ action: 'none' } | { action: 'install', command: string, packages: string[] } | { action: 'stop', message: string }}
 */
export function plan({ missing, root, debian }) {
  if (missing.length === 0) return { action: 'none' };
  const packages = missing.map((dep) => dep.apt);
  const sudo = root ? '' : 'sudo ';
  const command = `${sudo}apt-get update && ${sudo}apt-get install -y ${packages.join(' ')}`;
  if (root && debian) return { action: 'install', command, packages };
  const names = missing.map((dep) => (dep.program === dep.apt ? dep.program : `${dep.program} (${dep.apt})`)).join(', ');
  const why = debian ? 'not root' : 'not Debian';
  const lines = [
    `system-deps: missing ${names}; cannot install them here (${why}). Run:`,
    '',
    `  ${command}`,
    '',
    debian
      ? 'then npm test again. (Debian puts nginx in /usr/sbin: if it is installed, add /usr/sbin to PATH.)'
      : `That is the Debian command; install the same programs with your system's package manager, then npm test again.`,
  ];
  return { action: 'stop', message: lines.join('\n') };
}

function main() {
  const fake = process.env.SYSTEM_DEPS_FAKE;
  if (fake && !['non-root', 'non-debian', 'root-debian'].includes(fake)) {
    process.stderr.write(`system-deps: SYSTEM_DEPS_FAKE must be non-root, non-debian or root-debian, not ${fake}\n`);
    process.exit(2);
  }
  const missing = SYSTEM_DEPS.filter((dep) => !isPresent(dep));
  const root = fake ? fake !== 'non-root' : process.getuid?.() === 0;
  const debian = fake ? fake !== 'non-debian' : isDebian();
  const next = plan({ missing, root, debian });

  if (next.action === 'none') {
    process.stdout.write(`system-deps: ${SYSTEM_DEPS.map((dep) => dep.program).join(', ')} found\n`);
    return;
  }
  if (next.action === 'stop') {
    process.stderr.write(`${next.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`system-deps: installing ${next.packages.join(' ')} (missing): ${next.command}\n`);
  if (fake) {
    process.stdout.write('system-deps: SYSTEM_DEPS_FAKE is set: nothing was installed\n');
    return;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...next.packages]]) {
    const result = spawnSync('apt-get', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (result.status !== 0) {
      process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}system-deps: apt-get ${args[0]} failed (${result.status ?? result.error})\n`);
      process.exit(1);
    }
  }
  const still = SYSTEM_DEPS.filter((dep) => !isPresent(dep));
  if (still.length > 0) {
    process.stderr.write(`system-deps: still missing after apt-get: ${still.map((dep) => dep.program).join(', ')}\n`);
    process.exit(1);
  }
  process.stdout.write(`system-deps: installed ${next.packages.join(' ')}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
