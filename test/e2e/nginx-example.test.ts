// examples/self-hosting-redis works as copied: its nginx.conf passes `nginx -t` and, run by a real
// nginx, serves a cross-process match in front of two real server processes sharing a real Redis;
// start-cluster.sh takes its ports from the environment, announces the cluster only once both
// processes answer /healthz, and stops everything when one of them cannot start.
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, requireRedisServer, startRedis } from '@novu-chat/test-support/redis';
import { startServerProcess } from '@novu-chat/test-support/processes';
import { ask, closeAll, connect, next, type MatchFound } from '@novu-chat/test-support/clients';
import { accepts, until } from '@novu-chat/test-support/wait';

const EXAMPLE = fileURLToPath(new URL('../../examples/self-hosting-redis/', import.meta.url));
const NGINX_CONF = join(EXAMPLE, 'nginx.conf');
const START_CLUSTER = join(EXAMPLE, 'start-cluster.sh');
const SECRETS = { ADMIN_TOKEN: 'nginx-example-admin-token-0123', HASH_SALT: 'nginx-example-salt' };

/** Fail loudly (never skip) when nginx is missing. */
function requireNginx(): void {
  const probe = spawnSync('nginx', ['-v'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new Error('nginx not found: apt-get install -y nginx-light (or nginx)');
}

/** A temporary nginx prefix (pid, logs and temp files live there), removed after the test. */
function nginxPrefix(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'novu-nginx-'));
  // Workers run as an unprivileged user when nginx starts as root: let them reach the temp dirs.
  chmodSync(dir, 0o755);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return `${dir}/`;
}

/** `nginx -t` on a file with a prefix; returns what it printed. */
function nginxTest(prefix: string, conf: string): { status: number | null; output: string } {
  const run = spawnSync('nginx', ['-t', '-p', prefix, '-c', conf, '-e', join(prefix, 'error.log')], { encoding: 'utf8', timeout: 30_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Replace one exact piece of the example, failing if it is not there exactly once. */
function replaceOnce(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length - 1, 1, `nginx.conf contains ${JSON.stringify(from)} once`);
  return text.replace(from, to);
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
async function listening(port: number, what: string, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await accepts(port))) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`${what} is not listening on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The live connection count of every process, from the cluster-wide admin view. */
async function connectionsPerProcess(url: string, token: string): Promise<number[]> {
  const res = await fetch(`${url}/api/admin/processes`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  const { processes } = (await res.json()) as { processes: { connections: number }[] };
  return processes.map((p) => p.connections).sort();
}

describe('examples/self-hosting-redis/nginx.conf', () => {
  it('passes nginx -t as shipped', (t) => {
    requireNginx();
    const { status, output } = nginxTest(nginxPrefix(t), NGINX_CONF);
    assert.equal(status, 0, output);
    assert.match(output, /test is successful/);
  });

  it('run by a real nginx, matches two clients on different processes sharing Redis and relays chat', async (t) => {
    requireNginx();
    const redis = await startRedis();
    t.after(() => redis.close());
    const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `ngx${Math.random().toString(36).slice(2, 8)}:`, TRUST_PROXY: '1', ...SECRETS };
    const nodes = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    t.after(async () => {
      closeAll();
      await Promise.all(nodes.map((n) => n.stop('SIGKILL')));
    });
    const [one, two] = nodes.map((n) => new URL(n.url).port);
    assert.ok(one && two);

    // The shipped file, with only its three ports moved to free ones.
    const prefix = nginxPrefix(t);
    const proxyPort = await freePort();
    let conf = readFileSync(NGINX_CONF, 'utf8');
    conf = replaceOnce(conf, 'listen 127.0.0.1:8080;', `listen 127.0.0.1:${proxyPort};`);
    conf = replaceOnce(conf, 'server 127.0.0.1:3001 ', `server 127.0.0.1:${one} `);
    conf = replaceOnce(conf, 'server 127.0.0.1:3002 ', `server 127.0.0.1:${two} `);
    const confFile = join(prefix, 'nginx.conf');
    writeFileSync(confFile, conf);
    const checked = nginxTest(prefix, confFile);
    assert.equal(checked.status, 0, checked.output);

    const nginx = spawn('nginx', ['-p', prefix, '-c', confFile, '-e', join(prefix, 'error.log'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let nginxOut = '';
    nginx.stdout.on('data', (c: Buffer) => (nginxOut += c));
    nginx.stderr.on('data', (c: Buffer) => (nginxOut += c));
    const nginxExited = new Promise((resolve) => nginx.once('exit', resolve));
    t.after(async () => {
      if (nginx.exitCode === null) nginx.kill('SIGTERM');
      await nginxExited;
    });
    // A TCP probe only: an HTTP probe would take a turn of the upstream round robin.
    await listening(proxyPort, `nginx (${nginxOut})`, nginx);
    const proxy = `http://127.0.0.1:${proxyPort}`;

    const a = await connect(proxy);
    const b = await connect(proxy);
    // Round robin puts them on different processes; the cluster-wide admin view proves it.
    await until(async () => (await connectionsPerProcess(nodes[0]!.url, SECRETS.ADMIN_TOKEN)).join() === '1,1', 10_000, 'one connection on each process');

    const aFound = next<MatchFound>(a, 'match:found');
    const bFound = next<MatchFound>(b, 'match:found');
    await ask(a, 'queue:join', { mode: 'text' });
    await ask(b, 'queue:join', { mode: 'text' });
    const [am, bm] = [await aFound, await bFound];
    assert.equal(am.roomId, bm.roomId);
    assert.notEqual(am.initiator, bm.initiator);

    const got = next<{ text: string }>(b, 'chat:message');
    assert.equal((await ask<{ ok: boolean }>(a, 'chat:message', { text: 'through nginx' })).ok, true);
    assert.equal((await got).text, 'through nginx');
    const back = next<{ text: string }>(a, 'chat:message');
    await ask(b, 'chat:message', { text: 'and back' });
    assert.equal((await back).text, 'and back');

    // Plain HTTP goes through too (health checks behind the proxy).
    const health = await fetch(`${proxy}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok' });
  });
});

describe('examples/self-hosting-redis/start-cluster.sh', () => {
  /** Run the script with free ports; resolves its output so far and a way to stop it. */
  async function runScript(t: TestContext, ports: { a: number; b: number; redis: number }) {
    requireRedisServer();
    const child = spawn('bash', [START_CLUSTER], {
      env: {
        ...process.env, SKIP_BUILD: '1', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SHUTDOWN_GRACE_MS: '0',
        NODE_A_PORT: String(ports.a), NODE_B_PORT: String(ports.b), REDIS_PORT: String(ports.redis),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    child.stderr.on('data', (c: Buffer) => (out += c));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    t.after(async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    });
    return { child, exited, output: () => out };
  }

  const ports = async () => ({ a: await freePort(), b: await freePort(), redis: await freePort() });

  it('takes its ports from the environment and announces the cluster once both answer /healthz', async (t) => {
    const p = await ports();
    const run = await runScript(t, p);
    await until(async () => /meet across processes/.test(run.output()) || run.child.exitCode !== null, 30_000, 'the cluster to be announced');
    assert.equal(run.child.exitCode, null, run.output());
    assert.match(run.output(), new RegExp(`http://localhost:${p.a} in one tab and http://localhost:${p.b} in another`));
    // Announced only after both answer.
    for (const port of [p.a, p.b]) assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
    // They share the script's Redis: each sees both processes.
    await until(async () => (await connectionsPerProcess(`http://127.0.0.1:${p.b}`, 'change-me-admin-token-0123456789')).length === 2, 10_000, 'both processes in the admin view');

    run.child.kill('SIGTERM');
    assert.notEqual(await run.exited, 0, 'stopping the script is reported as a stop');
    for (const port of [p.a, p.b, p.redis]) assert.equal(await accepts(port), false, `port ${port} is closed after the script stopped`);
  });

  it('fails loudly and stops everything when a node cannot start', async (t) => {
    const p = await ports();
    // Something else holds node A's port.
    const held = new Set<Socket>();
    const squatter = createServer((socket) => held.add(socket));
    await new Promise<void>((resolve) => squatter.listen(p.a, '127.0.0.1', resolve));
    t.after(() => new Promise<void>((resolve) => {
      for (const socket of held) socket.destroy();
      squatter.close(() => resolve());
    }));
    const run = await runScript(t, p);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([run.exited, new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), 40_000)))]);
    clearTimeout(timer);
    assert.notEqual(code, 'hung', `the script must not keep running with one node:\n${run.output()}`);
    assert.notEqual(code, 0);
    assert.match(run.output(), new RegExp(`node a \\(port ${p.a}\\) failed to start`));
    assert.doesNotMatch(run.output(), /meet across processes/);
    // Node B and Redis were stopped with it.
    assert.equal(await accepts(p.b), false, 'node B was stopped');
    assert.equal(await accepts(p.redis), false, 'redis-server was stopped');
  });
});
