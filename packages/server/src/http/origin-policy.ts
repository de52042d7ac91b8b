/**
 * Which browser origins may connect. Unset list: every origin (the development default).
 * The server's own public origin (`PUBLIC_ORIGIN`, the demo page's) is allowed beside the
 * list. Requests without an Origin header (non-browser clients) are allowed: origin checks
 * protect browsers' users.
 *
 * The `Host` header is never consulted: any client can send any Host, so "same host as the
 * Origin" proves nothing.
 */
export class OriginPolicy {
  readonly #allowed: Set<string> | undefined;

  /**
   * @param allowedOrigins - `ALLOWED_ORIGINS`; undefined allows every origin.
   * @param publicOrigin - `PUBLIC_ORIGIN`: the origin this server's own pages are served from.
   */
  constructor(allowedOrigins: readonly string[] | undefined, publicOrigin?: string) {
    if (allowedOrigins === undefined) return;
    this.#allowed = new Set(allowedOrigins.map(normaliseOrigin));
    if (publicOrigin !== undefined) this.#allowed.add(normaliseOrigin(publicOrigin));
  }

  /** Whether every origin is allowed. */
  get allowsAll(): boolean {
    return this.#allowed === undefined;
  }

  /** Whether a request with this Origin header may connect. */
  allows(origin: string | undefined): boolean {
    if (!origin || this.#allowed === undefined) return true;
    return this.#allowed.has(normaliseOrigin(origin));
  }
}

/** The form origins are compared in: trimmed, no trailing slash, lower-case. */
export function normaliseOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}
