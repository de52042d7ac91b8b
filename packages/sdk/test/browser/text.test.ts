// Text mode, stats, and failures, in real Chromium against the real server.
import { DefaultReconnectPolicy, NovuError } from '../../dist/index.js';
import { assert, deepEqual, equal, link, makeClient, matchedPair, stopAll, waitFor } from './helpers.js';

afterEach(stopAll);

describe('text mode', () => {
  it('matches and chats without touching the camera or microphone', async () => {
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia;
    let asked = 0;
    devices.getUserMedia = function (this: MediaDevices, ...args: Parameters<MediaDevices['getUserMedia']>) {
      asked++;
      return original.apply(this, args);
    };
    try {
      const { a, b, ma, mb } = await matchedPair({}, { mode: 'text' });
      equal(ma.mode, 'text', 'mode a');
      equal(mb.mode, 'text', 'mode b');
      equal(asked, 0, 'getUserMedia never called');
      equal(a.localStream, null, 'no local stream');
      equal(a.remoteStream, null, 'no remote stream');
      equal(await a.getStats(), null, 'no peer connection');
      const atA = waitFor(a, 'message');
      const atB = waitFor(b, 'message');
      await a.sendMessage('a→b');
      await b.sendMessage('b→a');
      equal((await atB).text, 'a→b', 'a→b');
      equal((await atA).text, 'b→a', 'b→a');
      const typing = waitFor(b, 'typing');
      a.setTyping(true);
      equal(await typing, true, 'typing');
    } finally {
      devices.getUserMedia = original;
    }
  });
});

describe('stats, failures and the handshake (text mode)', () => {
  it('emits stats with online and waiting counts', async () => {
    const a = await makeClient();
    const stats = waitFor(a, 'stats');
    await a.start({ mode: 'text', interests: ['nobody-else-' + Date.now()] });
    const payload = await stats;
    assert(payload.online >= 1 && payload.waiting >= 0, `stats ${JSON.stringify(payload)}`);
    deepEqual(a.stats, payload, 'stats getter');
  });

  it('sendMessage rejects outside a chat and with empty text', async () => {
    const { a } = await matchedPair({}, { mode: 'text' });
    let failure: unknown;
    try {
      await a.sendMessage('   ');
    } catch (error) {
      failure = error;
    }
    equal(failure instanceof NovuError && failure.code, 'invalid_payload', 'empty text');
    a.stop();
    failure = undefined;
    try {
      await a.sendMessage('hello');
    } catch (error) {
      failure = error;
    }
    equal(failure instanceof NovuError && failure.code, 'invalid_state', 'not in a chat');
  });

  it('a listener that throws does not break the client', async () => {
    const onerror = window.onerror;
    const thrown: string[] = [];
    window.onerror = (message) => {
      thrown.push(String(message));
      return true;
    };
    try {
      const { a, b } = await matchedPair({}, { mode: 'text' });
      a.on('message', () => {
        throw new Error('listener bug');
      });
      const seen = waitFor(a, 'message');
      await b.sendMessage('one');
      await seen;
      const next = waitFor(a, 'message');
      await b.sendMessage('two');
      equal((await next).text, 'two', 'still receiving after a listener threw');
      equal(a.state, 'matched', 'still matched');
    } finally {
      await new Promise((r) => setTimeout(r, 50));
      window.onerror = onerror;
    }
    assert(thrown.some((m) => m.includes('listener bug')), 'the listener error was reported, not swallowed');
  });

  it('fails with connection_failed when the server cannot be reached', async () => {
    const a = await makeClient({ url: 'http://127.0.0.1:9', reconnectionAttempts: 1 });
    const errors: string[] = [];
    a.on('error', (e) => errors.push(e.code));
    let failure: unknown;
    try {
      await a.start({ mode: 'text' });
    } catch (error) {
      failure = error;
    }
    assert(failure instanceof NovuError, 'a NovuError');
    equal(failure.code, 'connection_failed', 'code');
    equal(a.state, 'error', 'error state');
    deepEqual(errors, ['connection_failed'], 'error event');
  });

  it('a reconnectPolicy in the options decides the attempts, over reconnectionAttempts', async () => {
    const policy = new DefaultReconnectPolicy({ maxAttempts: 1 });
    const a = await makeClient({ url: 'http://127.0.0.1:9', reconnectionAttempts: 50, reconnectPolicy: policy });
    const started = Date.now();
    let failure: unknown;
    try {
      await a.start({ mode: 'text' });
    } catch (error) {
      failure = error;
    }
    equal(failure instanceof NovuError && failure.code, 'connection_failed', 'code');
    // 50 attempts would take minutes; one takes about a second.
    assert(Date.now() - started < 5_000, `gave up at once (${Date.now() - started} ms)`);
    equal(a.state, 'error', 'error state');
  });

  it('sends protocol version 1 and the clientId in the handshake', async () => {
    const { a } = await matchedPair({}, { mode: 'text' });
    const auth = await link(a).handshakeAuth();
    equal(auth.v, 1, 'v');
    equal(auth.clientId, a.clientId, 'clientId');
  });

  it('keeps a default clientId in sessionStorage', async () => {
    sessionStorage.removeItem('novu-chat:client-id');
    const { NovuClient } = await import('../../dist/index.js');
    const first = new NovuClient({ url: 'http://127.0.0.1:9' }).clientId;
    const second = new NovuClient({ url: 'http://127.0.0.1:9' }).clientId;
    assert(/^[0-9a-f]{32}$/.test(first), `an anonymous id (${first})`);
    equal(second, first, 'the same id within the tab session');
    equal(sessionStorage.getItem('novu-chat:client-id'), first, 'stored');
  });
});
