// Video mode in real Chromium against the real server: matching, real decoded video, chat,
// typing, next(), stop(), offer collisions, camera switching and leaks.
import { NovuError, type ClientState, type NovuClient, type NovuClientOptions } from '../../dist/index.js';
import {
  assert,
  bothDecode,
  deepEqual,
  equal,
  link,
  makeClient,
  matchedPair,
  peerConnection,
  recordSignals,
  sleep,
  stopAll,
  until,
  waitFor,
  waitForState,
} from './helpers.js';

afterEach(stopAll);

describe('video mode', () => {
  it('matches two clients that decode each other’s video; messages and typing cross both ways', async () => {
    const { a, b, ma, mb, interest } = await matchedPair();
    assert(ma.initiator !== mb.initiator, 'exactly one initiator');
    deepEqual(ma.commonInterests, [interest], 'common interests');
    equal(ma.mode, 'video', 'mode');
    equal(a.state, 'matched', 'state a');
    equal(b.state, 'matched', 'state b');
    deepEqual(a.match, ma, 'match getter');
    assert(a.localStream && a.localStream.getVideoTracks().length === 1, 'a has a camera track');
    assert(a.localStream.getAudioTracks().length === 1, 'a has a microphone track');

    await bothDecode(a, b);
    assert(a.remoteStream && a.remoteStream.getVideoTracks().length === 1, 'a receives video');
    assert(b.remoteStream && b.remoteStream.getAudioTracks().length === 1, 'b receives audio');

    // The remote video really plays in a <video> element.
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = a.remoteStream;
    document.body.append(video);
    await video.play();
    await until(() => video.videoWidth > 0, 10_000, 'the remote video to have a size');
    video.remove();

    const atB = waitFor(b, 'message');
    const sent = await a.sendMessage('  hello from a  ');
    const received = await atB;
    equal(received.text, 'hello from a', 'text a→b (trimmed)');
    equal(received.id, sent.id, 'same id');
    equal(typeof received.ts, 'number', 'ts');

    const atA = waitFor(a, 'message');
    await b.sendMessage('hi from b');
    equal((await atA).text, 'hi from b', 'text b→a');

    const typingAtB = waitFor(b, 'typing', (t) => t === true);
    a.setTyping(true);
    a.setTyping(true); // throttled: only one event is sent
    await typingAtB;
    const stoppedAtB = waitFor(b, 'typing', (t) => t === false);
    a.setTyping(false);
    await stoppedAtB;

    const typingAtA = waitFor(a, 'typing', (t) => t === true);
    b.setTyping(true);
    await typingAtA;
    // A message ends the typing indicator on the receiving side.
    const clearedAtA = waitFor(a, 'typing', (t) => t === false);
    const messageAtA = waitFor(a, 'message');
    await b.sendMessage('done typing');
    await clearedAtA;
    await messageAtA;
  });

  it('next() ends the room for both and rematches with a third client', async () => {
    const { a, b, interest } = await matchedPair();
    await bothDecode(a, b);
    const oldRemote = a.remoteStream;
    assert(oldRemote, 'a receives the remote stream');
    const c = await makeClient();
    await c.start({ interests: [interest] });
    equal(c.state, 'searching', 'c waits');

    const left = waitFor(b, 'partnerLeft');
    const matches = Promise.all([waitFor(a, 'match'), waitFor(c, 'match')]);
    a.next();
    equal(a.state, 'searching', 'a searches at once');
    equal(a.remoteStream, null, 'remote stream dropped');
    equal((await left).reason, 'skipped', 'b is told a skipped');
    equal(b.state, 'partner-left', 'b stays in partner-left without autoNext');
    const [ma, mc] = await matches;
    equal(ma.roomId, mc.roomId, 'a and c share a room');
    await bothDecode(a, c);
    assert(a.remoteStream !== oldRemote, 'a new remote stream');
    assert(oldRemote.getTracks().every((t) => t.readyState === 'ended'), 'old remote tracks ended');
  });

  it('stop() leaves, closes the connection and ends every local track; it can be called twice', async () => {
    const { a, b, interest } = await matchedPair();
    await bothDecode(a, b);
    assert(a.localStream, 'a has local media');
    const tracks = a.localStream.getTracks();
    const pc = peerConnection(a);
    const states: ClientState[] = [];
    a.on('state', (s) => states.push(s));
    const streams: (MediaStream | null)[] = [];
    a.on('localStream', (s) => streams.push(s));
    const left = waitFor(b, 'partnerLeft');
    a.stop();
    a.stop();
    equal(a.state, 'idle', 'idle');
    deepEqual(states, ['idle'], 'one state change');
    deepEqual(streams, [null], 'localStream released once');
    assert(tracks.length === 2 && tracks.every((t) => t.readyState === 'ended'), 'camera and microphone stopped');
    equal(a.localStream, null, 'no local stream');
    equal(a.remoteStream, null, 'no remote stream');
    equal(pc.connectionState, 'closed', 'peer connection closed');
    equal((await left).reason, 'left', 'the partner is told');

    // The same client can start again.
    const again = Promise.all([waitFor(a, 'match'), waitFor(b, 'match')]);
    await a.start({ interests: [interest] });
    b.next();
    await again;
    await bothDecode(a, b);
  });

  it('resolves an offer collision (both sides renegotiate at once)', async () => {
    const { a, b } = await matchedPair();
    await bothDecode(a, b);
    const sentA = recordSignals(a);
    const sentB = recordSignals(b);
    const pa = peerConnection(a);
    const pb = peerConnection(b);
    const atB = new Promise<string>((resolve) => {
      pb.ondatachannel = ({ channel }) => (channel.onmessage = ({ data }) => resolve(data));
    });
    // In the same task, both sides add a data channel: both fire negotiationneeded and offer.
    const channelA = pa.createDataChannel('from-a');
    const channelB = pb.createDataChannel('from-b');
    await until(
      () => channelA.readyState === 'open' && channelB.readyState === 'open',
      20_000,
      'both data channels to open',
    );
    assert(sentA.includes('signal:offer'), 'a offered');
    assert(sentB.includes('signal:offer'), 'b offered too: the offers collided');
    await until(() => pa.signalingState === 'stable' && pb.signalingState === 'stable', 10_000, 'stable');
    channelA.send('after-collision');
    equal(await Promise.race([atB, sleep(10_000).then(() => 'timed out')]), 'after-collision', 'data crosses');
    await bothDecode(a, b);
  });

  it('switches the camera mid-call with replaceTrack, without renegotiation', async () => {
    const { a, b } = await matchedPair();
    await bothDecode(a, b);
    const cameras = await a.listDevices('videoinput');
    assert(a.localStream, 'a has local media');
    const before = a.localStream.getVideoTracks()[0];
    assert(before, 'a has a camera track');
    // Chromium's fake_device_1 is a depth (Y16) camera that video encoders cannot take.
    const other = cameras.find((d) => d.deviceId !== before.getSettings().deviceId && d.label === 'fake_device_2');
    assert(other, `a second colour camera (got ${cameras.map((d) => d.label).join(', ')})`);
    const sent = recordSignals(a);
    const stream = a.localStream;
    const emitted = waitFor(a, 'localStream');
    await a.selectDevice('videoinput', other.deviceId);
    equal(await emitted, stream, 'localStream emitted with the same stream');
    const after = stream.getVideoTracks()[0];
    assert(after, 'a camera track after the switch');
    equal(stream.getVideoTracks().length, 1, 'one video track');
    equal(after.getSettings().deviceId, other.deviceId, 'new camera');
    equal(before.readyState, 'ended', 'old camera released');
    const sender = peerConnection(a).getSenders().find((s) => s.track?.kind === 'video');
    equal(sender?.track, after, 'the sender sends the new track');
    await bothDecode(a, b);
    equal(sent.filter((e) => e === 'signal:offer').length, 0, 'no renegotiation');

    // Camera off/on and microphone mute toggle the tracks without releasing them.
    a.setCameraEnabled(false);
    a.setMicEnabled(false);
    equal(after.enabled, false, 'camera disabled');
    equal(stream.getAudioTracks()[0]?.enabled, false, 'mic muted');
    equal(after.readyState, 'live', 'camera not released');
    a.setCameraEnabled(true);
    a.setMicEnabled(true);
    equal(after.enabled, true, 'camera enabled');
  });

  it('leaks nothing after 50 next() calls', async () => {
    const created: RTCPeerConnection[] = [];
    const Native = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Native {
      constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
        super(...args);
        created.push(this);
      }
    };
    try {
      // Both re-queue by themselves when left, so each a.next() pairs them again (repeat avoidance is off in tests).
      const { a, b } = await matchedPair({ autoNext: true });
      assert(a.localStream, 'a has local media');
      const localTracks = a.localStream.getTracks();
      for (let i = 0; i < 50; i++) {
        const both = Promise.all([waitFor(a, 'match'), waitFor(b, 'match')]);
        a.next();
        await both;
      }
      await bothDecode(a, b);
      equal(a.state, 'matched', 'still matched');
      const open = created.filter((pc) => pc.connectionState !== 'closed');
      equal(open.length, 2, 'only the current pair of peer connections is open');
      assert(created.length >= 100, `a fresh peer connection per match (${created.length})`);
      deepEqual(a.localStream?.getTracks(), localTracks, 'the same local tracks throughout');
      assert(localTracks.every((t) => t.readyState === 'live'), 'local tracks live');
      const aLink = link(a);
      for (const event of ['match:found', 'signal:receive', 'partner:left', 'chat:message'] as const) {
        equal(aLink.listenerCount(event), 1, `one ${event} listener`);
      }
      for (const event of ['match', 'state', 'remoteStream', 'partnerLeft'] as const) {
        equal(a.listenerCount(event), 0, `no leftover ${event} listeners`);
      }
    } finally {
      window.RTCPeerConnection = Native;
    }
  });

  it('relay policy is applied; a connection that cannot be made is ICE-restarted, then reported as peer-failed', async () => {
    // 'relay' with no TURN server: nothing can connect, which exercises the whole recovery path.
    const options: Partial<NovuClientOptions> = {
      iceTransportPolicy: 'relay',
      iceServers: [],
      peerTimings: { connectMs: 1_500, disconnectedMs: 500, maxRestarts: 1 },
    };
    const { a, b } = await matchedPair(options);
    const restarts = new Map<NovuClient, number>();
    for (const client of [a, b]) {
      const pc = peerConnection(client);
      equal(pc.getConfiguration().iceTransportPolicy, 'relay', 'relay policy applied');
      restarts.set(client, 0);
      const restartIce = pc.restartIce.bind(pc);
      pc.restartIce = () => {
        restarts.set(client, (restarts.get(client) ?? 0) + 1);
        restartIce();
      };
    }
    const errors: string[] = [];
    a.on('error', (e) => errors.push(e.code));
    b.on('error', (e) => errors.push(e.code));
    const reasons = await Promise.all([waitFor(a, 'partnerLeft'), waitFor(b, 'partnerLeft')]);
    const all = reasons.map((r) => r.reason).sort();
    assert(all.includes('peer-failed'), `one side gave up on the connection (${all})`);
    assert(all.every((r) => r === 'peer-failed' || r === 'left'), `the other was told (${all})`);
    assert(errors.includes('peer_failed'), 'a peer_failed error');
    assert((restarts.get(a) ?? 0) + (restarts.get(b) ?? 0) >= 1, 'an ICE restart was tried first');
    equal(a.state, 'partner-left', 'a in partner-left');
    equal(b.state, 'partner-left', 'b in partner-left');
  });

  it('rejects with media_unavailable when the constraints cannot be met, and the client can continue in text mode', async () => {
    const a = await makeClient({ media: { video: { deviceId: { exact: 'no-such-camera' } } } });
    const errors: NovuError[] = [];
    a.on('error', (e) => errors.push(e));
    let failure: unknown;
    try {
      await a.start();
    } catch (error) {
      failure = error;
    }
    assert(failure instanceof NovuError, 'a NovuError');
    equal(failure.code, 'media_unavailable', 'code');
    equal(a.state, 'idle', 'back to idle');
    equal(errors[0], failure, 'error event');
    await a.start({ mode: 'text' });
    await waitForState(a, 'searching');
  });
});
