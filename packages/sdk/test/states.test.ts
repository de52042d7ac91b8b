// The client's transition table: the one place its state changes are allowed.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { ClientState } from '../dist/index.js';
import { canEnter, TRANSITIONS, type Transition } from '../dist/states.js';

const STATES: ClientState[] = ['idle', 'connecting', 'searching', 'matched', 'reconnecting', 'partner-left', 'error'];
const transitions = Object.keys(TRANSITIONS) as Transition[];

test('every state is reachable from idle, and every state can get back to idle', () => {
  const reached = new Set<ClientState>(['idle']);
  for (let grown = true; grown; ) {
    grown = false;
    for (const t of transitions) {
      const { from, to } = TRANSITIONS[t];
      if (reached.has(to) || !from.some((s: ClientState) => reached.has(s))) continue;
      reached.add(to);
      grown = true;
    }
  }
  assert.deepEqual([...reached].sort(), [...STATES].sort());
  for (const state of STATES) assert.ok(canEnter(state, 'stop'), `stop() from ${state}`);
  for (const state of STATES) assert.ok(canEnter(state, 'start'), `start() from ${state}`);
});

test('next() skips only from searching, matched and partner-left; report/block only with a partner', () => {
  assert.deepEqual(STATES.filter((s) => canEnter(s, 'skip')), ['searching', 'matched', 'partner-left']);
  assert.deepEqual(STATES.filter((s) => canEnter(s, 'moderate')), ['matched', 'partner-left']);
});

test('a match is taken only while searching; a dropped link is resumed only from reconnecting', () => {
  assert.deepEqual(STATES.filter((s) => canEnter(s, 'match')), ['searching']);
  assert.deepEqual(STATES.filter((s) => canEnter(s, 'linkDown')), ['searching', 'matched', 'partner-left']);
  for (const t of ['resumeRoom', 'resumeSearch', 'resumeAlone'] as const) {
    assert.deepEqual(STATES.filter((s) => canEnter(s, t)), ['reconnecting'], t);
  }
  // The states linkDown leaves are exactly those the resumes lead back to.
  assert.deepEqual(
    [...TRANSITIONS.linkDown.from].sort(),
    [TRANSITIONS.resumeRoom.to, TRANSITIONS.resumeSearch.to, TRANSITIONS.resumeAlone.to].sort(),
  );
});

test('refused camera or microphone returns to idle only from connecting', () => {
  assert.deepEqual(STATES.filter((s) => canEnter(s, 'mediaRefused')), ['connecting']);
  assert.equal(TRANSITIONS.mediaRefused.to, 'idle');
});
