// report() and block(), in real Chromium against the real server: the chat ends like next(), the
// partner sees an ordinary skip, and the two are never matched again.
import { NovuError, REPORT_REASONS, type NovuClient } from '../../dist/index.js';
import { equal, deepEqual, link, makeClient, matchedPair, sleep, stopAll, uniqueInterest, waitFor, waitForState } from './helpers.js';

afterEach(stopAll);

/** Neither client gets a match within `ms`. */
async function noMatch(clients: NovuClient[], ms = 1_000): Promise<void> {
  let matched = 0;
  const offs = clients.map((c) => c.on('match', () => matched++));
  await sleep(ms);
  offs.forEach((off) => off());
  equal(matched, 0, 'no match');
}

describe('report and block', () => {
  it('exports the report reasons', () => {
    deepEqual([...REPORT_REASONS], ['nudity', 'harassment', 'spam', 'underage', 'other']);
  });

  it('report() ends the chat like next(); the partner sees a skip; the two never meet again', async () => {
    const { a, b, interest } = await matchedPair({}, { mode: 'text' });
    const left = waitFor(b, 'partnerLeft');
    const reported = a.report('harassment');
    equal(a.state, 'searching', 'a moves on at once');
    equal(a.match, null, 'the match is gone at once');
    await reported;
    deepEqual(await left, { reason: 'skipped' }, 'the partner cannot tell a report from a skip');
    b.next();
    await waitForState(b, 'searching');
    // Same interest, both searching, repeat avoidance off on the test server: only the report keeps them apart.
    await noMatch([a, b]);
    const c = await makeClient();
    const met = waitFor(c, 'match');
    await c.start({ mode: 'text', interests: [interest] });
    await met;
  });

  it('block() in partner-left blocks the partner who just left', async () => {
    const { a, b } = await matchedPair({}, { mode: 'text' });
    const left = waitFor(a, 'partnerLeft');
    b.next(); // b skips first and searches again on the same interest
    await left;
    equal(a.state, 'partner-left');
    await a.block();
    equal(a.state, 'searching');
    await noMatch([a, b]);
  });

  it('rejects with invalid_state when there is nobody to report or block', async () => {
    const a = await makeClient();
    for (const act of [() => a.report('spam'), () => a.block()]) {
      let failure: unknown;
      try {
        await act();
      } catch (error) {
        failure = error;
      }
      equal(failure instanceof NovuError && failure.code, 'invalid_state', 'idle');
    }
    await a.start({ mode: 'text', interests: ['alone-' + Date.now()] });
    let failure: unknown;
    try {
      await a.report('spam');
    } catch (error) {
      failure = error;
    }
    equal(failure instanceof NovuError && failure.code, 'invalid_state', 'searching');
  });
});

describe('handshake options for terms, sites and bot defence', () => {
  it('sends termsAccepted and siteKey, and asks for a fresh captcha token for every connection', async () => {
    let calls = 0;
    const a = await makeClient({ termsAccepted: true, siteKey: 'ignored-by-this-server', captchaToken: async () => `token-${++calls}` });
    await a.start({ mode: 'text', interests: [uniqueInterest()] });
    equal(calls, 1, 'one token for the first connection');
    const auth = await link(a).handshakeAuth();
    deepEqual(auth, { clientId: a.clientId, siteKey: 'ignored-by-this-server', termsAccepted: true, captchaToken: 'token-2', v: 1 });
  });
});
