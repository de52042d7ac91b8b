import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Limits, canonicalInterest, normalizeInterests, parseInterests, sharedInterests } from '../src/index.js';

describe('normalizeInterests', () => {
  it('trims, lower-cases and de-duplicates, keeping first-seen order', () => {
    assert.deepEqual(normalizeInterests(['  Music ', 'music', 'ART', 'Art\t', 'Ünïcode']), {
      ok: true,
      interests: ['music', 'art', 'ünïcode'],
    });
  });

  it('accepts an empty list', () => {
    assert.deepEqual(normalizeInterests([]), { ok: true, interests: [] });
  });

  it('refuses anything but an array', () => {
    for (const input of [undefined, null, 'music', 42, { length: 1, 0: 'music' }]) {
      const result = normalizeInterests(input);
      assert.equal(result.ok, false, JSON.stringify(input));
    }
  });

  it('refuses items that are not strings, naming the index', () => {
    const result = normalizeInterests(['music', 7]);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /interests\[1\]/);
    assert.equal(normalizeInterests([null]).ok, false);
    assert.equal(normalizeInterests([['nested']]).ok, false);
  });

  it('refuses items that are empty after trimming', () => {
    for (const item of ['', '   ', '\u00a0\t\n']) {
      assert.equal(normalizeInterests(['ok', item]).ok, false, JSON.stringify(item));
    }
  });

  it('measures the length in code points after trimming', () => {
    const max = Limits.maxInterestLength;
    assert.equal(normalizeInterests(['a'.repeat(max)]).ok, true);
    assert.equal(normalizeInterests([`  ${'a'.repeat(max)}  `]).ok, true);
    assert.equal(normalizeInterests(['a'.repeat(max + 1)]).ok, false);
    // Astral characters are two UTF-16 units but one code point each.
    assert.equal(normalizeInterests(['😀'.repeat(max)]).ok, true);
    assert.equal(normalizeInterests(['😀'.repeat(max + 1)]).ok, false);
  });

  it('allows at most Limits.maxInterests interests after de-duplication', () => {
    const max = Limits.maxInterests;
    const distinct = Array.from({ length: max }, (_, i) => `topic${i}`);
    assert.deepEqual(normalizeInterests(distinct), { ok: true, interests: distinct });
    assert.equal(normalizeInterests([...distinct, 'one more']).ok, false);
    const withDuplicates = [...distinct, ...distinct.map((t) => ` ${t.toUpperCase()} `)];
    assert.deepEqual(normalizeInterests(withDuplicates), { ok: true, interests: distinct });
  });

  it('says what is wrong', () => {
    const result = normalizeInterests(Array.from({ length: 20 }, (_, i) => `t${i}`));
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.message.length > 0);
  });
});

describe('sharedInterests', () => {
  it('returns the common interests, sorted', () => {
    assert.deepEqual(sharedInterests(['b', 'z', 'a'], ['a', 'q', 'z']), ['a', 'z']);
    assert.deepEqual(sharedInterests([], ['a']), []);
    assert.deepEqual(sharedInterests(['a'], ['b']), []);
  });
});

describe('canonicalInterest', () => {
  it('trims, collapses inner whitespace and lower-cases', () => {
    assert.equal(canonicalInterest('  Board \t  Games\n'), 'board games');
  });
});

describe('parseInterests (the lenient rule clients use)', () => {
  it('reads the attribute form and arrays, canonical and de-duplicated', () => {
    assert.deepEqual(parseInterests('music,games'), ['music', 'games']);
    assert.deepEqual(parseInterests(' music ,  board   games, Music, ,'), ['music', 'board games']);
    assert.deepEqual(parseInterests(['films', 7, 'Films', 'books']), ['films', 'books']);
    assert.deepEqual(parseInterests(null), []);
  });

  it('keeps at most Limits.maxInterests, each cut to Limits.maxInterestLength code points', () => {
    assert.equal(parseInterests(Array.from({ length: 20 }, (_, i) => `i${i}`)).length, Limits.maxInterests);
    assert.equal(parseInterests('x'.repeat(50))[0], 'x'.repeat(Limits.maxInterestLength));
    assert.equal(Array.from(parseInterests(['😀'.repeat(50)])[0] ?? '').length, Limits.maxInterestLength);
    assert.deepEqual(parseInterests(['\uD800bad']), []);
  });

  it('always yields what the server accepts', () => {
    const samples: unknown[] = ['  A , a,b  c', ['😀'.repeat(40), ' X '.repeat(20)], 'y'.repeat(99)];
    for (const sample of samples) {
      assert.deepEqual(normalizeInterests(parseInterests(sample)), { ok: true, interests: parseInterests(sample) });
    }
  });
});
