import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, optionsFromEnv, resolveOptions } from '@novu-chat/server';

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
