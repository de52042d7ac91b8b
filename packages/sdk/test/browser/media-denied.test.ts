// Run by the "media-denied" group: Chromium's (fake) permission prompt refuses the camera.
import { NovuError, type ClientState } from '../../dist/index.js';
import { assert, equal, makeClient, stopAll, uniqueInterest, waitFor } from './helpers.js';

afterEach(stopAll);

describe('camera permission denied', () => {
  it('start() rejects with media_denied, stays idle, and the user can continue in text mode', async () => {
    const interest = uniqueInterest();
    const a = await makeClient();
    const errors: NovuError[] = [];
    const states: ClientState[] = [];
    a.on('error', (e) => errors.push(e));
    a.on('state', (s) => states.push(s));
    let failure: unknown;
    try {
      await a.start({ interests: [interest] });
    } catch (error) {
      failure = error;
    }
    assert(failure instanceof NovuError, `a NovuError (got ${failure})`);
    equal(failure.code, 'media_denied', 'code');
    equal(errors[0], failure, 'also emitted as an error event');
    equal(a.state, 'idle', 'idle again');
    equal(states.join(','), 'connecting,idle', 'states');
    equal(a.localStream, null, 'no local stream');

    const b = await makeClient();
    const matched = Promise.all([waitFor(a, 'match'), waitFor(b, 'match')]);
    await a.start({ mode: 'text', interests: [interest] });
    await b.start({ mode: 'text', interests: [interest] });
    const [ma] = await matched;
    equal(ma.mode, 'text', 'text room');
    const atB = waitFor(b, 'message');
    await a.sendMessage('no camera, still chatting');
    equal((await atB).text, 'no camera, still chatting', 'message');
  });
});
