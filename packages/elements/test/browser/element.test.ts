// <novu-chat> on its own: API, attributes, i18n, theme, landing interactions, accessibility.
import { NovuChat, parseInterests } from '../../dist/index.js';
import { $, $1, $$, assert, clickPart, deepEqual, equal, makeChat, nextEvent, removeAll, serverUrl } from './helpers.ts';

afterEach(removeAll);

describe('<novu-chat> on its own: API, attributes, landing view', () => {
  it('registers the tag; importing twice is harmless', async () => {
    equal(customElements.get('novu-chat'), NovuChat, 'defined');
    await import('../../dist/define.js');
    assert(document.createElement('novu-chat') instanceof NovuChat, 'an instance');
  });

  it('has defaults and reflects its attributes', async () => {
    const el = await makeChat();
    equal(el.mode, 'video', 'mode');
    equal(el.layout, 'split', 'layout');
    equal(el.theme, 'auto', 'theme');
    equal(el.autostart, false, 'autostart');
    equal(el.state, 'idle', 'state');
    equal(el.client, null, 'no client before start');
    el.mode = 'text';
    el.layout = 'chat';
    el.theme = 'dark';
    el.siteKey = 'site-1';
    await el.updateComplete;
    equal(el.getAttribute('mode'), 'text', 'mode reflects');
    equal(el.getAttribute('layout'), 'chat', 'layout reflects');
    equal(el.getAttribute('theme'), 'dark', 'theme reflects');
    equal(el.getAttribute('site-key'), 'site-1', 'site-key reflects');
    equal(el.getAttribute('server'), await serverUrl(), 'server reflects');
    el.setAttribute('mode', 'video');
    equal(el.mode, 'video', 'attribute to property');
  });

  it('accepts interests as an array or an attribute, "a,b" or "a, b"', async () => {
    const el = await makeChat();
    el.setAttribute('interests', 'music,games');
    deepEqual(el.interests, ['music', 'games'], 'a,b');
    el.setAttribute('interests', ' music ,  board   games, Music, ,');
    deepEqual(el.interests, ['music', 'board games'], 'trimmed, deduplicated');
    el.interests = ['films', 'books'];
    deepEqual(el.interests, ['films', 'books'], 'array');
    el.interests = 'a, b';
    deepEqual(el.interests, ['a', 'b'], 'string property');
    const before = el.interests;
    el.interests = ['a', 'b'];
    equal(el.interests, before, 'an equal list keeps the same array (no update)');
    deepEqual(parseInterests(Array.from({ length: 20 }, (_, i) => `i${i}`)).length, 10, 'at most 10');
    deepEqual(parseInterests('x'.repeat(50))[0]?.length, 32, '32 characters');
  });

  it('renders the landing view with chips, mode choice and the terms notice', async () => {
    const el = await makeChat({ interests: ['music'] });
    const start = $(el, '[part~="start-button"]');
    assert(start && start.textContent!.includes('Start video chat'), 'start button');
    deepEqual($$(el, '.chip .chip-text').map((c) => c.textContent), ['music'], 'chip from the property');
    assert($1(el, '[part~="terms"]').textContent!.includes('18'), 'terms notice');

    const input = $1<HTMLInputElement>(el, '#interest-input');
    input.value = 'games';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await el.updateComplete;
    deepEqual(el.interests, ['music', 'games'], 'Enter adds a chip');
    input.value = 'films, travel,';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await el.updateComplete;
    deepEqual(el.interests, ['music', 'games', 'films', 'travel'], 'pasted list');
    equal(input.value, '', 'input emptied');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Backspace', bubbles: true }));
    await el.updateComplete;
    deepEqual(el.interests, ['music', 'games', 'films'], 'Backspace removes the last chip');
    $1(el, '.chip button[aria-label="Remove games"]').click();
    await el.updateComplete;
    deepEqual(el.interests, ['music', 'films'], 'the chip button removes it');

    const text = $1(el, 'input[name="mode"][value="text"]');
    text.click();
    await el.updateComplete;
    equal(el.mode, 'text', 'mode chosen in the UI');
    assert($1(el, '[part~="start-button"]').textContent!.includes('Start text chat'), 'button follows the mode');
  });

  it('labels every control and uses a live log for messages', async () => {
    const el = await makeChat();
    for (const button of $$(el, 'button')) {
      const name = button.getAttribute('aria-label') || button.textContent!.trim();
      assert(name.length > 0, `button ${button.outerHTML.slice(0, 80)} has a name`);
    }
    assert($(el, 'label[for="interest-input"]'), 'the interests input is labelled');
    assert($(el, '[role="status"][aria-live="polite"]'), 'an announcement region');
  });

  it('speaks Spanish with lang="es" and takes string overrides', async () => {
    const el = await makeChat({}, { lang: 'es' });
    assert($1(el, '[part~="start-button"]').textContent!.includes('Empezar videochat'), 'Spanish');
    el.strings = { startVideo: 'Go!', terms: 'Custom terms' };
    await el.updateComplete;
    assert($1(el, '[part~="start-button"]').textContent!.includes('Go!'), 'override');
    assert($1(el, '[part~="terms"]').textContent!.includes('Custom terms'), 'terms override');
    el.setAttribute('lang', 'en');
    el.strings = null;
    await el.updateComplete;
    assert($1(el, '[part~="start-button"]').textContent!.includes('Start video chat'), 'back to English');
  });

  it('uses the owner theme until the visitor toggles it; the choice is kept', async () => {
    const el = await makeChat({ theme: 'dark' });
    equal(el.getAttribute('data-theme'), 'dark', 'owner default');
    await clickPart(el, 'theme-button');
    equal(el.getAttribute('data-theme'), 'light', 'toggled');
    equal(localStorage.getItem('novu-chat:theme'), 'light', 'persisted');
    el.remove();
    const again = await makeChat({ theme: 'dark' });
    equal(again.getAttribute('data-theme'), 'light', 'the visitor choice wins over the attribute');
    localStorage.clear();
    const light = await makeChat({ theme: 'light' });
    equal(light.getAttribute('data-theme'), 'light', 'light');
    equal(getComputedStyle(light).getPropertyValue('--novu-font').includes('system-ui'), true, 'system fonts');
  });

  it('explains a missing server and reports it', async () => {
    const el = document.createElement('novu-chat');
    document.body.append(el);
    const error = nextEvent(el, 'novu-error');
    await el.start();
    equal((await error).detail.code, 'invalid_state', 'error code');
    await el.updateComplete;
    assert($1(el, '[part~="notice"]').textContent!.includes('server address'), 'notice');
    el.remove();
  });

  it('reports connection failures, then lets the visitor retry', async () => {
    const el = await makeChat({ server: 'http://127.0.0.1:9', mode: 'text' });
    el.clientOptions = { ...el.clientOptions, reconnectionAttempts: 1, requestTimeoutMs: 2_000 };
    const error = nextEvent(el, 'novu-error', (d) => d.code === 'connection_failed');
    await el.start();
    await error;
    await el.updateComplete;
    equal(el.state, 'error', 'error state');
    assert($1(el, '[part~="notice"]').textContent!.includes('could not reach'), 'explained');
    assert($(el, '[part~="retry-button"]'), 'retry offered');
  });

  it('dispatches bubbling, composed events', async () => {
    const el = await makeChat({ mode: 'text' });
    const wrapper = document.createElement('div');
    document.body.append(wrapper);
    wrapper.attachShadow({ mode: 'open' }).append(el);
    const seen = nextEvent(document, 'novu-state-change'); // the first one, caught on the document
    await el.start();
    const event = await seen;
    assert(event.bubbles && event.composed, 'bubbles and composed');
    equal(event.detail.state, 'connecting', 'detail');
    el.stop();
    wrapper.remove();
  });
});
