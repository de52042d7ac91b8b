// Shared helpers of the element's browser tests: real elements, real server, real WebRTC.
import { assert, framesDecoded as clientFramesDecoded, serverUrl, uniqueInterest, until } from '@novu-chat/test-support/browser-helpers';

export { assert, deepEqual, equal, serverUrl, sleep, uniqueInterest, until } from '@novu-chat/test-support/browser-helpers';

const made = new Set();
/**
 * A `<novu-chat>` on the page, pointed at the test server, with its own clientId (two elements
 * of one page sharing the tab's id would never be paired).
 */
export async function makeChat(props = {}, attrs = {}) {
  const el = document.createElement('novu-chat');
  el.server = await serverUrl();
  el.clientOptions = {
    clientId: `el-${crypto.getRandomValues(new Uint32Array(2)).join('-')}`,
    defaultIceServers: [], // loopback only
  };
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  Object.assign(el, props);
  el.style.height = '600px';
  el.style.width = '900px';
  document.body.append(el);
  made.add(el);
  await el.updateComplete;
  return el;
}

/** Remove every element made by `makeChat` (call from `afterEach`). */
export function removeAll() {
  for (const el of made) el.remove();
  made.clear();
  try {
    localStorage.clear();
  } catch {
    // ignore
  }
}

/** The next DOM event `type` on `target` whose detail passes `accept`. */
export function nextEvent(target, type, accept = () => true, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      target.removeEventListener(type, on);
      reject(new Error(`Timed out waiting for ${type}`));
    }, timeoutMs);
    const on = (event) => {
      if (!accept(event.detail)) return;
      clearTimeout(timer);
      target.removeEventListener(type, on);
      resolve(event);
    };
    target.addEventListener(type, on);
  });
}

/** Resolve when the element is (or gets) in `state`. */
export function waitForState(el, state, timeoutMs = 20_000) {
  return until(() => el.state === state, timeoutMs, `state ${state} (now ${el.state})`);
}

/** An element of the shadow root. */
export const $ = (el, selector) => el.shadowRoot.querySelector(selector);
export const $$ = (el, selector) => [...el.shadowRoot.querySelectorAll(selector)];

/** Click a button of the shadow root by its part name. */
export async function clickPart(el, part) {
  const button = $(el, `[part~="${part}"]`);
  assert(button, `no [part~=${part}] in state ${el.state}`);
  button.click();
  await el.updateComplete;
}

/** Type in the message input (fires input events like a user) and submit. */
export async function typeAndSend(el, text) {
  const input = $(el, '[part~="message-input"]');
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
  $(el, '[part~="send-button"]').click();
}

/** Two elements with a shared unique interest, started and matched. */
export async function matchedPair(props = {}) {
  const interest = uniqueInterest();
  const a = await makeChat({ interests: [interest], ...props });
  const b = await makeChat({ interests: [interest], ...props });
  const matches = [nextEvent(a, 'novu-match'), nextEvent(b, 'novu-match')];
  await a.start();
  await b.start();
  const [ma, mb] = await Promise.all(matches);
  await Promise.all([a.updateComplete, b.updateComplete]);
  return { a, b, interest, matchA: ma.detail, matchB: mb.detail };
}

/** Video frames decoded from the partner, from the SDK client's WebRTC stats. */
export const framesDecoded = async (el) => clientFramesDecoded(el.client);
