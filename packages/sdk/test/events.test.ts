// The typed emitter behind NovuClient's events.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { TypedEmitter } from '../dist/index.js';

interface Events {
  ping: number;
  done: undefined;
}

class Emitter extends TypedEmitter<Events> {
  fire<K extends keyof Events>(type: K, payload: Events[K]): void {
    this.emit(type, payload);
  }
}

test('on returns an unsubscribe function; off removes on and once listeners', () => {
  const emitter = new Emitter();
  const seen: number[] = [];
  const off = emitter.on('ping', (n) => seen.push(n));
  emitter.fire('ping', 1);
  off();
  emitter.fire('ping', 2);
  const listener = (n: number) => seen.push(n * 10);
  emitter.once('ping', listener);
  emitter.off('ping', listener);
  emitter.fire('ping', 3);
  assert.deepEqual(seen, [1]);
  assert.equal(emitter.listenerCount('ping'), 0);
});

test('once runs a listener one time', () => {
  const emitter = new Emitter();
  let count = 0;
  emitter.once('done', () => count++);
  emitter.fire('done', undefined);
  emitter.fire('done', undefined);
  assert.equal(count, 1);
  assert.equal(emitter.listenerCount('done'), 0);
});

test('a throwing listener neither stops the others nor throws into the emitter; the error is reported asynchronously', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const emitter = new Emitter();
  const seen: number[] = [];
  emitter.on('ping', () => {
    throw new Error('listener bug');
  });
  emitter.on('ping', (n) => seen.push(n));
  assert.doesNotThrow(() => emitter.fire('ping', 7));
  assert.deepEqual(seen, [7]);
  // Re-thrown from a timer, so it still reaches the host's error reporting.
  assert.throws(() => t.mock.timers.tick(1), /listener bug/);
});
