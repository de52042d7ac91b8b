import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect as tcpConnect } from 'node:net';
import { ConfigError, optionsFromEnv, resolveOptions } from '@novu-chat/server';
import { serverPerTest } from '@novu-chat/test-support/server-per-test';

const isConfigError = (setting: string) => (e: unknown) => e instanceof ConfigError && e.setting === setting;

describe('PUBLIC_ORIGIN', () => {
  it('reads an origin and refuses anything else', () => {
    assert.equal(optionsFromEnv({ PUBLIC_ORIGIN: 'https://chat.example/' }).publicOrigin, 'https://chat.example');
    assert.equal(resolveOptions({ publicOrigin: 'http://127.0.0.1:3001' }).publicOrigin, 'http://127.0.0.1:3001');
    for (const bad of ['chat.example', 'https://chat.example/path', 'ftp://chat.example', 'https://']) {
      assert.throws(() => resolveOptions({ publicOrigin: bad }), isConfigError('publicOrigin'), bad);
    }
  });
});

/** Run `body` with NODE_ENV=production, restoring it after. */
function inProduction(body: () => void): void {
  const saved = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    body();
  } finally {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  }
}

describe('HASH_SALT strength', () => {
  it('needs at least 32 characters when NODE_ENV=production', () => {
    inProduction(() => {
      for (const salt of ['short', 'a-production-salt', 'x'.repeat(31)]) {
        assert.throws(() => resolveOptions({ hashSalt: salt }), (e: unknown) => isConfigError('hashSalt')(e) && /32 characters/.test((e as Error).message), salt);
      }
      assert.equal(resolveOptions({ hashSalt: 'x'.repeat(32) }).hashSalt, 'x'.repeat(32));
      assert.throws(() => resolveOptions({}), isConfigError('hashSalt'), 'still required');
    });
  });

  it('takes any salt outside production (development, tests)', () => {
    const saved = process.env.NODE_ENV;
    delete process.env.NODE_ENV;
    try {
      assert.equal(resolveOptions({ hashSalt: 'short' }).hashSalt, 'short');
    } finally {
      if (saved !== undefined) process.env.NODE_ENV = saved;
    }
  });
});

/** Whether a TCP connection to address:port is accepted. */
function reachable(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, address, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the METRICS_PORT listener', () => {
  const server = serverPerTest();
  // 127.0.0.2 is loopback too on Linux, but only a listener on every interface accepts it: it
  // stands for "another interface" here.
  const port = (url: string | undefined) => Number(new URL(url ?? 'http://x').port);

  it('binds 127.0.0.1 without METRICS_TOKEN, even when the server listens on every interface', async () => {
    const srv = await server.start({ host: '0.0.0.0', metricsPort: 0 });
    assert.equal(new URL(srv.metricsUrl!).hostname, '127.0.0.1');
    assert.equal(await reachable('127.0.0.1', port(srv.metricsUrl)), true);
    assert.equal(await reachable('127.0.0.2', port(srv.metricsUrl)), false, 'not on other interfaces');
    assert.equal(await reachable('127.0.0.2', srv.port), true, 'the main port is');
  });

  it('binds the server host when METRICS_TOKEN guards it, or METRICS_HOST when set', async () => {
    let srv = await server.start({ host: '0.0.0.0', metricsPort: 0, metricsToken: 'metrics-token-for-tests-0123' });
    assert.equal(await reachable('127.0.0.2', port(srv.metricsUrl)), true);
    assert.equal((await fetch(`http://127.0.0.2:${port(srv.metricsUrl)}/metrics`)).status, 401, 'and the token is checked');
    await srv.close();
    srv = await server.start({ host: '0.0.0.0', metricsPort: 0, metricsHost: '127.0.0.2' });
    assert.equal(new URL(srv.metricsUrl!).hostname, '127.0.0.2');
    assert.equal(await reachable('127.0.0.2', port(srv.metricsUrl)), true);
    assert.equal(await reachable('127.0.0.1', port(srv.metricsUrl)), false);
    assert.deepEqual(optionsFromEnv({ METRICS_HOST: '10.0.0.5' }), { metricsHost: '10.0.0.5' });
  });
});
