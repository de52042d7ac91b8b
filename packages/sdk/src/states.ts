import type { ClientState } from './events.js';

/** Every state: the events allowed from anywhere. */
const ANY: readonly ClientState[] = ['idle', 'connecting', 'searching', 'matched', 'reconnecting', 'partner-left', 'error'];

/**
 * Every state change a client makes, as ONE table: what happened, the states it may happen in,
 * and the state it leads to. {@link NovuClient} changes state only through {@link canEnter} on this
 * table; `docs/sdk.md` ("States") draws it.
 */
export const TRANSITIONS = {
  /** `start()`: get media (video mode) and connect, starting over from wherever the client was. */
  start: { from: ANY, to: 'connecting' },
  /** Connected (and media granted): queue for a partner. */
  queued: { from: ['connecting'], to: 'searching' },
  /** Camera or microphone refused or missing, or no WebRTC: back to `idle` (text mode still works). */
  mediaRefused: { from: ['connecting'], to: 'idle' },
  /** `next()` (or `autoNext`): the room ends, queue again. */
  skip: { from: ['searching', 'matched', 'partner-left'], to: 'searching' },
  /** `report()` / `block()`: the room ends like a skip. */
  moderate: { from: ['matched', 'partner-left'], to: 'searching' },
  /** `match:found`. */
  match: { from: ['searching'], to: 'matched' },
  /** The partner left, the video connection failed, or the room was lost while the link was down. */
  partnerGone: { from: ['matched', 'reconnecting'], to: 'partner-left' },
  /** The link to the server dropped; the room (if any) is held meanwhile. */
  linkDown: { from: ['searching', 'matched', 'partner-left'], to: 'reconnecting' },
  /** The link is back and the server kept the room. */
  resumeRoom: { from: ['reconnecting'], to: 'matched' },
  /** The link is back: queue again (the server drops a waiting client from the queue), or `next()` was called meanwhile. */
  resumeSearch: { from: ['reconnecting'], to: 'searching' },
  /** The link is back; the partner had already left. */
  resumeAlone: { from: ['reconnecting'], to: 'partner-left' },
  /** `stop()` / `destroy()`. */
  stop: { from: ANY, to: 'idle' },
  /** A fatal error: refused or unreachable server, a fatal join failure. */
  fail: { from: ANY, to: 'error' },
} as const satisfies Record<string, { readonly from: readonly ClientState[]; readonly to: ClientState }>;

/** The states a dropped link returns to once it is back: those `linkDown` leaves. */
export type Resumable = (typeof TRANSITIONS.linkDown.from)[number];

/** Something that changes the client's state (a key of {@link TRANSITIONS}). */
export type Transition = keyof typeof TRANSITIONS;

/** Whether `transition` may happen in `state`. */
export function canEnter(state: ClientState, transition: Transition): boolean {
  return (TRANSITIONS[transition].from as readonly ClientState[]).includes(state);
}
