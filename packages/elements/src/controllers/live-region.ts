import type { ReactiveController, ReactiveControllerHost } from 'lit';

const TOAST_MS = 5_000;

/**
 * What screen readers are told (the polite `role=status` region) and the short-lived error line
 * (the toast, `role=alert`) of the chat panel.
 */
export class LiveRegionController implements ReactiveController {
  /** The text of the polite live region. */
  announcement = '';
  /** A short-lived error line (e.g. a message that could not be sent), or `null`. */
  toast: string | null = null;
  readonly #host: ReactiveControllerHost;
  #toastTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    // No timer outlives the element; a toast is not worth keeping across a move.
    clearTimeout(this.#toastTimer);
    this.toast = null;
  }

  /** Say `text` in the live region. */
  announce(text: string): void {
    // Clear first so that the same text is announced again.
    this.#set('');
    requestAnimationFrame(() => this.#set(text));
  }

  /** Show `text` as the toast for a few seconds. */
  showToast(text: string): void {
    clearTimeout(this.#toastTimer);
    this.toast = text;
    this.#host.requestUpdate();
    this.#toastTimer = setTimeout(() => {
      this.toast = null;
      this.#host.requestUpdate();
    }, TOAST_MS);
  }

  #set(announcement: string): void {
    this.announcement = announcement;
    this.#host.requestUpdate();
  }
}
