// Shared helpers of the element's browser tests: real elements, real server, real WebRTC.
import { assert, framesDecoded as clientFramesDecoded, serverUrl, uniqueInterest, until } from '@novu-chat/test-support/browser-helpers';
import type { NovuChat, NovuChatEventMap } from '../../dist/index.js';

export { assert, deepEqual, equal, serverUrl, sleep, uniqueInterest, until } from '@novu-chat/test-support/browser-helpers';

/** What `makeChat` may set: the element's writable properties. */
export type ChatProps = Partial<Pick<NovuChat, 'server' | 'mode' | 'theme' | 'layout' | 'autostart' | 'relayOnly' | 'termsAccepted' | 'captchaToken' | 'strings' | 'clientOptions'>> & {
  interests?: readonly string[] | string;
};

const made = new Set<NovuChat>();
/**
 * A `<novu-chat>` on the page, pointed at the test server, with its own clientId (two elements
 * of one page sharing the tab's id would never be paired).
 */
export async function makeChat(props: ChatProps = {}, attrs: Record<string, string> = {}): Promise<NovuChat> {
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
export function removeAll(): void {
  for (const el of made) el.remove();
  made.clear();
  try {
    localStorage.clear();
  } catch {
    // ignore
  }
}

/** The next DOM event `type` on `target` whose detail passes `accept`. */
export function nextEvent<K extends keyof NovuChatEventMap>(
  target: EventTarget,
  type: K,
  accept: (detail: NovuChatEventMap[K]['detail']) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<NovuChatEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      target.removeEventListener(type, on);
      reject(new Error(`Timed out waiting for ${type}`));
    }, timeoutMs);
    const on = (event: Event): void => {
      const custom = event as NovuChatEventMap[K];
      if (!accept(custom.detail)) return;
      clearTimeout(timer);
      target.removeEventListener(type, on);
      resolve(custom);
    };
    target.addEventListener(type, on);
  });
}

/** Resolve when the element is (or gets) in `state`. */
export function waitForState(el: NovuChat, state: NovuChat['state'], timeoutMs = 20_000): Promise<boolean> {
  return until(() => el.state === state, timeoutMs, `state ${state} (now ${el.state})`);
}

/** The element's shadow root (always open). */
export const shadow = (el: NovuChat): ShadowRoot => {
  assert(el.shadowRoot, 'an open shadow root');
  return el.shadowRoot;
};

/** An element of the shadow root, or `null`. */
export const $ = <T extends Element = HTMLElement>(el: NovuChat, selector: string): T | null => shadow(el).querySelector<T>(selector);

/** An element of the shadow root that must be there. */
export function $1<T extends Element = HTMLElement>(el: NovuChat, selector: string): T {
  const found = $<T>(el, selector);
  assert(found, `no ${selector} in state ${el.state}`);
  return found;
}

export const $$ = <T extends Element = HTMLElement>(el: NovuChat, selector: string): T[] => [...shadow(el).querySelectorAll<T>(selector)];

/** The text of an element of the shadow root that must be there. */
export const text = (el: NovuChat, selector: string): string => $1(el, selector).textContent ?? '';

/** Click a button of the shadow root by its part name. */
export async function clickPart(el: NovuChat, part: string): Promise<void> {
  const button = $(el, `[part~="${part}"]`);
  assert(button, `no [part~=${part}] in state ${el.state}`);
  button.click();
  await el.updateComplete;
}

/** Type in the message input (fires input events like a user) and submit. */
export async function typeAndSend(el: NovuChat, message: string): Promise<void> {
  const input = $1<HTMLInputElement>(el, '[part~="message-input"]');
  input.value = message;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
  $1(el, '[part~="send-button"]').click();
}

/** Two elements with a shared unique interest, started and matched. */
export async function matchedPair(props: ChatProps = {}) {
  const interest = uniqueInterest();
  const a = await makeChat({ interests: [interest], ...props });
  const b = await makeChat({ interests: [interest], ...props });
  const matches = [nextEvent(a, 'novu-match'), nextEvent(b, 'novu-match')];
  await a.start();
  await b.start();
  const [ma, mb] = await Promise.all(matches);
  await Promise.all([a.updateComplete, b.updateComplete]);
  return { a, b, interest, matchA: ma!.detail, matchB: mb!.detail };
}

/** The SDK client of an element that has started. */
export function clientOf(el: NovuChat): NonNullable<NovuChat['client']> {
  assert(el.client, 'the element has a client');
  return el.client;
}

/** Video frames decoded from the partner, from the SDK client's WebRTC stats. */
export const framesDecoded = async (el: NovuChat): Promise<number> => clientFramesDecoded(clientOf(el));
