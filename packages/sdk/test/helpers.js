// Shared helpers of the SDK's browser tests. No mocks: real clients, real server, real WebRTC.
import { NovuClient } from '../dist/index.js';
import { equal, framesDecoded, serverUrl, until as pollUntil, uniqueInterest } from '@novu-chat/test-support/browser-helpers';

export { assert, deepEqual, equal, framesDecoded, serverUrl, sleep, uniqueInterest } from '@novu-chat/test-support/browser-helpers';

const clients = new Set();
/** A client on the test server with its own clientId (clients sharing one are never paired). */
export async function makeClient(options = {}) {
  const client = new NovuClient({
    url: options.url ?? (await serverUrl()),
    clientId: `test-${crypto.getRandomValues(new Uint32Array(2)).join('-')}`,
    defaultIceServers: [], // loopback only: no public STUN in tests
    ...options,
  });
  clients.add(client);
  return client;
}

/** Stop every client made by `makeClient` (call from `afterEach`). */
export function stopAll() {
  for (const client of clients) client.destroy();
  clients.clear();
}

/** The next `event` of `client` whose payload passes `accept`. */
export function waitFor(client, event, accept = () => true, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`Timed out waiting for "${event}" (state ${client.state})`));
    }, timeoutMs);
    const off = client.on(event, (payload) => {
      if (!accept(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

/** Resolve when `client` is (or gets) in `state`. */
export function waitForState(client, state, timeoutMs = 20_000) {
  if (client.state === state) return Promise.resolve(state);
  return waitFor(client, 'state', (s) => s === state, timeoutMs);
}

/** Poll `check` (every 100 ms) until it returns a truthy value. */
export const until = (check, timeoutMs, what) => pollUntil(check, timeoutMs, what, 100);

/** Wait until both clients decode real video from each other: `frames` more frames each than now. */
export async function bothDecode(a, b, timeoutMs = 30_000, frames = 5) {
  const start = [await framesDecoded(a), await framesDecoded(b)];
  await until(
    async () => (await framesDecoded(a)) >= start[0] + frames && (await framesDecoded(b)) >= start[1] + frames,
    timeoutMs,
    'both clients to decode remote video',
  );
}

/** Start two clients on one fresh interest and wait until they are matched with each other. */
export async function matchedPair(options = {}, start = {}) {
  const interest = uniqueInterest();
  const a = await makeClient(options);
  const b = await makeClient(options);
  const matches = Promise.all([waitFor(a, 'match'), waitFor(b, 'match')]);
  await a.start({ interests: [interest], ...start });
  await b.start({ interests: [interest], ...start });
  const [ma, mb] = await matches;
  equal(ma.roomId, mb.roomId, 'same room');
  return { a, b, ma, mb, interest };
}

/** Record the signals a client sends (offers, answers, candidates) through its real socket. */
export function recordSignals(client) {
  const sent = [];
  const socket = client.signaling.socket;
  const emit = socket.emit;
  socket.emit = function (event, ...args) {
    if (String(event).startsWith('signal:')) sent.push(event);
    return emit.call(this, event, ...args);
  };
  return sent;
}
