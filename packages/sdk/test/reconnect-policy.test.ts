// The default ReconnectPolicy: the SDK's retry numbers, stated once.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DefaultReconnectPolicy, NovuError } from '../dist/index.js';

test('10 attempts by default, or as many as asked for', () => {
  assert.equal(new DefaultReconnectPolicy().maxAttempts, 10);
  assert.equal(new DefaultReconnectPolicy({ maxAttempts: 3 }).maxAttempts, 3);
});

test("Socket.IO's transport backoff: 500 ms doubling to 5 s, jitter 0.5", () => {
  assert.deepEqual({ ...new DefaultReconnectPolicy().transportBackoff }, { initialDelayMs: 500, maxDelayMs: 5_000, jitter: 0.5 });
});

test('own reconnects wait min(5 s, 500 ms * 2^attempt) * (0.5 + random), or the server’s retryAfterMs', (t) => {
  const policy = new DefaultReconnectPolicy();
  const random = t.mock.method(Math, 'random', () => 0);
  assert.equal(policy.reconnectDelayMs(1, undefined), 500);
  assert.equal(policy.reconnectDelayMs(3, undefined), 2_000);
  assert.equal(policy.reconnectDelayMs(4, undefined), 2_500); // capped at 5 s before the jitter
  random.mock.mockImplementation(() => 0.5);
  assert.equal(policy.reconnectDelayMs(1, undefined), 1_000);
  assert.equal(policy.reconnectDelayMs(9, undefined), 5_000);
  assert.equal(policy.reconnectDelayMs(2, 1_234), 1_234);
  assert.equal(policy.reconnectDelayMs(2, 0), 0);
});

test('a failed join is retried after retryAfterMs (else 2 s) when rate_limited or unanswered; other failures are fatal', () => {
  const policy = new DefaultReconnectPolicy();
  assert.equal(policy.joinRetryDelayMs(new NovuError('rate_limited', 'slow down', { retryAfterMs: 1_500 })), 1_500);
  assert.equal(policy.joinRetryDelayMs(new NovuError('rate_limited', 'slow down')), 2_000);
  assert.equal(policy.joinRetryDelayMs(new NovuError('timeout', 'no answer')), 2_000);
  for (const code of ['banned', 'invalid_payload', 'connection_failed', 'internal_error'] as const) {
    assert.equal(policy.joinRetryDelayMs(new NovuError(code, code)), null, code);
  }
});
