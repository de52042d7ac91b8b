// The operators' files work as shipped, as far as this machine can tell without Docker: the
// Dockerfile is linted and its own pack, install, start and health-check lines are run (outside a
// container) from `npm pack` tarballs in an empty directory; docker-compose.yml is validated with
// `docker-compose config` against .env.example; its nginx, Redis and coturn files are run by the
// real programs; the PM2 file has the shape PM2 needs.
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, openSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate, ValidationSeverity } from 'dockerfile-utils';
import { optionsFromEnv, resolveOptions } from '@novu-chat/server';
import { freePort, requireRedisServer } from '@novu-chat/test-support/redis';
import { requireTurnserver } from '@novu-chat/test-support/turn';
import { accepts, until } from '@novu-chat/test-support/wait';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** One instruction of a Dockerfile: keyword, flags (`--name=value`) and the rest. */
interface Instruction {
  keyword: string;
  flags: string[];
  args: string;
}

/** Split a Dockerfile into build stages of instructions (continuations joined, comments dropped). */
function parseDockerfile(text: string): { name: string; from: string; instructions: Instruction[] }[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    if (!pending && /^\s*(#|$)/.test(raw)) continue;
    if (raw.endsWith('\\')) {
      pending += `${raw.slice(0, -1)} `;
      continue;
    }
    lines.push(`${pending}${raw}`.trim());
    pending = '';
  }
  const stages: { name: string; from: string; instructions: Instruction[] }[] = [];
  for (const line of lines) {
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const flags: string[] = [];
    let args = rest;
    for (let flag = /^--\S+\s*/.exec(args); flag; flag = /^--\S+\s*/.exec(args)) {
      flags.push(flag[0].trim());
      args = args.slice(flag[0].length);
    }
    const instruction = { keyword: keyword.toUpperCase(), flags, args: args.trim() };
    if (instruction.keyword === 'FROM') {
      const [from = '', , name = ''] = instruction.args.split(/\s+/);
      stages.push({ name, from, instructions: [] });
    } else if (instruction.keyword !== 'ARG' || stages.length > 0) {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** `ENV a=b c=d` (and `ENV a b`) as a record. */
function envOf(instructions: Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { keyword, args } of instructions) {
    if (keyword !== 'ENV') continue;
    if (!args.includes('=')) {
      const [key = '', ...value] = args.split(/\s+/);
      env[key] = value.join(' ');
      continue;
    }
    for (const pair of args.split(/\s+/)) {
      const [key = '', value = ''] = pair.split('=');
      env[key] = value.replace(/^"(.*)"$/, '$1');
    }
  }
  return env;
}

function only<T>(items: T[], what: string): T {
  assert.equal(items.length, 1, `exactly one ${what}`);
  return items[0]!;
}

function tempDir(t: TestContext, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `novu-${name}-`));
  chmodSync(dir, 0o755);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Run a shell line; fails the test with its output when it fails. */
function sh(line: string, cwd: string, timeout = 300_000): string {
  const run = spawnSync('sh', ['-c', line], { cwd, encoding: 'utf8', timeout, env: { ...process.env, npm_config_update_notifier: 'false' } });
  assert.equal(run.status, 0, `${line}\n${run.stdout}\n${run.stderr}`);
  return `${run.stdout}${run.stderr}`;
}

/** Replace a path where it stands as a whole word (not inside a longer path). */
function mapPath(line: string, from: string, to: string): string {
  return line.replace(new RegExp(`(^|[\\s=])${from.replace(/[/.]/g, '\\$&')}(?=$|[\\s/;&|])`, 'g'), `$1${to}`);
}

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  const stages = parseDockerfile(text);
  const runtime = stages.at(-1)!;
  const build = stages.find((s) => s.name === 'build');

  it('passes the linter with every check at error level', () => {
    const strict = ValidationSeverity.ERROR;
    const problems = validate(text, {
      deprecatedMaintainer: strict, directiveCasing: strict, emptyContinuationLine: strict, instructionCasing: strict,
      instructionCmdMultiple: strict, instructionEntrypointMultiple: strict, instructionHealthcheckMultiple: strict,
      instructionJSONInSingleQuotes: strict, instructionWorkdirRelative: strict,
    });
    assert.deepEqual(problems.map((p) => `line ${p.range.start.line + 1}: ${p.message}`), []);
  });

  it('is multi-stage: a build stage, and a runtime that installs only the packed server as a non-root user', () => {
    assert.ok(build, 'a stage named build');
    assert.ok(stages.length >= 2 && runtime !== build);
    assert.match(runtime.from, /^node:/);
    const copies = runtime.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD');
    for (const copy of copies) assert.ok(copy.flags.includes('--from=build'), `the runtime copies only from the build stage: ${copy.args}`);
    const user = only(runtime.instructions.filter((i) => i.keyword === 'USER'), 'USER in the runtime stage');
    assert.doesNotMatch(user.args, /^(root|0)(:|$)/);
    const order = runtime.instructions.map((i) => i.keyword);
    assert.ok(order.lastIndexOf('RUN') < order.indexOf('USER'), 'installs as root, then drops to the user');
    assert.ok(order.indexOf('USER') < order.indexOf('CMD'), 'runs as the user');
    const healthcheck = only(runtime.instructions.filter((i) => i.keyword === 'HEALTHCHECK'), 'HEALTHCHECK');
    assert.match(healthcheck.args, /\/healthz/);
    // SIGTERM reaches node through an init (tini) as PID 1; the server drains on it.
    assert.match(only(runtime.instructions.filter((i) => i.keyword === 'ENTRYPOINT'), 'ENTRYPOINT').args, /tini/);
    assert.ok(runtime.instructions.some((i) => i.keyword === 'RUN' && /apt-get install .*\btini\b/.test(i.args)), 'tini is installed');
    assert.ok(build.instructions.some((i) => i.keyword === 'RUN' && /^npm ci\b/.test(i.args)), 'the build stage installs with npm ci');
    assert.equal(envOf(runtime.instructions).NODE_ENV, 'production');
  });

  it('.dockerignore keeps dependencies, build output, git and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const entry of ['.git', '**/node_modules', '**/dist', '.env']) assert.ok(ignored.includes(entry), entry);
  });

  it("its own pack, install, start and health-check lines serve the server from tarballs in an empty directory", async (t) => {
    assert.ok(build);
    // Build stage: `npm ci` already ran in this checkout (it is how the repository is set up);
    // run the stage's pack line as written, with its output directory moved to a temp one.
    const copy = only(runtime.instructions.filter((i) => i.flags.includes('--from=build')), 'COPY --from=build');
    const [outInBuild = '', outInRuntime = ''] = copy.args.split(/\s+/);
    const out = tempDir(t, 'tarballs');
    const packLines = build.instructions.filter((i) => i.keyword === 'RUN' && i.args.includes(outInBuild));
    assert.ok(packLines.length > 0, `a build RUN line writes ${outInBuild}`);
    for (const line of packLines) sh(mapPath(line.args, outInBuild, out), ROOT);
    for (const pkg of ['protocol', 'sdk', 'elements', 'server']) {
      assert.ok(spawnSync('sh', ['-c', `ls ${out}/novu-chat-${pkg}-*.tgz`]).status === 0, `${pkg} was packed`);
    }

    // Runtime stage: the install line(s) in the WORKDIR, an empty directory.
    const app = tempDir(t, 'app');
    const installLines = runtime.instructions.filter((i) => i.keyword === 'RUN' && i.args.includes(outInRuntime));
    assert.ok(installLines.length > 0, `a runtime RUN line installs from ${outInRuntime}`);
    for (const line of installLines) {
      assert.match(line.args, /install-server\.sh/);
      sh(mapPath(line.args, outInRuntime, out), app);
    }
    const installed = readFileSync(join(app, 'package.json'), 'utf8');
    assert.match(installed, /"@novu-chat\/server"/);
    // Production dependencies only: no compiler, no test tools.
    for (const dev of ['typescript', 'tsx', 'rollup', '@web/test-runner', 'playwright-core']) {
      assert.equal(existsSync(join(app, 'node_modules', dev)), false, `${dev} is not installed`);
    }

    // CMD with the image's ENV, on loopback and a free port; as an unprivileged user when we are root.
    const port = await freePort();
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...envOf(runtime.instructions),
      HOST: '127.0.0.1', PORT: String(port), HASH_SALT: 'docker-test-salt-0123456789abcdef0123', ADMIN_TOKEN: 'docker-test-admin-token-0123', LOG_LEVEL: 'info',
    };
    const cmd = JSON.parse(only(runtime.instructions.filter((i) => i.keyword === 'CMD'), 'CMD').args) as string[];
    const [bin = '', ...args] = cmd;
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const child = spawn(bin, args, { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'], ...asUser });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c));
    child.stderr.on('data', (c: Buffer) => (output += c));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    t.after(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    });
    await until(() => /listening on/.test(output) || child.exitCode !== null, 20_000, 'the server to start');
    assert.equal(child.exitCode, null, output);

    const base = `http://127.0.0.1:${port}`;
    const health = await fetch(`${base}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const element = await fetch(`${base}/novu-chat.js`);
    assert.equal(element.status, 200, 'the image serves the element it installed');
    assert.match(element.headers.get('content-type') ?? '', /javascript/);
    assert.equal((await fetch(`${base}/`)).status, 200, 'the demo page');

    // The HEALTHCHECK command as written: healthy now, unhealthy once the server is gone.
    const healthcheck = only(runtime.instructions.filter((i) => i.keyword === 'HEALTHCHECK'), 'HEALTHCHECK').args;
    const [probeBin = '', ...probeArgs] = JSON.parse(healthcheck.replace(/^CMD\s+/, '')) as string[];
    const probe = () => spawnSync(probeBin, probeArgs, { cwd: app, env, timeout: 10_000 }).status;
    assert.equal(probe(), 0, 'HEALTHCHECK passes while the server runs');

    // SIGTERM (what tini forwards from `docker stop`): drains and exits 0.
    child.kill('SIGTERM');
    assert.equal(await exited, 0, output);
    assert.match(output, /shutting down/);
    assert.notEqual(probe(), 0, 'HEALTHCHECK fails once the server is gone');
  });
});

/** docker-compose's view of the file, as JSON (it ships with PyYAML). */
function composeConfig(envFile: string): { status: number | null; output: string; config?: ComposeConfig } {
  const probe = spawnSync('docker-compose', ['version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new Error("docker-compose not found: apt-get install -y docker-compose (Debian's, to validate docker-compose.yml)");
  const run = spawnSync('docker-compose', ['--env-file', envFile, '-f', 'docker-compose.yml', 'config'], {
    cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir() },
  });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) return { status: run.status, output };
  const json = spawnSync('python3', ['-c', 'import sys, json, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'], { input: run.stdout, encoding: 'utf8' });
  assert.equal(json.status, 0, json.stderr);
  return { status: 0, output, config: JSON.parse(json.stdout) as ComposeConfig };
}

interface ComposeService {
  build?: { context: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  network_mode?: string;
  healthcheck?: unknown;
}
interface ComposeConfig {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** .env.example with its empty secrets filled in, as an operator would. */
function filledEnv(t: TestContext): string {
  const dir = tempDir(t, 'compose-env');
  const file = join(dir, '.env');
  writeFileSync(file, read('.env.example')
    .replace(/^ADMIN_TOKEN=$/m, 'ADMIN_TOKEN=compose-admin-token-0123456789')
    .replace(/^HASH_SALT=$/m, 'HASH_SALT=compose-hash-salt-0123')
    .replace(/^TURN_SECRET=$/m, 'TURN_SECRET=compose-turn-secret-0123456789'));
  return file;
}

describe('docker-compose.yml', () => {
  it('refuses to start with the secrets of .env.example left empty, naming the missing one', () => {
    const { status, output } = composeConfig(join(ROOT, '.env.example'));
    assert.notEqual(status, 0);
    assert.match(output, /set (ADMIN_TOKEN|HASH_SALT|TURN_SECRET) in \.env/);
  });

  it('passes `docker-compose config` with .env.example filled in: two nodes, Redis, nginx, coturn', (t) => {
    const { status, output, config } = composeConfig(filledEnv(t));
    assert.equal(status, 0, output);
    assert.ok(config);
    const { services } = config;
    for (const name of ['novu-1', 'novu-2', 'redis', 'nginx', 'coturn']) assert.ok(services[name], `service ${name}`);

    const documented = new Set([...read('docs/configuration.md').matchAll(/^\| `([A-Z0-9_]+)`/gm)].map((m) => m[1]));
    const ids = new Set<string>();
    for (const name of ['novu-1', 'novu-2']) {
      const node = services[name]!;
      assert.equal(node.build?.context.replace(/\/$/, ''), ROOT.replace(/\/$/, ''), `${name} is built from this Dockerfile`);
      const env = node.environment ?? {};
      for (const key of Object.keys(env)) assert.ok(documented.has(key), `${name}: ${key} is a documented setting`);
      assert.equal(env.REDIS_URL, 'redis://redis:6379');
      ids.add(env.PROCESS_ID ?? '');
      // The values are valid settings for the server (what the CLI would read at start).
      const options = resolveOptions(optionsFromEnv(env));
      assert.equal(options.redisUrl, 'redis://redis:6379');
      assert.ok(options.turnSecret && options.turnUrls?.length, 'TURN credentials are issued');
      assert.equal(options.trustProxy, 1);
      assert.equal(node.depends_on?.redis?.condition, 'service_healthy');
    }
    assert.equal(ids.size, 2, 'each node has its own PROCESS_ID');

    const redis = services.redis!;
    assert.ok(redis.command?.includes('/usr/local/etc/redis/redis.conf'));
    assert.ok(redis.volumes?.some((v) => /^redis-data:\/data(:|$)/.test(v)), 'Redis data on a named volume');
    assert.equal(services.coturn!.network_mode, 'host');
    // Every file the services mount exists in the repository.
    for (const service of Object.values(services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0] ?? '';
        if (source.startsWith('/')) assert.ok(existsSync(source), `mounted file ${source} exists`);
      }
    }
  });
});

describe('deploy/ configuration files run in the real programs', () => {
  it('deploy/nginx/nginx.conf passes nginx -t (with the compose service names on loopback)', (t) => {
    const dir = tempDir(t, 'nginx');
    const conf = read('deploy/nginx/nginx.conf');
    assert.match(conf, /server novu-1:3001/);
    assert.match(conf, /server novu-2:3001/);
    const file = join(dir, 'nginx.conf');
    writeFileSync(file, conf.replace(/novu-[12]:/g, '127.0.0.1:').replace('pid /tmp/nginx.pid;', `pid ${dir}/nginx.pid;`));
    // The file logs to /dev/stdout and /dev/stderr, as in a container: give nginx real files there
    // (a Node.js pipe is a socket, which cannot be opened by path).
    const log = join(dir, 'output.log');
    const fd = openSync(log, 'w');
    const run = spawnSync('nginx', ['-t', '-p', `${dir}/`, '-c', file, '-e', join(dir, 'error.log')], { stdio: ['ignore', fd, fd], timeout: 30_000 });
    closeSync(fd);
    assert.equal(run.status, 0, readFileSync(log, 'utf8'));
  });

  it('deploy/redis/redis.conf starts redis-server with persistence on and noeviction', async (t) => {
    requireRedisServer();
    const dir = tempDir(t, 'redis-conf');
    const port = await freePort();
    const child = spawn('redis-server', [join(ROOT, 'deploy/redis/redis.conf'), '--port', String(port), '--bind', '127.0.0.1', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    child.stderr.on('data', (c: Buffer) => (out += c));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    t.after(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    });
    await until(() => /Ready to accept connections/.test(out) || child.exitCode !== null, 10_000, 'redis-server');
    assert.equal(child.exitCode, null, out);
    const get = (key: string) => spawnSync('redis-cli', ['-p', String(port), '--raw', 'CONFIG', 'GET', key], { encoding: 'utf8' }).stdout.split('\n')[1];
    assert.equal(get('appendonly'), 'yes');
    assert.equal(get('maxmemory-policy'), 'noeviction');
    assert.notEqual(get('save'), '', 'RDB snapshots on');
  });

  it('deploy/coturn/turnserver.conf starts coturn with the flags docker-compose.yml passes', async (t) => {
    requireTurnserver();
    const conf = read('deploy/coturn/turnserver.conf');
    assert.match(conf, /^use-auth-secret$/m);
    assert.doesNotMatch(conf, /^static-auth-secret=/m, 'no secret in the file');
    const { config } = composeConfig(filledEnv(t));
    const flags = (config?.services.coturn?.command ?? []).filter((arg) => arg.startsWith('--'));
    assert.ok(flags.some((f) => f.startsWith('--static-auth-secret=')));
    const dir = tempDir(t, 'coturn');
    const port = await freePort();
    const child = spawn('turnserver', [
      '-c', join(ROOT, 'deploy/coturn/turnserver.conf'), ...flags.filter((f) => !f.startsWith('--external-ip=')),
      // On this machine: loopback only, a free port, files in the temp dir.
      '--listening-ip=127.0.0.1', '--relay-ip=127.0.0.1', `--listening-port=${port}`,
      `--pidfile=${join(dir, 'turnserver.pid')}`, `--db=${join(dir, 'turndb')}`, '--simple-log',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    child.stderr.on('data', (c: Buffer) => (out += c));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    t.after(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    });
    await until(async () => child.exitCode !== null || (await accepts(port)), 10_000, `coturn on ${port}:\n${out}`);
    assert.equal(child.exitCode, null, out);
    assert.doesNotMatch(out, /CONFIG ERROR|Bad configuration/i);
  });
});

describe('ecosystem.config.cjs (PM2)', () => {
  it('runs the server CLI in cluster mode with Redis, and gives it time to drain', () => {
    const require = createRequire(import.meta.url);
    const { apps } = require(join(ROOT, 'ecosystem.config.cjs')) as { apps: Record<string, unknown>[] };
    const app = only(apps, 'app');
    assert.equal(app.exec_mode, 'cluster');
    assert.ok(existsSync(String(app.script)), `script ${String(app.script)} exists`);
    assert.match(String(app.script), /novu-chat-server\.js$/);
    const env = app.env as Record<string, string | number>;
    assert.match(String(env.REDIS_URL), /^redis:\/\//, 'cluster mode needs Redis');
    // SHUTDOWN_GRACE_MS (5 s) + the CLI's 5 s hard stop.
    assert.ok(Number(app.kill_timeout) > 10_000);
    assert.match(read('ecosystem.config.cjs'), /REQUIRES Redis/);
  });
});
