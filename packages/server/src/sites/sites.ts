/**
 * The sites of a multi-site server (`SITES_FILE`): each site key has its own allowed origins,
 * its own limits and its own matching pool (users are only paired within their site).
 * @module
 */
import { ErrorCode } from '@novu-chat/protocol';
import type { NovuServerOptions } from '../config.js';
import type { EventLimits } from '../limits/event-limits.js';
import type { AdmissionCheck } from '../admission.js';
import { OriginPolicy } from '../http/origin-policy.js';
import type { SiteConfig, SitesConfig } from './site-config.js';

/** One site, ready to check connections. */
interface Site {
  config: SiteConfig;
  origins: OriginPolicy;
  limits: EventLimits;
}

/** The server-wide options with a site's limits applied. */
export function siteOptions(base: NovuServerOptions, site: SiteConfig): NovuServerOptions {
  const limits = site.limits ?? {};
  return {
    ...base,
    rateLimitConnections: limits.connections ?? base.rateLimitConnections,
    rateLimitMessages: limits.messages ?? base.rateLimitMessages,
    rateLimitJoins: limits.joins ?? base.rateLimitJoins,
    rateLimitSignals: limits.signals ?? base.rateLimitSignals,
    rateLimitTyping: limits.typing ?? base.rateLimitTyping,
  };
}

/**
 * The server-wide origin list (the check before the per-site one, and CORS): `ALLOWED_ORIGINS`
 * plus every site's origins. Undefined (every origin) when a site allows every origin (`"*"`).
 */
export function siteOrigins(config: SitesConfig, serverWide: readonly string[] | undefined): string[] | undefined {
  const lists = config.sites.map((site) => site.origins);
  if (lists.some((origins) => origins.includes('*'))) return undefined;
  return [...new Set([...(serverWide ?? []), ...lists.flat()])];
}

/** The configured sites, by key. */
export class Sites {
  readonly #sites = new Map<string, Site>();

  /**
   * @param makeLimits - builds a site's limits (its own budgets; in cluster mode its own Redis keys).
   * @param publicOrigin - `PUBLIC_ORIGIN`: this server's own pages, allowed for every site.
   */
  constructor(config: SitesConfig, makeLimits: (site: SiteConfig) => EventLimits, publicOrigin?: string) {
    for (const site of config.sites) {
      const origins = site.origins.includes('*') ? undefined : site.origins;
      this.#sites.set(site.key, { config: site, origins: new OriginPolicy(origins, publicOrigin), limits: makeLimits(site) });
    }
  }

  /** Whether `key` is a configured site. */
  has(key: string | undefined): boolean {
    return key !== undefined && this.#sites.has(key);
  }

  /** A site's limits (undefined for an unknown or missing key). */
  limitsFor(key: string | undefined): EventLimits | undefined {
    return key === undefined ? undefined : this.#sites.get(key)?.limits;
  }

  /** Whether a site requires `termsAccepted` (its own `requireTerms`, else `fallback`). */
  requiresTerms(key: string | undefined, fallback: boolean): boolean {
    const own = key === undefined ? undefined : this.#sites.get(key)?.config.requireTerms;
    return own ?? fallback;
  }

  /**
   * The admission check: a missing or unknown site key is refused with `unknown_site`, an origin
   * the site does not allow with `origin_not_allowed` (clients that send no `Origin`, and pages
   * served by this server itself from `PUBLIC_ORIGIN`, are allowed, as with `ALLOWED_ORIGINS`;
   * the `Host` header is not trusted).
   */
  admission(): AdmissionCheck {
    return ({ siteKey, origin }) => {
      const site = siteKey === undefined ? undefined : this.#sites.get(siteKey);
      if (!site) {
        return { code: ErrorCode.UnknownSite, message: siteKey === undefined ? 'This server hosts several sites: send a siteKey.' : 'Unknown siteKey.' };
      }
      if (!site.origins.allows(origin)) {
        return { code: ErrorCode.OriginNotAllowed, message: 'This origin may not connect to this site.' };
      }
      return undefined;
    };
  }
}
