import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What the viewport controller needs from the element. */
export interface ViewportOptions {
  /** The composer to keep in view while typing. */
  composer(): Element | null;
  /** The visible height changed while typing (the element keeps the last message in view). */
  fitted(): void;
}

/**
 * The visual viewport on phones: while the visitor types, the on-screen keyboard may cover the
 * page without shrinking `dvh` (iOS Safari, Android Chrome ≥ 108), so the host is capped to the
 * visible height (`--novu-vvh`, unzoomed) and the composer is kept in view.
 */
export class ViewportController implements ReactiveController {
  /** The message input has focus (narrow layouts give the chat more room). */
  composing = false;
  readonly #host: ReactiveControllerHost & ElementCSSInlineStyle;
  readonly #options: ViewportOptions;

  constructor(host: ReactiveControllerHost & ElementCSSInlineStyle, options: ViewportOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The message input gained or lost the focus. */
  setComposing(focused: boolean): void {
    this.composing = focused;
    this.#host.requestUpdate();
    this.#fit();
  }

  hostConnected(): void {
    globalThis.visualViewport?.addEventListener('resize', this.#fit);
  }

  hostDisconnected(): void {
    globalThis.visualViewport?.removeEventListener('resize', this.#fit);
  }

  #fit = (): void => {
    const vv = globalThis.visualViewport;
    const composing = vv && this.composing;
    this.#host.style.setProperty('--novu-vvh', composing ? `${vv.height * vv.scale}px` : '');
    this.#options.fitted();
    if (composing) this.#options.composer()?.scrollIntoView({ block: 'nearest' });
  };
}
