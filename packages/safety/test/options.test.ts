// The screener's settings: defaults, checks, and where the runtime and model are looked for.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeOptions } from '../src/options.js';

const MODULE = 'https://chat.example/novu/safety/index.js';

describe('normalizeOptions', () => {
  it('fills in the defaults: three frames a second, blur when unavailable, files beside the module', () => {
    const settings = normalizeOptions({}, MODULE);
    assert.equal(settings.sampleIntervalMs, 333);
    assert.equal(settings.fallback, 'blur');
    assert.equal(settings.runtimeUrl, 'https://chat.example/novu/safety/runtime/');
    assert.equal(settings.modelUrl, 'https://chat.example/novu/safety/runtime/model/');
    assert.deepEqual(settings.backends, ['webgl', 'wasm', 'cpu']);
    assert.equal(settings.thread, 'auto');
    assert.equal(settings.maxFrameMs, 500);
    assert.equal(settings.allowSoftwareWebGL, false);
    assert.equal(settings.stickyFlag, true);
    assert.deepEqual([...settings.rules.thresholds.keys()], ['Porn', 'Hentai']);
  });

  it('resolves the model against the runtime folder and URLs against the module, as folders', () => {
    const settings = normalizeOptions({ runtimeUrl: '/assets/screening', modelUrl: 'nsfw' }, MODULE);
    assert.equal(settings.runtimeUrl, 'https://chat.example/assets/screening/');
    assert.equal(settings.modelUrl, 'https://chat.example/assets/screening/nsfw/');
    const absolute = normalizeOptions({ modelUrl: new URL('https://cdn.example/m/') }, MODULE);
    assert.equal(absolute.modelUrl, 'https://cdn.example/m/');
  });

  it('refuses bad values, naming the setting', () => {
    assert.throws(() => normalizeOptions({ sampleIntervalMs: 50 }, MODULE), /sampleIntervalMs must be a number from 100 to 5000/);
    assert.throws(() => normalizeOptions({ sampleIntervalMs: 10_000 }, MODULE), RangeError);
    assert.throws(() => normalizeOptions({ fallback: 'hide' as 'off' }, MODULE), /fallback must be one of blur, off/);
    assert.throws(() => normalizeOptions({ thread: 'gpu' as 'main' }, MODULE), /thread must be one of/);
    assert.throws(() => normalizeOptions({ backends: [] }, MODULE), TypeError);
    assert.throws(() => normalizeOptions({ backends: ['webgpu' as 'webgl'] }, MODULE), /backends\[\] must be one of/);
    assert.throws(() => normalizeOptions({ backends: ['wasm', 'wasm'] }, MODULE), /twice/);
    assert.throws(() => normalizeOptions({ maxFrameMs: 0 }, MODULE), RangeError);
    assert.throws(() => normalizeOptions({ threshold: 2 }, MODULE), /threshold must be a number in \(0, 1\]/);
    assert.throws(() => normalizeOptions({ modelUrl: 'http://[bad' }, MODULE), /modelUrl is not a URL/);
  });
});
