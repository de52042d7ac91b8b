import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  LinkedQueue,
  MemoryMatchmaker,
  RepeatGuard,
  type QueueNode,
} from '../src/matchmaking/index.js';
import { MinHeap } from '../src/matchmaking/min-heap.js';
import { matchmakerConformance } from './matchmaker-conformance.js';

matchmakerConformance('MemoryMatchmaker', (options) => new MemoryMatchmaker(options));

/** A seeded generator for the randomised unit tests. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('LinkedQueue', () => {
  it('is first-in, first-out', () => {
    const queue = new LinkedQueue<number>();
    assert.equal(queue.peek(), undefined);
    assert.equal(queue.shift(), undefined);
    assert.equal(queue.head, null);
    queue.push(1);
    queue.push(2);
    queue.push(3);
    assert.equal(queue.size, 3);
    assert.equal(queue.peek(), 1);
    assert.deepEqual([...queue], [1, 2, 3]);
    assert.equal(queue.shift(), 1);
    assert.equal(queue.shift(), 2);
    assert.equal(queue.shift(), 3);
    assert.equal(queue.size, 0);
    assert.equal(queue.shift(), undefined);
  });

  it('removes entries from the head, the middle and the tail by node', () => {
    const queue = new LinkedQueue<string>();
    const nodes = ['a', 'b', 'c', 'd', 'e'].map((value) => queue.push(value));
    const [a, b, c, d, e] = nodes as [QueueNode<string>, QueueNode<string>, QueueNode<string>, QueueNode<string>, QueueNode<string>];
    assert.equal(queue.remove(c), true);
    assert.deepEqual([...queue], ['a', 'b', 'd', 'e']);
    assert.equal(queue.remove(a), true);
    assert.equal(queue.remove(e), true);
    assert.deepEqual([...queue], ['b', 'd']);
    assert.equal(queue.head?.value, 'b');
    assert.equal(queue.head?.next?.value, 'd');
    assert.equal(queue.head?.next?.prev?.value, 'b');
    assert.equal(queue.size, 2);
    assert.equal(c.queue, null);
    assert.equal(b.queue, queue);
    queue.push('f');
    assert.deepEqual([...queue], ['b', 'd', 'f']);
    assert.equal(queue.remove(d), true);
    assert.equal(queue.remove(b), true);
    assert.equal(queue.shift(), 'f');
    assert.equal(queue.size, 0);
  });

  it('ignores a node that was removed already or belongs to another queue', () => {
    const queue = new LinkedQueue<number>();
    const other = new LinkedQueue<number>();
    const node = queue.push(1);
    const foreign = other.push(2);
    assert.equal(queue.remove(foreign), false);
    assert.equal(queue.remove(node), true);
    assert.equal(queue.remove(node), false);
    assert.equal(queue.size, 0);
    assert.equal(other.size, 1);
  });

  it('agrees with an array under random pushes, shifts and removals', () => {
    const rnd = random(7);
    const queue = new LinkedQueue<number>();
    let model: { value: number; node: QueueNode<number> }[] = [];
    for (let i = 0; i < 5_000; i += 1) {
      const r = rnd();
      if (r < 0.5) {
        model.push({ value: i, node: queue.push(i) });
      } else if (r < 0.7) {
        assert.equal(queue.shift(), model.shift()?.value);
      } else if (model.length > 0) {
        const victim = model[Math.floor(rnd() * model.length)];
        assert.ok(victim);
        assert.equal(queue.remove(victim.node), true);
        model = model.filter((entry) => entry !== victim);
      }
      assert.equal(queue.size, model.length);
      assert.equal(queue.peek(), model[0]?.value);
    }
    assert.deepEqual([...queue], model.map((entry) => entry.value));
  });
});

describe('MinHeap', () => {
  it('pops items in ascending order', () => {
    const rnd = random(3);
    const heap = new MinHeap<number>((a, b) => a < b);
    const values = Array.from({ length: 2_000 }, () => Math.floor(rnd() * 500));
    for (const value of values) heap.push(value);
    assert.equal(heap.size, values.length);
    const popped: number[] = [];
    for (let value = heap.pop(); value !== undefined; value = heap.pop()) popped.push(value);
    assert.deepEqual(
      popped,
      [...values].sort((a, b) => a - b),
    );
    assert.equal(heap.peek(), undefined);
  });
});

describe('RepeatGuard', () => {
  it('keeps a pair apart, both ways round, until the given time', () => {
    const guard = new RepeatGuard();
    guard.add('a', 'b', 1_000, 0);
    assert.equal(guard.isAvoided('a', 'b', 0), true);
    assert.equal(guard.isAvoided('b', 'a', 999), true);
    assert.equal(guard.isAvoided('a', 'b', 1_000), false);
    assert.equal(guard.isAvoided('a', 'c', 0), false);
  });

  it('never shortens a pair already kept apart for longer', () => {
    const guard = new RepeatGuard();
    guard.add('a', 'b', 5_000, 0);
    guard.add('b', 'a', 1_000, 0);
    assert.equal(guard.isAvoided('a', 'b', 4_999), true);
    guard.add('a', 'b', 9_000, 100);
    assert.equal(guard.size, 1);
    guard.prune(5_000);
    assert.equal(guard.isAvoided('a', 'b', 5_000), true, 'the extension survives the old expiry');
    assert.equal(guard.size, 1);
    guard.prune(9_000);
    assert.equal(guard.size, 0);
  });

  it('ignores a client paired with itself and times already passed', () => {
    const guard = new RepeatGuard();
    guard.add('a', 'a', 1_000, 0);
    guard.add('a', 'b', 500, 500);
    assert.equal(guard.size, 0);
    assert.equal(guard.isAvoided('a', 'b', 500), false);
  });

  it('drops lapsed pairs, keeping memory bounded by the pairs recorded within the window', () => {
    const guard = new RepeatGuard();
    let largest = 0;
    for (let now = 0; now < 20_000; now += 1) {
      guard.add(`c${now}`, `c${now + 1}`, now + 100, now);
      if (now % 7 === 0) guard.add(`block${now}`, 'x', now + 1_000, now);
      largest = Math.max(largest, guard.size);
    }
    assert.ok(largest <= 100 + 1_000 / 7 + 2, `at most ~243 pairs held, saw ${largest}`);
    const held = guard.size;
    assert.equal(guard.prune(1_000_000), held);
    assert.equal(guard.size, 0);
  });

  it('prunes everything that lapsed and keeps the rest', () => {
    const guard = new RepeatGuard();
    guard.add('a', 'b', 100, 0);
    guard.add('c', 'd', 200, 0);
    guard.add('e', 'f', 300, 0);
    assert.equal(guard.prune(200), 2);
    assert.equal(guard.size, 1);
    assert.equal(guard.isAvoided('e', 'f', 299), true);
    guard.clear();
    assert.equal(guard.size, 0);
    assert.equal(guard.isAvoided('e', 'f', 0), false);
  });
});

describe('MemoryMatchmaker', () => {
  it('refuses negative or non-finite durations', () => {
    assert.throws(() => new MemoryMatchmaker({ interestTimeoutMs: -1, repeatAvoidMs: 0 }), RangeError);
    assert.throws(() => new MemoryMatchmaker({ interestTimeoutMs: 0, repeatAvoidMs: Number.NaN }), RangeError);
    const mm = new MemoryMatchmaker({ interestTimeoutMs: 0, repeatAvoidMs: 0 });
    assert.throws(() => mm.recordPartners('a', 'b', Number.POSITIVE_INFINITY), RangeError);
  });

  it('treats users with interests as open at once when interestTimeoutMs is 0', () => {
    const mm = new MemoryMatchmaker({ interestTimeoutMs: 0, repeatAvoidMs: 0, now: () => 0 });
    assert.equal(mm.join({ id: 'a', clientKey: 'a', mode: 'text', interests: ['x'] }), null);
    assert.equal(mm.nextDeadline(), null);
    assert.equal(mm.join({ id: 'b', clientKey: 'b', mode: 'text', interests: ['y'] })?.waiting.id, 'a');
    assert.equal(mm.join({ id: 'c', clientKey: 'c', mode: 'text', interests: ['z'] }), null);
    assert.equal(mm.join({ id: 'd', clientKey: 'd', mode: 'text', interests: [] })?.waiting.id, 'c');
  });

  it('ignores duplicate interests in a request', () => {
    const mm = new MemoryMatchmaker({ interestTimeoutMs: 1_000, repeatAvoidMs: 0, now: () => 0 });
    mm.join({ id: 'a', clientKey: 'a', mode: 'video', interests: ['x', 'x'] });
    const match = mm.join({ id: 'b', clientKey: 'b', mode: 'video', interests: ['x'] });
    assert.deepEqual(match?.commonInterests, ['x']);
    assert.equal(mm.counts().total, 0);
  });

  it('treats a clock that runs backwards as standing still', () => {
    let t = 10_000;
    const mm = new MemoryMatchmaker({ interestTimeoutMs: 1_000, repeatAvoidMs: 0, now: () => t });
    mm.join({ id: 'a', clientKey: 'a', mode: 'video', interests: ['x'] });
    t = 5_000;
    mm.join({ id: 'b', clientKey: 'b', mode: 'video', interests: ['y'] });
    assert.equal(mm.nextDeadline(), 11_000);
    t = 11_000;
    const matches = mm.expire();
    assert.deepEqual(
      matches.map((m) => [m.waiting.id, m.joiner.id]),
      [['a', 'b']],
    );
  });

  it('keeps retries right through many cancelled ones (heap compaction)', () => {
    let t = 0;
    const mm = new MemoryMatchmaker({ interestTimeoutMs: 1_000, repeatAvoidMs: 500, now: () => t });
    const join = (id: string, clientKey: string) => mm.join({ id, clientKey, mode: 'video', interests: [] });
    mm.recordPartners('ka', 'kb', 10_000);
    mm.recordPartners('ka', 'kc', 20_000);
    mm.recordPartners('kb', 'kc', 20_000);
    assert.equal(join('a', 'ka'), null);
    assert.equal(join('c', 'kc'), null, 'c skips a: a retry at 20 000 that must survive');
    for (let i = 0; i < 1_000; i += 1) {
      // Each join skips a and c (a retry at 10 000), each leave cancels it.
      assert.equal(join(`b${i}`, 'kb'), null);
      if (i < 999) assert.equal(mm.leave(`b${i}`), true);
    }
    assert.equal(mm.nextDeadline(), 10_000);
    t = 9_999;
    assert.deepEqual(mm.expire(), []);
    t = 10_000;
    assert.deepEqual(
      mm.expire().map((m) => [m.waiting.id, m.joiner.id]),
      [['a', 'b999']],
    );
    assert.equal(mm.nextDeadline(), 20_000, "c's retry");
    t = 20_000;
    assert.deepEqual(mm.expire(), []);
    assert.equal(mm.nextDeadline(), null);
    assert.equal(mm.isWaiting('c'), true);
  });

  it('returns the requests it was given', () => {
    const mm = new MemoryMatchmaker({ interestTimeoutMs: 1_000, repeatAvoidMs: 0, now: () => 0 });
    const a = { id: 'a', clientKey: 'a', mode: 'video' as const, interests: [], pool: 'p' };
    const b = { id: 'b', clientKey: 'b', mode: 'video' as const, interests: [], pool: 'p' };
    mm.join(a);
    const match = mm.join(b);
    assert.equal(match?.waiting, a);
    assert.equal(match?.joiner, b);
  });
});
