/**
 * The multi-site configuration (`SITES_FILE`): which sites a server hosts, the origins each may
 * be embedded on, and each site's own limits. Validated with zod; see docs/configuration.md.
 * @module
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Limits } from '@novu-chat/protocol';
import { ConfigError } from '../config.js';
import { describeIssues } from '../validation/schemas.js';
import { isOrigin } from '../web-origin.js';

const positive = z.number().int().min(1);

/** One site's limits; each overrides the server-wide `RATE_LIMIT_*` setting of the same name. */
const siteLimitsSchema = z.strictObject({
  /** New connections per IP per minute (`RATE_LIMIT_CONNECTIONS`). */
  connections: positive.optional(),
  /** Chat messages per connection per 10 s (`RATE_LIMIT_MESSAGES`). */
  messages: positive.optional(),
  /** `queue:join` per connection per 10 s (`RATE_LIMIT_JOINS`). */
  joins: positive.optional(),
  /** Signaling events per connection per 10 s (`RATE_LIMIT_SIGNALS`). */
  signals: positive.optional(),
  /** Typing and light events per connection per 10 s (`RATE_LIMIT_TYPING`). */
  typing: positive.optional(),
});

const originSchema = z.string().refine((value) => value === '*' || isOrigin(value), {
  message: 'must be an origin such as https://example.com (scheme, host and optional port, no path) or "*"',
});

/** One site. */
const siteSchema = z.strictObject({
  key: z.string().min(1).max(Limits.maxSiteKeyLength),
  origins: z.array(originSchema),
  limits: siteLimitsSchema.optional(),
  requireTerms: z.boolean().optional(),
});

/** The whole file. */
export const sitesFileSchema = z.strictObject({
  sites: z.array(siteSchema).min(1).refine((sites) => new Set(sites.map((s) => s.key)).size === sites.length, {
    message: 'site keys must be unique',
  }),
});

/** A site's limits as configured. */
export type SiteLimits = z.infer<typeof siteLimitsSchema>;
/** One configured site. */
export type SiteConfig = z.infer<typeof siteSchema>;
/** The parsed `SITES_FILE`. */
export type SitesConfig = z.infer<typeof sitesFileSchema>;

/** Parse and validate a sites configuration; throws a `ConfigError` naming `sitesFile`. */
export function parseSites(value: unknown): SitesConfig {
  const parsed = sitesFileSchema.safeParse(value);
  if (!parsed.success) throw new ConfigError('sitesFile', describeIssues(parsed.error));
  return parsed.data;
}

/** Read, parse and validate `SITES_FILE`; throws a `ConfigError` naming `sitesFile`. */
export function loadSites(path: string): SitesConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('sitesFile', `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('sitesFile', `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseSites(json);
}
