// The blur rule every UI built on the screener follows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shouldBlur } from '../src/blur.js';
import type { RuntimeInfo } from '../src/runtime.js';

const runtime: RuntimeInfo = { backend: 'wasm', thread: 'worker', loadMs: 300, frameMs: 80, skipped: [] };

describe('shouldBlur', () => {
  it('unblurs only a video whose last frame was classified safe', () => {
    assert.equal(shouldBlur({ state: 'safe' }), false);
    assert.equal(shouldBlur({ state: 'loading' }), true);
    assert.equal(shouldBlur({ state: 'idle', runtime }), true);
    assert.equal(shouldBlur({ state: 'screening', runtime }), true);
    assert.equal(shouldBlur({ state: 'flagged', category: 'Porn', score: 0.9 }), true);
  });

  it('follows the fallback the site chose when screening cannot run', () => {
    assert.equal(shouldBlur({ state: 'unavailable', reason: 'too-slow', fallback: 'blur', message: '' }), true);
    assert.equal(shouldBlur({ state: 'unavailable', reason: 'no-backend', fallback: 'off', message: '' }), false);
  });
});
