import type { EventLimits } from './event-limits.js';

/**
 * Which limits apply to a connection: its site's own (multi-site servers, `SITES_FILE`), else
 * the server-wide ones.
 */
export class LimitsBySite {
  readonly #serverWide: EventLimits;
  readonly #sites: { limitsFor(siteKey: string | undefined): EventLimits | undefined } | undefined;

  constructor(serverWide: EventLimits, sites?: { limitsFor(siteKey: string | undefined): EventLimits | undefined }) {
    this.#serverWide = serverWide;
    this.#sites = sites;
  }

  /** The limits of a connection of this site (a missing or unknown key: the server-wide ones). */
  of(siteKey: string | undefined): EventLimits {
    return this.#sites?.limitsFor(siteKey) ?? this.#serverWide;
  }
}
