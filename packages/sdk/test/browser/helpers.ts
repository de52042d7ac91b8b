// Shared helpers of the SDK's browser tests. No mocks: real clients, real server, real WebRTC.
// Insides (the peer connection, the link) are reached through the SDK's documented test hook,
// `debugClient`, never through private fields.
import { debugClient, NovuClient, type ClientDebug, type LinkDebug, type NovuClientEvents, type NovuClientOptions, type StartOptions } from '../../dist/index.js';
import { equal, framesDecoded, serverUrl, until as pollUntil, uniqueInterest } from '@novu-chat/test-support/browser-helpers';

export { assert, deepEqual, equal, framesDecoded, serverUrl, sleep, uniqueInterest } from '@novu-chat/test-support/browser-helpers';

const clients = new Set<NovuClient>();
/** A client on the test server with its own clientId (clients sharing one are never paired). */
export async function makeClient(options: Partial<NovuClientOptions> = {}): Promise<NovuClient> {
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
export function stopAll(): void {
  for (const client of clients) client.destroy();
  clients.clear();
}

/** The next `event` of `client` whose payload passes `accept`. */
export function waitFor<K extends keyof NovuClientEvents>(
  client: NovuClient,
  event: K,
  accept: (payload: NovuClientEvents[K]) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<NovuClientEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`Timed out waiting for "${String(event)}" (state ${client.state})`));
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
export function waitForState(client: NovuClient, state: NovuClient['state'], timeoutMs = 20_000): Promise<NovuClient['state']> {
  if (client.state === state) return Promise.resolve(state);
  return waitFor(client, 'state', (s) => s === state, timeoutMs);
}

/** Poll `check` (every 100 ms) until it returns a truthy value. */
export const until = <T>(check: () => T | Promise<T>, timeoutMs?: number, what?: string): Promise<NonNullable<T>> =>
  pollUntil(check, timeoutMs, what, 100);

/** Wait until both clients decode real video from each other: `frames` more frames each than now. */
export async function bothDecode(a: NovuClient, b: NovuClient, timeoutMs = 30_000, frames = 5): Promise<void> {
  const start = [await framesDecoded(a), await framesDecoded(b)] as const;
  await until(
    async () => (await framesDecoded(a)) >= start[0] + frames && (await framesDecoded(b)) >= start[1] + frames,
    timeoutMs,
    'both clients to decode remote video',
  );
}

/** Start two clients on one fresh interest and wait until they are matched with each other. */
export async function matchedPair(options: Partial<NovuClientOptions> = {}, start: StartOptions = {}) {
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

/** The client's current video connection (there must be one). */
export function peerConnection(client: NovuClient): RTCPeerConnection {
  const pc = debugClient(client).peerConnection;
  if (!pc) throw new Error(`No peer connection (state ${client.state})`);
  return pc;
}

/** The client's link to the server (there must be one). */
export function link(client: NovuClient): LinkDebug {
  const link: ClientDebug['link'] = debugClient(client).link;
  if (!link) throw new Error(`No link to the server (state ${client.state})`);
  return link;
}

/** Record the signals a client sends (offers, answers, candidates) through its real socket. */
export function recordSignals(client: NovuClient): string[] {
  const sent: string[] = [];
  link(client).onSent((event) => {
    if (event.startsWith('signal:')) sent.push(event);
  });
  return sent;
}
