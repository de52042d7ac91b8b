import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Within this many pixels of the end, the list counts as read to the end. */
const NEAR_END_PX = 48;

/** What the scroll controller needs from the element. */
export interface MessageScrollOptions {
  /** The message list, when one is shown. */
  list(): Element | null;
  /** The lines shown: a new array for every change. */
  lines(): readonly unknown[];
}

/** Keeps the message list at its last message while the visitor is reading there. */
export class MessageScrollController implements ReactiveController {
  readonly #options: MessageScrollOptions;
  #stickToEnd = true;
  #lines: readonly unknown[] | null = null;

  constructor(host: ReactiveControllerHost, options: MessageScrollOptions) {
    this.#options = options;
    host.addController(this);
  }

  /** Follow the end of the conversation again (a match, a sent message, the composer focused). */
  stick(): void {
    this.#stickToEnd = true;
  }

  /** Scroll to the last message now, if following it. */
  keepAtEnd(): void {
    const list = this.#options.list();
    if (list && this.#stickToEnd) list.scrollTop = list.scrollHeight;
  }

  hostUpdate(): void {
    // Before rendering the new lines: was the visitor reading at the end?
    const lines = this.#options.lines();
    const list = this.#options.list();
    if (list && lines !== this.#lines && !this.#stickToEnd) {
      this.#stickToEnd = list.scrollHeight - list.scrollTop - list.clientHeight < NEAR_END_PX;
    }
    this.#lines = lines;
  }

  hostUpdated(): void {
    this.keepAtEnd();
  }
}
