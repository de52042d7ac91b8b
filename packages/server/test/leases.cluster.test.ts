// No unsolicited and no ghost matches in cluster mode (issue #13, faults 5 and 8). On the main of
// 2026-12-04 a process paused for 6.5 s (as in a long GC) queued again a user who had been matched
// and had left meanwhile, so the idle user got match:found with a stranger; and for ~6 s after a
// process was killed, new joiners were matched with its dead waiting users.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clusterFixture } from '@novu-chat/test-support/cluster';
import type { ServerProcess } from '@novu-chat/test-support/processes';
import { ask, connect, next, record, settle, type MatchFound } from '@novu-chat/test-support/clients';

describe('cluster leases: no unsolicited and no ghost matches', () => {
  const fixture = clusterFixture();

  async function cluster(): Promise<[ServerProcess, ServerProcess]> {
    const [one, two] = await fixture.start(2, { REPEAT_AVOID_MS: '0' });
    assert.ok(one && two);
    return [one, two];
  }

  it('a process that stalls for 6.5 s does not queue again a user who was matched and left meanwhile', async () => {
    const [one, two] = await cluster();
    const a = await connect(one.url);
    const b = await connect(two.url);
    const aFound = next<MatchFound>(a, 'match:found');
    await ask(a, 'queue:join', {}); // a waits (queued by process one)
    await ask(b, 'queue:join', {}); // b's process opens the room
    await aFound;
    await ask(a, 'room:leave'); // a is done and sits idle
    const unsolicited = record(a, 'match:found');
    one.child.kill('SIGSTOP'); // a long pause: its lease lapses and it is swept
    await settle(6_500);
    one.child.kill('SIGCONT');
    await settle(1_500); // it notices its lapsed lease
    const c = await connect(two.url);
    await ask(c, 'queue:join', {});
    await settle(1_000);
    assert.deepEqual(unsolicited, [], 'the idle user got no match:found');
  });

  it('a killed process’s waiting users are not handed out once its short lease has lapsed', async () => {
    const [one, two] = await cluster();
    const ghost = await connect(one.url);
    await ask(ghost, 'queue:join', { mode: 'text' });
    await settle(200);
    await one.stop('SIGKILL');
    await settle(2_000); // the lease of a dead process lapses within 1.5 s
    const c = await connect(two.url);
    const cFound = record<MatchFound>(c, 'match:found');
    await ask(c, 'queue:join', { mode: 'text' });
    await settle(1_000);
    assert.deepEqual(cFound, [], 'not matched with a user of the dead process');
    // The live joiner is still waiting and meets the next live one.
    const d = await connect(two.url);
    const dFound = next<MatchFound>(d, 'match:found');
    await ask(d, 'queue:join', { mode: 'text' });
    await dFound;
  });
});
