import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ClientState } from '@novu-chat/sdk';

/** How long a first Escape waits for the second. */
const CONFIRM_NEXT_MS = 3_000;

/** What the shortcut needs from the element. */
export interface SkipShortcutOptions {
  state(): ClientState;
  next(): void;
}

/**
 * Escape twice skips to the next stranger, like the classic; once is enough after the partner
 * left. Escape on the page counts too when nothing has focus (e.g. after clicking the video).
 */
export class SkipShortcutController implements ReactiveController {
  /** One Escape was pressed: the next button asks for the second. */
  armed = false;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: SkipShortcutOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: SkipShortcutOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Forget a first Escape (the partner changed, or the visitor skipped or stopped). */
  disarm(): void {
    clearTimeout(this.#timer);
    this.#setArmed(false);
  }

  hostConnected(): void {
    this.#host.addEventListener('keydown', this.#onKeydown);
    document.addEventListener('keydown', this.#onDocumentKeydown);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('keydown', this.#onKeydown);
    document.removeEventListener('keydown', this.#onDocumentKeydown);
  }

  /** Whether this Escape was the shortcut's. */
  #onEscape(): boolean {
    const state = this.#options.state();
    if (state === 'partner-left') {
      this.#options.next();
      return true;
    }
    if (state !== 'matched') return false;
    if (this.armed) {
      this.#options.next();
    } else {
      this.#setArmed(true);
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#setArmed(false), CONFIRM_NEXT_MS);
    }
    return true;
  }

  #setArmed(armed: boolean): void {
    this.armed = armed;
    this.#host.requestUpdate();
  }

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
    if (this.#onEscape()) event.preventDefault();
  };

  #onDocumentKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    const active = document.activeElement;
    if (active && active !== document.body && active !== document.documentElement) return;
    if (this.#onEscape()) event.preventDefault();
  };
}
