// Safety in <novu-chat>: report and block from the interface (the keyboard-operable reason dialog),
// relay-only, the terms checkbox, captcha failures and the refusal notices (banned, site setup,
// rate limited), against real servers (extra ones with other settings via executeServerCommand).
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { debugClient, type NovuClient } from '@novu-chat/sdk';
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
  makeChat,
  matchedPair,
  nextEvent,
  removeAll,
  shadow,
  sleep,
  uniqueInterest,
  until,
  waitForState,
} from './helpers.ts';

const extraServers: string[] = [];
/** A server of its own with `options` (and an accepted captcha token) on top of the test settings. */
async function extraServer(options: Record<string, unknown> = {}, captcha?: string): Promise<string> {
  const url = await executeServerCommand<string, { options: Record<string, unknown>; captcha?: string | undefined }>('novu-server-start', { options, captcha });
  extraServers.push(url);
  return url;
}

afterEach(async () => {
  removeAll();
  while (extraServers.length) await executeServerCommand('novu-server-stop', { url: extraServers.pop() });
});

/** Neither element gets a match within `ms`. */
async function noMatch(elements: NovuChat[], ms = 1_500): Promise<void> {
  let matched = 0;
  const on = () => matched++;
  for (const el of elements) el.addEventListener('novu-match', on);
  await sleep(ms);
  for (const el of elements) el.removeEventListener('novu-match', on);
  equal(matched, 0, 'no match');
}

/** A third element with the interest meets whichever of the two is searching, never them together. */
async function thirdMeetsOne(interest: string, mode: NovuChat['mode'], a: NovuChat, b: NovuChat): Promise<void> {
  const c = await makeChat({ interests: [interest], mode });
  const met = nextEvent(c, 'novu-match');
  await c.start();
  await met;
  await until(() => [a, b].filter((el) => el.state === 'matched').length === 1, 10_000, 'one of the two matched with the third');
  assert([a, b].some((el) => el.state === 'searching'), 'the other still searching');
}

const dialog = (el: NovuChat): HTMLDialogElement => $1<HTMLDialogElement>(el, '[part~="report-dialog"]');
const focused = (el: NovuChat): Element | null => shadow(el).activeElement;

/** The RTCPeerConnection the SDK client made, through the SDK's documented test hook. */
const peerConnection = (el: NovuChat): RTCPeerConnection | undefined => {
  const client = clientOf(el);
  return (client && debugClient(client as NovuClient).peerConnection) ?? undefined;
};

describe('report and block from the interface', () => {
  it('report: a reason from the dialog drops the partner at once, thanks, searches; the two never meet again', async () => {
    const { a, b, interest } = await matchedPair({ mode: 'video' });
    await until(() => clientOf(a).remoteStream, 20_000, 'remote video');
    await a.updateComplete;
    const button = $1(a, '[part~="report-button"]');
    equal(button.getAttribute('aria-haspopup'), 'dialog', 'announced as opening a dialog');
    equal(button.getAttribute('aria-label'), 'Report or block', 'named');
    assert(button.getBoundingClientRect().height >= 44 && button.getBoundingClientRect().width >= 44, '44 px target');
    await clickPart(a, 'report-button');
    assert(dialog(a).open, 'dialog open');
    equal(dialog(a).getAttribute('aria-labelledby'), 'report-title', 'labelled');
    deepEqual(
      $$<HTMLButtonElement>(a, '[part~="report-reason"]').map((r) => [r.value, r.textContent!.trim()]),
      [['nudity', 'Nudity'], ['harassment', 'Harassment'], ['spam', 'Spam or scam'], ['underage', 'Under 18'], ['other', 'Something else']],
      'the five reasons',
    );
    const reported = nextEvent(document, 'novu-report'); // caught on the document: it bubbles out
    const left = nextEvent(b, 'novu-partner-left');
    $1(a, '[part~="report-reason"][value="nudity"]').click();
    const event = await reported;
    deepEqual(event.detail, { reason: 'nudity' }, 'novu-report detail');
    assert(event.bubbles && event.composed, 'bubbles and composed');
    equal(a.state, 'searching', 'searching at once');
    await a.updateComplete;
    equal($(a, '[part~="remote-video"]'), null, 'the partner video is gone at once');
    equal($1(a, '[part~="safety-note"]').textContent, 'Thanks — you won’t be matched with them again.', 'a calm note');
    equal((await left).detail.reason, 'skipped', 'the partner sees an ordinary skip');

    await clickPart(b, 'find-next-button');
    await waitForState(b, 'searching');
    await noMatch([a, b]);
    await thirdMeetsOne(interest, 'video', a, b);
    equal($(a, '[part~="safety-note"]') !== null, a.state === 'searching', 'the note goes with the next match');
  });

  it('block: also offered after the partner left; drops them and searches; never matched again', async () => {
    const { a, b, interest } = await matchedPair({ mode: 'text' });
    const left = nextEvent(a, 'novu-partner-left');
    await clickPart(b, 'next-button'); // b skips first and searches again on the same interest
    await left;
    await a.updateComplete;
    assert($(a, '[part~="report-button"]'), 'report/block offered in partner-left');
    await clickPart(a, 'report-button');
    const blocked = nextEvent(a, 'novu-block');
    $1(a, '[part~="block-button"]').click();
    deepEqual((await blocked).detail, {}, 'novu-block detail');
    equal(a.state, 'searching', 'searching');
    await a.updateComplete;
    assert($(a, '[part~="safety-note"]'), 'note shown');
    await noMatch([a, b]);
    await thirdMeetsOne(interest, 'text', a, b);
  });

  it('the reason dialog works with the keyboard: focus in, trapped, Escape closes and returns focus', async () => {
    const { a } = await matchedPair({ mode: 'text' });
    const button = $1(a, '[part~="report-button"]');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dialog(a).open, 2_000, 'dialog opened by Enter');
    const reasons = $$(a, '[part~="report-reason"]');
    equal(focused(a), reasons[0], 'focus moves to the first reason');
    const all = [...dialog(a).querySelectorAll('button')];
    equal(all.length, 7, 'five reasons, block, cancel');
    for (let i = 1; i < all.length; i++) {
      await sendKeys({ press: 'Tab' });
      equal(focused(a), all[i], `Tab ${i}`);
    }
    await sendKeys({ press: 'Tab' });
    equal(focused(a), all[0], 'Tab wraps to the first');
    await sendKeys({ press: 'Shift+Tab' });
    equal(focused(a), all[all.length - 1], 'Shift+Tab wraps to the last');

    await sendKeys({ press: 'Escape' });
    await until(() => !dialog(a).open, 2_000, 'Escape closes');
    await a.updateComplete;
    equal(a.state, 'matched', 'still matched');
    assert(!$1(a, '[part~="next-button"]').textContent!.includes('Esc again'), 'Escape in the dialog does not arm "next"');
    equal(focused(a), button, 'focus back on the report button');

    await sendKeys({ press: 'Enter' });
    await until(() => dialog(a).open, 2_000, 'open again');
    const reported = nextEvent(a, 'novu-report');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    equal((await reported).detail.reason, 'harassment', 'the second reason, chosen with Tab and Enter');
    await waitForState(a, 'searching');
    await until(() => focused(a) === $(a, '[part~="cancel-button"]'), 2_000, 'focus on the searching view');
  });

  it('report is not offered while searching', async () => {
    const a = await makeChat({ mode: 'text', interests: [uniqueInterest()] });
    await a.start();
    await a.updateComplete;
    equal($(a, '[part~="report-button"]'), null, 'no report button');
    let failure: { code?: string } | undefined;
    try {
      await a.report('spam');
    } catch (error) {
      failure = error as { code?: string };
    }
    equal(failure?.code, 'invalid_state', 'report() rejects without a partner');
  });
});

describe('<novu-chat> relay-only', () => {
  it('maps to the SDK iceTransportPolicy "relay" (and reflects)', async () => {
    const interest = uniqueInterest();
    const a = await makeChat({ interests: [interest] }, { 'relay-only': '' });
    const b = await makeChat({ interests: [interest] });
    equal(a.relayOnly, true, 'attribute to property');
    equal(b.relayOnly, false, 'off by default');
    const matched = Promise.all([nextEvent(a, 'novu-match'), nextEvent(b, 'novu-match')]);
    await a.start();
    await b.start();
    await matched;
    // The SDK keeps its options private: read the RTCPeerConnection it made.
    await until(() => peerConnection(a) && peerConnection(b), 10_000, 'peer connections');
    equal(peerConnection(a)?.getConfiguration().iceTransportPolicy, 'relay', 'relay only');
    equal(peerConnection(b)?.getConfiguration().iceTransportPolicy, 'all', 'all candidates without it');
    b.relayOnly = true;
    await b.updateComplete;
    equal(b.getAttribute('relay-only'), '', 'reflects');
  });
});

describe('server refusals shown by <novu-chat>', () => {
  it('terms_required: a required checkbox on the start screen; checking it accepts and connects', async () => {
    const url = await extraServer({ requireTerms: true });
    const el = await makeChat({ server: url, mode: 'text', interests: [uniqueInterest()] });
    equal($(el, '[part~="terms-accept"]'), null, 'no checkbox until the server asks');
    const refused = nextEvent(el, 'novu-error', (d) => d.code === 'terms_required');
    await el.start();
    await refused;
    await el.updateComplete;
    const box = await until(() => $<HTMLInputElement>(el, '[part~="terms-accept"] input[type="checkbox"]'), 2_000, 'checkbox');
    assert(box.required, 'required');
    assert($1(el, '[part~="terms-accept"]').textContent!.includes('I am 18 or older and accept the terms'), 'labelled');
    assert($(el, '[part~="start-button"]'), 'the start screen, not an error');
    await until(() => focused(el) === box, 2_000, 'focus on the checkbox');
    await clickPart(el, 'start-button');
    equal(el.state, 'error', 'Start alone does not retry');
    box.click();
    await waitForState(el, 'searching');
    equal(el.termsAccepted, true, 'accepted');
    equal(el.getAttribute('terms-accepted'), '', 'reflects');
    await el.updateComplete;
    equal($(el, '[part~="terms-accept"]'), null, 'checkbox gone');

    const pre = await makeChat({ server: url, mode: 'text', interests: [uniqueInterest()] }, { 'terms-accepted': '' });
    await pre.start();
    equal(pre.state, 'searching', 'terms-accepted connects at once');
  });

  it('captcha_failed: an error and novu-error; a fresh captchaToken then connects', async () => {
    const url = await extraServer({}, 'good-token');
    const el = await makeChat({ server: url, mode: 'text', interests: [uniqueInterest()], captchaToken: 'stale' });
    const refused = nextEvent(el, 'novu-error', (d) => d.code === 'captcha_failed');
    await el.start();
    await refused;
    await el.updateComplete;
    assert($1(el, '[part~="notice"]').textContent!.includes('bot check failed'), 'explained');
    el.captchaToken = async () => 'good-token';
    await clickPart(el, 'retry-button');
    await waitForState(el, 'searching');
  });

  it('banned (reported past the threshold): "temporarily banned, try again in N minutes", localized', async () => {
    const url = await extraServer({ reportBanThreshold: 1, banDurationMs: 5 * 60_000 });
    const { a, b } = await matchedPair({ server: url, mode: 'text' });
    b.setAttribute('lang', 'es');
    const banned = nextEvent(b, 'novu-error', (d) => d.code === 'banned');
    // The ban covers 127.0.0.1, the reporter's address too: the server drops both at once, and
    // the report's answer may never come.
    a.report('spam').catch(() => undefined);
    const { detail } = await banned;
    const retryAfterMs = detail.retryAfterMs ?? 0;
    assert(retryAfterMs > 4 * 60_000 && retryAfterMs <= 5 * 60_000, `retryAfterMs ${detail.retryAfterMs}`);
    await waitForState(b, 'error');
    await b.updateComplete;
    equal($1(b, '[part~="notice"] .lead').textContent, 'Estás bloqueado temporalmente. Vuelve a intentarlo dentro de 5 minutos.', 'Spanish');
    await waitForState(a, 'error');
    await a.updateComplete;
    equal($1(a, '[part~="notice"] .lead').textContent, 'You’re temporarily banned. Try again in 5 minutes.', 'English');
  });

  it('origin_not_allowed: a setup error for the site owner, no retry', async () => {
    const url = await extraServer({ allowedOrigins: ['https://elsewhere.example'] });
    const el = await makeChat({ server: url, mode: 'text' });
    const refused = nextEvent(el, 'novu-error', (d) => d.code === 'origin_not_allowed');
    await el.start();
    await refused;
    await el.updateComplete;
    assert($1(el, '[part~="notice"]').textContent!.includes('For the site owner'), 'aimed at the owner');
    equal($(el, '[part~="retry-button"]'), null, 'no retry for the visitor');
  });

  it('rate_limited at connect: try again shortly', async () => {
    const url = await extraServer({ rateLimitConnections: 1 });
    const first = await makeChat({ server: url, mode: 'text', interests: [uniqueInterest()] });
    await first.start();
    const el = await makeChat({ server: url, mode: 'text' });
    const refused = nextEvent(el, 'novu-error', (d) => d.code === 'rate_limited');
    await el.start();
    await refused;
    await el.updateComplete;
    assert($1(el, '[part~="notice"]').textContent!.includes('Try again in a moment'), 'explained');
  });
});
