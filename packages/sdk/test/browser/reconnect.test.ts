// Socket.IO reconnection against the real server: resume, re-queue, lost rooms, shutdown.
import { executeServerCommand } from '@web/test-runner-commands';
import { DefaultReconnectPolicy, type ClientState, type NovuClient } from '../../dist/index.js';
import { assert, deepEqual, equal, link, makeClient, matchedPair, peerConnection, sleep, stopAll, uniqueInterest, waitFor, waitForState } from './helpers.js';

afterEach(stopAll);

/** Drop the client's transport as a network failure would (Socket.IO then reconnects). */
function dropLink(client: NovuClient): void {
  link(client).drop();
}

describe('reconnection', () => {
  it('resumes the room after the socket drops; the partner hears about it', async () => {
    const { a, b, ma } = await matchedPair();
    const pc = peerConnection(a);
    const states: ClientState[] = [];
    a.on('state', (s) => states.push(s));
    const away = waitFor(b, 'partnerReconnecting');
    const back = waitFor(b, 'partnerReconnected');
    dropLink(a);
    equal(a.state, 'reconnecting', 'reconnecting at once');
    await away;
    await waitForState(a, 'matched');
    await back;
    deepEqual(states, ['reconnecting', 'matched'], 'states');
    equal(a.match?.roomId, ma.roomId, 'same room');
    equal(peerConnection(a), pc, 'the call was never interrupted');
    const atB = waitFor(b, 'message');
    await a.sendMessage('back again');
    equal((await atB).text, 'back again', 'chat works after resuming');
  });

  it('a waiting client queues again after its socket drops', async () => {
    const interest = uniqueInterest();
    const a = await makeClient();
    await a.start({ mode: 'text', interests: [interest] });
    dropLink(a);
    equal(a.state, 'reconnecting', 'reconnecting');
    await waitForState(a, 'searching');
    const b = await makeClient();
    const matched = waitFor(a, 'match');
    await sleep(500); // a is back in the queue by now
    await b.start({ mode: 'text', interests: [interest] });
    await matched;
  });

  it('reports partnerLeft (connection-lost) when the room could not be kept, and re-queues with autoNext', async () => {
    const { a, b } = await matchedPair({ autoNext: true }, { mode: 'text' });
    const states: ClientState[] = [];
    a.on('state', (s) => states.push(s));
    // A long outage: no reconnection until the server's resume grace (3 s in tests) has run out.
    const reconnect = link(a).holdReconnection();
    const bLeft = waitFor(b, 'partnerLeft', () => true, 10_000);
    dropLink(a);
    equal((await bLeft).reason, 'disconnected', 'b is told a disconnected');
    const aLeft = waitFor(a, 'partnerLeft');
    const rematch = Promise.all([waitFor(a, 'match'), waitFor(b, 'match')]);
    reconnect();
    equal((await aLeft).reason, 'connection-lost', 'a is told its room is gone');
    deepEqual(states.slice(0, 3), ['reconnecting', 'partner-left', 'searching'], 'states');
    await rematch; // b re-queued with autoNext too
  });

  it('handles a server shutdown: serverShutdown, then reconnects to the server that comes back', async () => {
    const url = String(await executeServerCommand('novu-extra-start'));
    // The server closes the link on purpose: the SDK reconnects by itself, timed by the policy.
    const attempts: number[] = [];
    const reconnectPolicy = new (class extends DefaultReconnectPolicy {
      override reconnectDelayMs(attempt: number, retryAfterMs: number | undefined): number {
        attempts.push(attempt);
        return super.reconnectDelayMs(attempt, retryAfterMs);
      }
    })();
    const { a, b } = await matchedPair({ url, reconnectPolicy }, { mode: 'text' });
    const notice = waitFor(a, 'serverShutdown');
    const aLeft = waitFor(a, 'partnerLeft', () => true, 30_000);
    await executeServerCommand('novu-extra-stop', { graceMs: 200 });
    equal((await notice).graceMs, 200, 'graceMs');
    await waitForState(a, 'reconnecting');
    await executeServerCommand('novu-extra-start');
    equal((await aLeft).reason, 'ended', 'the room ended with the old server');
    assert(attempts[0] === 1, `the policy timed the reconnection (attempts ${attempts})`);
    equal(a.state, 'partner-left', 'partner-left');
    const rematch = Promise.all([waitFor(a, 'match'), waitFor(b, 'match', () => true, 30_000)]);
    a.next();
    await waitForState(b, 'partner-left', 30_000);
    b.next();
    await rematch;
    await executeServerCommand('novu-extra-stop', { graceMs: 0 });
    assert(true, 'done');
  });
});
