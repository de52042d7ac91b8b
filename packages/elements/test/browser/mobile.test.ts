// Phones: the on-screen keyboard (emulated by shrinking the viewport) and narrow screens (320 px).
import { sendMouse, setViewport } from '@web/test-runner-commands';
import '../../dist/index.js';
import type { NovuChat } from '../../dist/index.js';
import { $1, $$, assert, makeChat, matchedPair, nextEvent, removeAll, shadow, until } from './helpers.ts';

const initial = { width: window.innerWidth, height: window.innerHeight };

afterEach(async () => {
  removeAll();
  document.body.style.margin = '';
  await setViewport(initial);
});

/** Whether `rect` lies fully inside the visual viewport (layout-viewport coordinates). */
function inVisualViewport(rect: DOMRect): boolean {
  const vv = window.visualViewport;
  assert(vv, 'a visual viewport');
  return (
    rect.width > 0 &&
    rect.height > 0 &&
    rect.top >= vv.offsetTop - 0.5 &&
    rect.left >= vv.offsetLeft - 0.5 &&
    rect.bottom <= vv.offsetTop + vv.height + 0.5 &&
    rect.right <= vv.offsetLeft + vv.width + 0.5
  );
}

const describeRect = (r: DOMRect): string => `${Math.round(r.left)},${Math.round(r.top)} → ${Math.round(r.right)},${Math.round(r.bottom)}`;

/** What sticks out of the host at the inline end, or makes it (or the page) scroll sideways. */
function horizontalOverflow(el: NovuChat): string[] {
  const out: string[] = [];
  if (el.scrollWidth > el.clientWidth) out.push(`host scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
  if (document.documentElement.scrollWidth > document.documentElement.clientWidth) out.push('the page scrolls sideways');
  const host = el.getBoundingClientRect();
  for (const node of $$(el, '*')) {
    const r = node.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || node.closest('.sr-only, dialog:not([open])')) continue;
    if (r.left < host.left - 0.5 || r.right > host.right + 0.5) out.push(`${node.localName}.${node.className} ${describeRect(r)}`);
  }
  return out;
}

describe('mobile keyboard', () => {
  it('375 px: the composer stays in the visual viewport when the keyboard opens, and send still works', async () => {
    await setViewport({ width: 375, height: 812 });
    document.body.style.margin = '0';
    const { a, b } = await matchedPair({ mode: 'text' });
    b.hidden = true; // the partner, off screen
    // A site-set height taller than what stays visible above the keyboard.
    Object.assign(a.style, { width: '', height: '700px' });
    await a.updateComplete;

    const input = $1<HTMLInputElement>(a, '[part~="message-input"]');
    input.focus();
    await a.updateComplete;
    assert(shadow(a).activeElement === input, 'composer focused');
    // The keyboard opens: 392 px of the 812 are covered.
    await setViewport({ width: 375, height: 420 });
    const composer = $1(a, '[part~="composer"]');
    await until(() => inVisualViewport(composer.getBoundingClientRect()), 5_000, 'composer inside the visual viewport');
    assert(a.getBoundingClientRect().height <= (window.visualViewport?.height ?? 0) + 0.5, `element capped to the visible height (${a.getBoundingClientRect().height} px)`);
    assert(inVisualViewport(input.getBoundingClientRect()), 'message input visible');

    // Typing enables send; a real click on it (where it is drawn) sends, and the input keeps the focus.
    input.value = 'typed above the keyboard';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await a.updateComplete;
    const send = $1(a, '[part~="send-button"]');
    const r = send.getBoundingClientRect();
    assert(inVisualViewport(r), `send button visible (${describeRect(r)})`);
    const x = Math.round(r.left + r.width / 2);
    const y = Math.round(r.top + r.height / 2);
    assert(send.contains(shadow(a).elementFromPoint(x, y)), 'nothing covers the send button');
    const received = nextEvent(b, 'novu-message', (d) => d.from === 'partner');
    await sendMouse({ type: 'click', position: [x, y] });
    const { detail } = await received;
    assert(detail.text === 'typed above the keyboard', `received ${detail.text}`);
    assert(shadow(a).activeElement === input, 'the input keeps the focus (keyboard stays open)');
    assert(inVisualViewport(composer.getBoundingClientRect()), 'composer still visible after sending');

    // The keyboard closes with the focus: the site's height again.
    input.blur();
    await setViewport({ width: 375, height: 812 });
    await until(() => Math.abs(a.getBoundingClientRect().height - 700) < 1, 5_000, 'full height again');
  });

  it('video call, stacked layouts: the composer stays visible with the keyboard open', async () => {
    await setViewport({ width: 375, height: 812 });
    document.body.style.margin = '0';
    const { a, b } = await matchedPair();
    b.hidden = true;
    Object.assign(a.style, { width: '', height: '' }); // the default size: min(720px, 100dvh)
    for (const layout of ['split', 'video', 'chat'] as const) {
      a.layout = layout;
      await a.updateComplete;
      await setViewport({ width: 375, height: 812 });
      const input = $1<HTMLInputElement>(a, '[part~="message-input"]');
      input.focus();
      await a.updateComplete;
      await setViewport({ width: 375, height: 420 });
      for (const part of ['message-input', 'send-button']) {
        const target = $1(a, `[part~="${part}"]`);
        await until(() => inVisualViewport(target.getBoundingClientRect()), 5_000, `${layout}: ${part} inside the visual viewport (${describeRect(target.getBoundingClientRect())})`);
      }
      input.blur();
    }
  });
});

describe('320 px wide', () => {
  it('nothing overflows sideways: start screen, text chat and video call', async () => {
    await setViewport({ width: 320, height: 640 });
    document.body.style.margin = '0';
    const solo = await makeChat({ interests: ['music', 'a rather long interest name'] });
    Object.assign(solo.style, { width: '', height: '' });
    await solo.updateComplete;
    assert(Math.round(solo.getBoundingClientRect().width) === 320, `host is 320 px wide (${solo.getBoundingClientRect().width})`);
    const landing = horizontalOverflow(solo);
    assert(landing.length === 0, `start screen: ${landing.join('; ')}`);
    solo.remove();

    for (const mode of ['text', 'video'] as const) {
      const { a, b } = await matchedPair({ mode });
      b.hidden = true;
      Object.assign(a.style, { width: '', height: '' });
      await a.send('a message long enough to wrap over several lines of a narrow phone screen');
      await a.updateComplete;
      const overflow = horizontalOverflow(a);
      assert(overflow.length === 0, `${mode} call: ${overflow.join('; ')}`);
      removeAll();
    }
  });
});
