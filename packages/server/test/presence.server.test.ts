// Correct presence (issue #16, point 4): every client ends up with the current online/waiting count.
// On the main of 2026-12-04 a broadcast was skipped when the numbers equalled the last broadcast, so a
// client that got other numbers at connect (4 online, 1 waiting) was never corrected.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serverPerTest } from '@novu-chat/test-support/server-per-test';
import { ask, connect, connectLazy, next, settle } from '@novu-chat/test-support/clients';

type Stats = { online: number; waiting: number };

describe('presence: the stats every client holds', () => {
  const server = serverPerTest();

  it('corrects a client that got other numbers at connect, even when the numbers return to the last broadcast', async () => {
    const srv = await server.start({ statsIntervalMs: 500, rateLimitConnections: 100 });
    const a = await connect(srv.url);
    await connect(srv.url); // b
    // Wait for a broadcast of "2 online, 0 waiting".
    for (;;) {
      const stats = await next<Stats>(a, 'stats', 3_000);
      if (stats.online === 2 && stats.waiting === 0) break;
    }
    // Right after it: d waits, c connects (and is told 4 online, 1 waiting), then d and a go,
    // which brings the numbers back to the last broadcast's.
    const d = await connect(srv.url);
    await ask(d, 'queue:join', {});
    const c = connectLazy(srv.url);
    const seenByC: Stats[] = [];
    c.on('stats', (s: Stats) => seenByC.push(s));
    await next(c, 'stats');
    assert.deepEqual(seenByC[0], { online: 4, waiting: 1 });
    d.disconnect();
    a.disconnect();
    await settle(1_300); // two broadcast intervals and more
    assert.deepEqual(seenByC.at(-1), { online: 2, waiting: 0 }, 'c holds the current numbers');
  });
});
