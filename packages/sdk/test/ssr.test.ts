// The SDK can be imported (and a client constructed) where there is no browser: server-side rendering.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';

test('importing the SDK and constructing a client touches no browser API', async () => {
  const globals = globalThis as Record<string, unknown>;
  assert.equal(globals.window, undefined, 'no window in this test');
  assert.equal(globals.RTCPeerConnection, undefined, 'no WebRTC in this test');
  const sdk = await import('../dist/index.js');
  const client = new sdk.NovuClient({ url: 'http://localhost:3001', clientId: 'ssr-test-client' });
  assert.equal(client.state, 'idle');
  assert.equal(client.localStream, null);
  assert.equal(client.remoteStream, null);
  assert.equal(client.match, null);
  client.stop();
  client.stop();
  assert.equal(client.state, 'idle');
});

test('start() in video mode without WebRTC rejects with a NovuError, not a ReferenceError', async () => {
  const { NovuClient, NovuError } = await import('../dist/index.js');
  const client = new NovuClient({ url: 'http://localhost:3001', clientId: 'ssr-test-client' });
  await assert.rejects(client.start(), (error: unknown) => error instanceof NovuError && error.code === 'unsupported');
  assert.equal(client.state, 'idle');
});
