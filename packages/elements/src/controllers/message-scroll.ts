import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatLine } from './chat-snapshot.js';

/** Within this many pixels of the end, the list counts as read to the end. */
const NEAR_END_PX = 48;

/** What the scroll controller needs from the element. */
export interface MessageScrollOptions {
  /** The message list, when one is shown. */
  list(): Element | null;
  /** The lines shown: a new array for every change. */
  lines(): readonly ChatLine[];
}

/** Keeps the message list at its last message while the visitor is reading there. */
export class MessageScrollController implements ReactiveController {
  readonly #options: MessageScrollOptions;
  #stickToEnd = true;
  #lines: readonly ChatLine[] | null = null;

  constructor(host: ReactiveControllerHost, options: MessageScrollOptions) {
    this.#options = options;
    host.addController(this);
  }

  /** Follow the end of the conversation again (the composer got the focus). */
  stick(): void {
    this.#stickToEnd = true;
  }

  /** Scroll to the last message now, if following it. */
  keepAtEnd(): void {
    const list = this.#options.list();
    if (list && this.#stickToEnd) list.scrollTop = list.scrollHeight;
  }

  hostUpdate(): void {
    const lines = this.#options.lines();
    if (lines === this.#lines) return;
    this.#lines = lines;
    const last = lines[lines.length - 1];
    const list = this.#options.list();
    if (lines.length <= 1 || (last?.from === 'me' && last.pending)) {
      // A new conversation, or the visitor's own message: follow the end again.
      this.#stickToEnd = true;
    } else if (list && !this.#stickToEnd) {
      // Before rendering the new lines: was the visitor reading at the end?
      this.#stickToEnd = list.scrollHeight - list.scrollTop - list.clientHeight < NEAR_END_PX;
    }
  }

  hostUpdated(): void {
    this.keepAtEnd();
  }
}
