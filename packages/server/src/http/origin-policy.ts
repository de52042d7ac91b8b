/**
 * Which browser origins may connect. Unset list: every origin. The page's own origin
 * (the server's host, e.g. the demo page) is always allowed. Requests without an Origin
 * header (non-browser clients) are allowed: origin checks protect browsers' users.
 */
export class OriginPolicy {
  readonly #allowed: Set<string> | undefined;

  constructor(allowedOrigins: readonly string[] | undefined) {
    this.#allowed = allowedOrigins ? new Set(allowedOrigins.map(normaliseOrigin)) : undefined;
  }

  /** Whether every origin is allowed. */
  get allowsAll(): boolean {
    return this.#allowed === undefined;
  }

  /** Whether a request with this Origin (and Host) header may connect. */
  allows(origin: string | undefined, host: string | undefined): boolean {
    if (!origin || this.#allowed === undefined) return true;
    const normalised = normaliseOrigin(origin);
    if (this.#allowed.has(normalised)) return true;
    return host !== undefined && sameHost(normalised, host);
  }
}

function normaliseOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, '').toLowerCase();
}

function sameHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
