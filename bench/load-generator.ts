/**
 * A load generator process for bench/server-load.ts: many socket.io-client connections (WebSocket
 * transport only) to one server, driven by its parent (bench/server-load/load-generators.ts) over
 * IPC (`child_process.fork`). It reports raw samples back; the parent merges the generators'
 * samples and computes percentiles.
 *
 * Scenarios (each bounded by a count and a time limit):
 * - `connect`: open `count` connections, `concurrency` handshakes in flight at a time;
 * - `burst`: every connection sends `queue:join` in one loop; per client, `queue:join` sent → its
 *   `match:found` received;
 * - `churn`: the connections are virtual users. A token bucket paces `queue:join`s at `rate` per
 *   second from the users that are ready; a matched pair then exchanges what a real call does
 *   (offer, answer, `ice` candidates each way, `messages` chat messages each way with acks, as the
 *   SDK sends them), after which the initiator presses "next" (becomes ready: its next join ends
 *   the room) and its partner, told `partner:left`, becomes ready too. Join → match is measured for
 *   joins sent in the measured window; relay latency from the wall-clock timestamp written in each
 *   offer's and answer's SDP text to its arrival at the partner (which may be in another generator
 *   process: same host, same clock).
 *
 * Not meant to be run by hand: bench/server-load/load-generators.ts forks it.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, MatchFoundPayload, ServerToClientEvents, SignalReceivePayload } from '@novu-chat/protocol';
import { invokedDirectly } from './cli.ts';
import { sdpStamp, stampedSdp, wallNow } from './relay-stamp.ts';

/** A typed client connection. */
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the parent asks. Every command is answered with a reply of the same `id`. */
export type GeneratorCommand =
  | { type: 'connect'; id: number; url: string; count: number; concurrency: number; timeoutMs: number }
  | { type: 'disconnect'; id: number }
  | { type: 'burst'; id: number; timeoutMs: number }
  | { type: 'reset'; id: number; timeoutMs: number }
  | { type: 'churn'; id: number; spec: ChurnSpec }
  | { type: 'clock'; id: number };

/** One paced-churn step as this generator runs it. */
export interface ChurnSpec {
  /** Joins per second from this generator. */
  rate: number;
  /** Joins before this are not measured (JIT, queues filling), ms after the start. */
  warmupMs: number;
  /** Length of the measured window, ms. */
  windowMs: number;
  /** After the window, joins go on (unmeasured) until every measured join matched, at most this long. */
  drainMs: number;
  /** ICE candidates each side sends per call. */
  iceCandidates: number;
  /** Chat messages each side sends per call. */
  messages: number;
}

/** The answers (and `ready`, sent once when the generator listens). */
export type GeneratorReply =
  | { type: 'ready'; id: 0 }
  | { type: 'connected'; id: number; connected: number; failed: number; firstError: string | undefined; ms: number }
  | { type: 'disconnected'; id: number }
  | { type: 'burst'; id: number; result: BurstResult }
  | { type: 'reset'; id: number; pending: number }
  | { type: 'churn'; id: number; result: ChurnResult }
  | { type: 'clock'; id: number; wallMs: number }
  | { type: 'error'; id: number; message: string };

/** A burst as one generator saw it. */
export interface BurstResult {
  clients: number;
  matched: number;
  /** Joins whose ack was an error (e.g. `rate_limited`). */
  refused: number;
  /** Join → match of every matched client, ms. */
  latencies: Float64Array;
  /** Wall-clock time of the first `queue:join` sent and of the last `match:found` received, ms. */
  firstJoinAt: number;
  lastMatchAt: number;
}

/** A churn step as one generator saw it. */
export interface ChurnResult {
  /** Joins sent in the measured window. */
  joins: number;
  /** Of those, joins that were matched (before the drain ended). */
  matched: number;
  /** Join → match of the measured joins that matched, ms. */
  joinToMatch: Float64Array;
  /** Offer/answer relay latencies received in the window, ms. */
  relay: Float64Array;
  /** Acks that were errors, and `server:error`s. */
  errors: number;
  firstError: string | undefined;
  /** Tokens the bucket had to drop because no virtual user was ready (the generator could not keep the pace). */
  starved: number;
  /** Tokens dropped because the event loop was too late to spend them (bucket full). */
  overflowed: number;
  /** The window actually measured, ms. */
  windowMs: number;
  /** This generator's own event-loop delay over the window (p99 and max, ms): its share of the latencies. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

const CANDIDATE = {
  candidate: 'candidate:1467250027 1 udp 2122260223 127.0.0.1 46243 typ host generation 0 ufrag Zx9q network-id 1',
  sdpMid: '0',
  sdpMLineIndex: 0,
  usernameFragment: 'Zx9q',
};

/** A growable list of float samples (no boxing of numbers in a JS array). */
class Samples {
  #data = new Float64Array(1024);
  #length = 0;
  push(value: number): void {
    if (this.#length === this.#data.length) {
      const bigger = new Float64Array(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.#length++] = value;
  }
  get length(): number {
    return this.#length;
  }
  toArray(): Float64Array {
    return this.#data.slice(0, this.#length);
  }
}

const clients: Client[] = [];

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.message}${'data' in error ? ` ${JSON.stringify((error as { data: unknown }).data)}` : ''}` : String(error);
}

async function connectAll(url: string, count: number, concurrency: number, timeoutMs: number): Promise<GeneratorReply & { type: 'connected' }> {
  const started = performance.now();
  const deadline = started + timeoutMs;
  let connected = 0;
  let failed = 0;
  let firstError: string | undefined;
  let nextIndex = 0;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const socket: Client = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 20_000, auth: { v: 1 } });
      socket.once('connect', () => {
        connected++;
        clients.push(socket);
        resolve();
      });
      socket.once('connect_error', (error) => {
        failed++;
        firstError ??= errorText(error);
        socket.disconnect();
        resolve();
      });
    });
  const lane = async (): Promise<void> => {
    while (nextIndex < count && performance.now() < deadline) {
      nextIndex++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, lane));
  return { type: 'connected', id: 0, connected, failed, firstError, ms: performance.now() - started };
}

function disconnectAll(): void {
  for (const socket of clients) socket.disconnect();
  clients.length = 0;
}

/** Everyone joins at once; resolves when all are matched or after `timeoutMs`. */
function burst(timeoutMs: number): Promise<BurstResult> {
  const n = clients.length;
  const joinedAt = new Float64Array(n);
  const matchedAt = new Float64Array(n);
  let matched = 0;
  let refused = 0;
  const handlers: Array<() => void> = [];
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      clients.forEach((socket, i) => socket.off('match:found', handlers[i]));
      const latencies = new Samples();
      let lastMatchAt = 0;
      for (let i = 0; i < n; i++) {
        const at = matchedAt[i] as number;
        if (at === 0) continue;
        latencies.push(at - (joinedAt[i] as number));
        if (at > lastMatchAt) lastMatchAt = at;
      }
      resolve({ clients: n, matched, refused, latencies: latencies.toArray(), firstJoinAt: joinedAt[0] ?? 0, lastMatchAt });
    };
    const timer = setTimeout(finish, timeoutMs);
    for (let i = 0; i < n; i++) {
      const handler = () => {
        if (matchedAt[i] !== 0) return;
        matchedAt[i] = wallNow();
        if (++matched === n) finish();
      };
      handlers.push(handler);
      clients[i]!.on('match:found', handler);
    }
    if (n === 0) finish();
    for (let i = 0; i < n; i++) {
      joinedAt[i] = wallNow();
      clients[i]!.emit('queue:join', {}, (ack) => {
        if (!ack.ok) refused++;
      });
    }
  });
}

/** Take every client out of the queue and out of its room; resolves when the server answered all. */
function reset(timeoutMs: number): Promise<number> {
  let pending = clients.length * 2;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(pending), timeoutMs);
    const done = () => {
      if (--pending === 0) {
        clearTimeout(timer);
        resolve(0);
      }
    };
    if (pending === 0) done();
    for (const socket of clients) {
      socket.emit('queue:leave', done);
      socket.emit('room:leave', done);
    }
  });
}

const READY = 0;
const WAITING = 1;
const MATCHED = 2;

/** One paced-churn step over every connected client. */
function churn(spec: ChurnSpec): Promise<ChurnResult> {
  const n = clients.length;
  const state = new Uint8Array(n); // READY
  const joinedAt = new Float64Array(n);
  const measured = new Uint8Array(n); // the current join is in the window and not matched yet
  const initiator = new Uint8Array(n);
  const expected = new Int32Array(n); // partner events still to come before the initiator moves on
  // Ready users, first in first out (each at most once: guarded by `state`).
  const ready = new Int32Array(n + 1);
  let head = 0;
  let tail = 0;
  const pushReady = (i: number) => {
    state[i] = READY;
    ready[tail] = i;
    tail = (tail + 1) % ready.length;
  };
  for (let i = 0; i < n; i++) pushReady(i);

  const joinToMatch = new Samples();
  const relay = new Samples();
  let joins = 0;
  let matched = 0;
  let errors = 0;
  let firstError: string | undefined;
  let starved = 0;
  let overflowed = 0;
  const onAck = (ack: { ok: boolean; error?: { code: string; message: string } }) => {
    if (ack.ok) return;
    errors++;
    firstError ??= `${ack.error?.code}: ${ack.error?.message}`;
  };
  const perCall = 1 + spec.iceCandidates + spec.messages; // what each side receives from the other

  const started = performance.now();
  const windowStart = started + spec.warmupMs;
  const windowEnd = windowStart + spec.windowMs;
  let inWindow = false;

  const sendCall = (socket: Client, offer: boolean) => {
    const sdp = stampedSdp(wallNow());
    if (offer) socket.emit('signal:offer', { sdp });
    else socket.emit('signal:answer', { sdp });
    for (let k = 0; k < spec.iceCandidates; k++) socket.emit('signal:ice', { candidate: CANDIDATE });
    for (let k = 0; k < spec.messages; k++) socket.emit('chat:message', { text: `hello ${k}` }, onAck);
  };
  const received = (i: number) => {
    if (--expected[i]! === 0 && initiator[i] === 1) pushReady(i); // the initiator presses "next"
  };

  const off: Array<() => void> = [];
  for (let i = 0; i < n; i++) {
    const socket = clients[i]!;
    const onMatch = (payload: MatchFoundPayload) => {
      if (state[i] !== WAITING) return;
      state[i] = MATCHED;
      if (measured[i] === 1) {
        measured[i] = 0;
        matched++;
        joinToMatch.push(performance.now() - joinedAt[i]!);
      }
      initiator[i] = payload.initiator ? 1 : 0;
      expected[i] = perCall;
      if (payload.initiator) sendCall(socket, true);
    };
    const onSignal = (signal: SignalReceivePayload) => {
      if (state[i] !== MATCHED) return;
      if (signal.type !== 'ice-candidate') {
        const at = sdpStamp(signal.payload.sdp);
        if (inWindow) relay.push(wallNow() - at);
        if (signal.type === 'offer') sendCall(socket, false);
      }
      received(i);
    };
    const onMessage = () => {
      if (state[i] === MATCHED) received(i);
    };
    const onLeft = () => {
      if (state[i] === MATCHED) pushReady(i);
    };
    const onServerError = (payload: { code: string; message: string }) => {
      errors++;
      firstError ??= `${payload.code}: ${payload.message}`;
    };
    socket.on('match:found', onMatch);
    socket.on('signal:receive', onSignal);
    socket.on('chat:message', onMessage);
    socket.on('partner:left', onLeft);
    socket.on('server:error', onServerError);
    off.push(() => {
      socket.off('match:found', onMatch);
      socket.off('signal:receive', onSignal);
      socket.off('chat:message', onMessage);
      socket.off('partner:left', onLeft);
      socket.off('server:error', onServerError);
    });
  }

  // Token bucket: refilled at `rate`, holding at most 50 ms of joins (a late timer catches up a little,
  // never in a flood); tokens that find the bucket full, or nobody ready, are dropped and counted.
  const capacity = Math.max(1, spec.rate * 0.05);
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  let loopDelayOn = false;
  let tokens = 0;
  let last = started;
  const end = windowEnd + spec.drainMs;
  return new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      const refill = ((now - last) * spec.rate) / 1000;
      last = now;
      inWindow = now >= windowStart && now < windowEnd;
      if (inWindow !== loopDelayOn) {
        loopDelayOn = inWindow;
        if (inWindow) loopDelay.enable();
        else loopDelay.disable();
      }
      tokens += refill;
      if (tokens > capacity) {
        if (inWindow) overflowed += tokens - capacity;
        tokens = capacity;
      }
      while (tokens >= 1) {
        if (head === tail) {
          if (inWindow) starved += Math.floor(tokens);
          tokens -= Math.floor(tokens);
          break;
        }
        tokens -= 1;
        const i = ready[head]!;
        head = (head + 1) % ready.length;
        state[i] = WAITING;
        joinedAt[i] = performance.now();
        if (inWindow) {
          measured[i] = 1;
          joins++;
        } else {
          measured[i] = 0;
        }
        clients[i]!.emit('queue:join', {}, onAck);
      }
      if (now >= windowEnd && (matched === joins || now >= end)) {
        clearInterval(timer);
        for (const unbind of off) unbind();
        resolve({
          joins, matched, joinToMatch: joinToMatch.toArray(), relay: relay.toArray(), errors, firstError,
          starved: Math.round(starved), overflowed: Math.round(overflowed), windowMs: spec.windowMs,
          loopDelayP99Ms: loopDelay.percentile(99) / 1e6, loopDelayMaxMs: loopDelay.max / 1e6,
        });
        loopDelay.disable();
      }
    };
    const timer = setInterval(tick, 1);
  });
}

async function handle(command: GeneratorCommand): Promise<GeneratorReply> {
  switch (command.type) {
    case 'connect':
      return { ...(await connectAll(command.url, command.count, command.concurrency, command.timeoutMs)), id: command.id };
    case 'disconnect':
      disconnectAll();
      return { type: 'disconnected', id: command.id };
    case 'burst':
      return { type: 'burst', id: command.id, result: await burst(command.timeoutMs) };
    case 'reset':
      return { type: 'reset', id: command.id, pending: await reset(command.timeoutMs) };
    case 'churn':
      return { type: 'churn', id: command.id, result: await churn(command.spec) };
    case 'clock':
      return { type: 'clock', id: command.id, wallMs: wallNow() };
  }
}

if (invokedDirectly(import.meta.url) && process.send) {
  const send = (reply: GeneratorReply) => process.send?.(reply);
  process.on('message', (command: GeneratorCommand) => {
    handle(command).then(send, (error: unknown) => send({ type: 'error', id: command.id, message: errorText(error) }));
  });
  send({ type: 'ready', id: 0 });
  // Never outlive the parent.
  process.on('disconnect', () => {
    disconnectAll();
    process.exit(0);
  });
}
