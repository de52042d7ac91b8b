// Two <novu-chat> elements matched through the real server: UI, events, video, controls, cleanup.
import '../../dist/index.js';
import type { NovuChat } from '../../dist/index.js';
import {
  $,
  $1,
  $$,
  assert,
  clickPart,
  clientOf,
  deepEqual,
  equal,
  framesDecoded,
  makeChat,
  matchedPair,
  nextEvent,
  removeAll,
  sleep,
  typeAndSend,
  until,
  waitForState,
} from './helpers.ts';

afterEach(removeAll);

const bubbles = (el: NovuChat, from: string): string[] => $$(el, `.msg.${from} .bubble`).map((b) => b.textContent ?? '');

describe('text chat between two elements', () => {
  it('matches, shows common interests, crosses messages both ways with events', async () => {
    const { a, b, interest, matchA } = await matchedPair({ mode: 'text' });
    deepEqual(matchA, { commonInterests: [interest], mode: 'text' }, 'novu-match detail');
    equal(a.state, 'matched', 'state');
    assert($1(a, '[part~="common-interests"]').textContent!.includes(interest), 'common interests shown');
    equal($(a, '[part~="remote-video"]'), null, 'no video in text mode');

    const received = nextEvent(b, 'novu-message', (d) => d.from === 'partner');
    const sent = nextEvent(a, 'novu-message', (d) => d.from === 'me');
    await typeAndSend(a, '  hello from a  ');
    const [r, s] = await Promise.all([received, sent]);
    equal(r.detail.text, 'hello from a', 'received text');
    equal(s.detail.text, 'hello from a', 'sent text');
    equal(r.detail.id, s.detail.id, 'same id');
    assert(typeof r.detail.ts === 'number', 'timestamp');
    await b.updateComplete;
    deepEqual(bubbles(b, 'partner'), ['hello from a'], 'shown on b');
    deepEqual(bubbles(a, 'me'), ['hello from a'], 'shown on a');
    equal($1<HTMLInputElement>(a, '[part~="message-input"]').value, '', 'input cleared');

    await b.send('and back');
    await until(() => bubbles(a, 'partner').includes('and back'), 10_000, 'reply on a');
    const log = $1(a, '[part~="message-list"]');
    equal(log.getAttribute('role'), 'log', 'a log');
    equal(log.getAttribute('aria-live'), 'polite', 'announced');
  });

  it('renders messages as text, never as HTML', async () => {
    const { a, b } = await matchedPair({ mode: 'text' });
    const page = window as Window & { __xss?: number };
    page.__xss = 0;
    const evil = '<img src=x onerror="window.__xss++"><script>window.__xss++</script><b>bold</b>';
    await a.send(evil);
    await until(() => bubbles(b, 'partner').length === 1, 10_000, 'message');
    await sleep(200);
    equal(bubbles(b, 'partner')[0], evil, 'shown literally');
    equal($$(b, '.messages img, .messages script, .messages b').length, 0, 'no elements created');
    equal(page.__xss, 0, 'nothing ran');
  });

  it('shows the typing indicator while the partner types', async () => {
    const { a, b } = await matchedPair({ mode: 'text' });
    const input = $1<HTMLInputElement>(a, '[part~="message-input"]');
    input.value = 'hel';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await until(() => $(b, '.typing.shown'), 10_000, 'typing shown');
    assert($1(b, '[part~="typing-indicator"]').textContent!.includes('typing'), 'text');
    input.value = '';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await until(() => !$(b, '.typing.shown'), 10_000, 'typing cleared');
  });

  it('next: the partner sees "left" and one tap finds someone new', async () => {
    const { a, b } = await matchedPair({ mode: 'text' });
    const left = nextEvent(b, 'novu-partner-left');
    await clickPart(a, 'next-button');
    equal((await left).detail.reason, 'skipped', 'reason');
    await b.updateComplete;
    equal(b.state, 'partner-left', 'b state');
    assert($1(b, '[part~="partner-left"]').textContent!.includes('moved on'), 'explained');
    assert($1<HTMLInputElement>(b, '[part~="message-input"]').disabled, 'input disabled');
    // a is searching again with the same interest: b's one tap pairs them again.
    const again = Promise.all([nextEvent(a, 'novu-match'), nextEvent(b, 'novu-match')]);
    await clickPart(b, 'find-next-button');
    await again;
    equal(a.state, 'matched', 'a matched again');
    equal(bubbles(b, 'me').length + bubbles(b, 'partner').length, 0, 'a fresh conversation');
  });

  it('Escape twice skips (once only arms it); Escape once after the partner left', async () => {
    const { a, b } = await matchedPair({ mode: 'text' });
    const esc = () => $1(a, '[part~="message-input"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true }));
    esc();
    await a.updateComplete;
    equal(a.state, 'matched', 'one Escape does not skip');
    assert($1(a, '[part~="next-button"]').textContent!.includes('Esc again'), 'asks to confirm');
    const left = nextEvent(b, 'novu-partner-left');
    esc();
    await left;
    await waitForState(b, 'partner-left');
    const searching = nextEvent(b, 'novu-state-change', (d) => d.state === 'searching');
    $1(b, '[part~="find-next-button"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await searching;
  });

  it('stop in a call hangs up and returns to the landing view; the partner is told', async () => {
    const { a, b } = await matchedPair({ mode: 'text' });
    const left = nextEvent(b, 'novu-partner-left');
    await clickPart(a, 'stop-button');
    equal((await left).detail.reason, 'left', 'reason');
    await waitForState(a, 'idle');
    await a.updateComplete;
    assert($(a, '[part~="start-button"]'), 'landing again');
  });

  it('cancel while searching returns to idle', async () => {
    const a = await makeChat({ mode: 'text', interests: ['nobody-else-' + Date.now()] });
    await a.start();
    equal(a.state, 'searching', 'searching');
    await a.updateComplete;
    assert($(a, '[part~="searching"] [role="progressbar"]'), 'progress shown');
    await until(() => $(a, '[part~="online-count"]'), 5_000, 'online count');
    await clickPart(a, 'stop-button');
    await waitForState(a, 'idle');
  });

  it('re-assigning equal values restarts nothing; a new server starts over', async () => {
    const a = await makeChat({ mode: 'text', interests: ['solo-' + Date.now()] });
    await a.start();
    const client = a.client;
    const changes: string[] = [];
    a.addEventListener('novu-state-change', (e) => changes.push(e.detail.state));
    a.server = `${a.server}`;
    a.interests = [...a.interests];
    a.clientOptions = { ...a.clientOptions };
    a.mode = 'text';
    await a.updateComplete;
    await sleep(300);
    equal(a.client, client, 'same client');
    deepEqual(changes, [], 'no state change');
    a.server = a.server.replace('127.0.0.1', 'localhost');
    await a.updateComplete;
    await waitForState(a, 'searching');
    assert(a.client !== client, 'a new client for the new server');
    equal(client?.state, 'idle', 'the old one stopped');
  });
});

describe('video chat between two elements', () => {
  it('each sees the other: remote video decoded and playing, local picture-in-picture', async () => {
    const { a, b } = await matchedPair({ mode: 'video' });
    for (const el of [a, b]) {
      await until(async () => (await framesDecoded(el)) > 5, 20_000, 'frames decoded');
      const remote = $1<HTMLVideoElement>(el, '[part~="remote-video"]');
      await until(() => remote.videoWidth > 0 && remote.currentTime > 0.2, 20_000, 'remote video playing');
      const local = $1<HTMLVideoElement>(el, '[part~="local-video"]');
      assert(local.muted, 'local preview muted');
      assert(local.srcObject === clientOf(el).localStream, 'local stream shown');
    }
  });

  it('mute, camera off, switch camera and layout controls', async () => {
    const { a } = await matchedPair({ mode: 'video' });
    const stream = (): MediaStream => {
      const local = clientOf(a).localStream;
      assert(local, 'a local stream');
      return local;
    };
    const audio = (): MediaStreamTrack | undefined => stream().getAudioTracks()[0];
    const video = (): MediaStreamTrack | undefined => stream().getVideoTracks()[0];
    await clickPart(a, 'mute-button');
    equal(audio()?.enabled, false, 'muted');
    equal($1(a, '[part~="mute-button"]').getAttribute('aria-pressed'), 'true', 'pressed');
    equal($1(a, '[part~="mute-button"]').getAttribute('aria-label'), 'Unmute microphone', 'label follows');
    await clickPart(a, 'mute-button');
    equal(audio()?.enabled, true, 'unmuted');
    await clickPart(a, 'camera-button');
    equal(video()?.enabled, false, 'camera off');
    await clickPart(a, 'camera-button');

    await until(() => $(a, '[part~="switch-camera-button"]'), 5_000, 'switch camera offered (3 fake cameras)');
    const before = video()?.getSettings().deviceId;
    await clickPart(a, 'switch-camera-button');
    await until(() => video()?.getSettings().deviceId !== before, 10_000, 'camera switched');

    equal(a.layout, 'split', 'split');
    await clickPart(a, 'layout-button');
    equal(a.getAttribute('layout'), 'video', 'video focus');
    assert($(a, '.call.layout-video'), 'rendered');
    await clickPart(a, 'layout-button');
    equal(a.layout, 'chat', 'chat focus');
    await clickPart(a, 'layout-button');
    equal(a.layout, 'split', 'back to split');
  });

  it('removing the element hangs up, leaves the room and stops the camera', async () => {
    const { a, b } = await matchedPair({ mode: 'video' });
    const client = clientOf(a);
    const tracks = client.localStream?.getTracks() ?? [];
    assert(tracks.length === 2, 'camera and microphone');
    const left = nextEvent(b, 'novu-partner-left');
    a.remove();
    equal((await left).detail.reason, 'left', 'partner told');
    assert(tracks.every((t) => t.readyState === 'ended'), 'camera and microphone stopped');
    equal(client.state, 'idle', 'client stopped');
    equal(a.client, null, 'client released');
  });

  it('moving the element within the page keeps the call', async () => {
    const { a } = await matchedPair({ mode: 'text' });
    const box = document.createElement('div');
    document.body.append(box);
    box.append(a);
    await sleep(100);
    equal(a.state, 'matched', 'still matched');
    box.remove();
  });
});
