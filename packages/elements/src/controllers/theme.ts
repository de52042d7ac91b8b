import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The site owner's colour scheme: `auto` follows the visitor's system setting. */
export type NovuTheme = 'light' | 'dark' | 'auto';

/** Where the visitor's own theme choice is kept. */
export const THEME_STORAGE_KEY = 'novu-chat:theme';

type Scheme = 'light' | 'dark';

/**
 * The theme in use: the visitor's toggle (kept in `localStorage`) wins over the owner's `theme`,
 * whose `auto` follows `prefers-color-scheme`. Reflected as the host's `data-theme` attribute,
 * which the tokens key on.
 */
export class ThemeController implements ReactiveController {
  readonly #host: ReactiveControllerHost & Element;
  readonly #ownerTheme: () => NovuTheme;
  #user: Scheme | null = null;
  #systemDark = false;
  #media: MediaQueryList | null = null;

  constructor(host: ReactiveControllerHost & Element, ownerTheme: () => NovuTheme) {
    this.#host = host;
    this.#ownerTheme = ownerTheme;
    host.addController(this);
  }

  /** The visitor's choice, else the owner's theme with `auto` resolved. */
  get resolved(): Scheme {
    const chosen = this.#user ?? this.#ownerTheme();
    if (chosen === 'dark' || chosen === 'light') return chosen;
    return this.#systemDark ? 'dark' : 'light';
  }

  /** The visitor toggles light/dark: kept for their next visits. */
  toggle(): void {
    const next = this.resolved === 'dark' ? 'light' : 'dark';
    this.#user = next;
    this.#host.requestUpdate();
    try {
      globalThis.localStorage?.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Storage may be unavailable (privacy mode, sandboxed iframe): the choice lasts for this page.
    }
  }

  hostConnected(): void {
    try {
      const stored = globalThis.localStorage?.getItem(THEME_STORAGE_KEY);
      this.#user = stored === 'dark' || stored === 'light' ? stored : null;
    } catch {
      this.#user = null;
    }
    this.#media = globalThis.matchMedia?.('(prefers-color-scheme: dark)') ?? null;
    this.#systemDark = this.#media?.matches ?? false;
    this.#media?.addEventListener('change', this.#onSchemeChange);
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#media?.removeEventListener('change', this.#onSchemeChange);
  }

  hostUpdate(): void {
    const theme = this.resolved;
    if (this.#host.getAttribute('data-theme') !== theme) this.#host.setAttribute('data-theme', theme);
  }

  #onSchemeChange = (event: MediaQueryListEvent): void => {
    this.#systemDark = event.matches;
    this.#host.requestUpdate();
  };
}
