import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { ConfigError, optionsFromEnv, resolveOptions } from '@novu-chat/server';

const BIN = fileURLToPath(new URL('../bin/novu-chat-server.js', import.meta.url));

describe('configuration from the environment', () => {
  it('reads every documented variable', () => {
    const options = optionsFromEnv({
      PORT: '4000', HOST: '127.0.0.1', ALLOWED_ORIGINS: 'https://a.example/, https://b.example', TRUST_PROXY: 'true',
      INTEREST_TIMEOUT_MS: '5000', REPEAT_AVOID_MS: '1000', RESUME_GRACE_MS: '2000', RATE_LIMIT_CONNECTIONS: '20',
      RATE_LIMIT_MESSAGES: '40', ADMIN_TOKEN: 'x'.repeat(20), LOG_LEVEL: 'warn', DEMO_PAGE: 'false',
    });
    assert.deepEqual(options, {
      port: 4000, host: '127.0.0.1', allowedOrigins: ['https://a.example', 'https://b.example'], trustProxy: 1,
      interestTimeoutMs: 5000, repeatAvoidMs: 1000, resumeGraceMs: 2000, rateLimitConnections: 20,
      rateLimitMessages: 40, adminToken: 'x'.repeat(20), logLevel: 'warn', demoPage: false,
    });
    assert.equal(optionsFromEnv({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.deepEqual(optionsFromEnv({ PORT: '' }), {});
  });

  it('has the documented defaults', () => {
    const o = resolveOptions();
    assert.equal(o.port, 3001);
    assert.equal(o.interestTimeoutMs, 10_000);
    assert.equal(o.repeatAvoidMs, 300_000);
    assert.equal(o.rateLimitConnections, 10);
    assert.equal(o.rateLimitMessages, 30);
    assert.equal(o.allowedOrigins, undefined);
    assert.equal(o.trustProxy, 0);
  });

  it('rejects bad values with the setting’s name', () => {
    assert.throws(() => optionsFromEnv({ PORT: 'abc' }), (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message));
    assert.throws(() => resolveOptions({ rateLimitMessages: 0 }), ConfigError);
    assert.throws(() => resolveOptions({ logLevel: 'loud' as never }), ConfigError);
    assert.throws(() => resolveOptions({ adminToken: 'short' }), ConfigError);
  });
});

describe('novu-chat-server CLI', () => {
  it('prints its URL, serves, and on SIGTERM tells clients and exits 0', async (t) => {
    const child = spawn(process.execPath, [BIN], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SHUTDOWN_GRACE_MS: '3000', ALLOWED_ORIGINS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Never leave the server running when an assertion fails (the test process would not exit).
    t.after(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk;
        const found = /listening on (http:\/\/\S+)/.exec(out);
        if (found?.[1]) resolve(found[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    // The generated token goes to stderr, never to stdout beside the JSON logs a collector ships.
    const tokenWait = Date.now();
    while (!/Admin token \(generated/.test(err) && Date.now() - tokenWait < 3_000) await new Promise((r) => setTimeout(r, 20));
    assert.match(err, /Admin token \(generated/);
    assert.doesNotMatch(out, /Admin token/);
    // The warning is a JSON log line (pino, written asynchronously): it may follow the URL line.
    const warned = Date.now();
    while (!/ALLOWED_ORIGINS is not set/.test(err + out) && Date.now() - warned < 3_000) await new Promise((r) => setTimeout(r, 20));
    assert.match(err + out, /ALLOWED_ORIGINS is not set/);
    assert.equal((await fetch(`${url}/healthz`)).status, 200);

    const socket = io(url, { transports: ['websocket'], reconnection: false, auth: { v: 1 } });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const shutdown = new Promise<{ graceMs: number }>((resolve) => socket.once('server:shutdown', resolve));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.deepEqual(await shutdown, { graceMs: 3000 });
    socket.disconnect();
    assert.equal(await exited, 0);
    assert.doesNotMatch(out + err, /127\.0\.0\.1.*"ip"/, 'no raw IP in logs');
  });

  it('exits 2 with a clear message on a bad setting', async () => {
    const child = spawn(process.execPath, [BIN], { env: { ...process.env, PORT: 'nope' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 2);
    assert.match(err, /Invalid setting PORT/);
  });

  it('reads V8_PRETENURING like every boolean setting and refuses anything else with exit code 2', async () => {
    const run = (value: string, extra: Record<string, string> = {}) => {
      const child = spawn(process.execPath, [BIN], { env: { ...process.env, V8_PRETENURING: value, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => (err += chunk));
      return new Promise<{ code: number | null; err: string }>((resolve) => child.once('exit', (code) => resolve({ code, err })));
    };
    const bad = await run('maybe');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /Invalid setting V8_PRETENURING/);
    // Valid values get past the launcher to the server's own settings (a bad PORT stops it there).
    for (const value of ['true', 'false', '', '1', 'off']) {
      const ok = await run(value, { PORT: 'nope' });
      assert.equal(ok.code, 2);
      assert.match(ok.err, /Invalid setting PORT/);
    }
  });
});
