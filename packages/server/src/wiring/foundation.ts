import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { ClusterMode } from '../cluster/cluster-mode.js';
import { resolveOptions, type NovuServerOptions } from '../config.js';
import { OriginPolicy } from '../http/origin-policy.js';
import { KeyedHash } from '../keyed-hash.js';
import { EventLimits } from '../limits/event-limits.js';
import { LimitsBySite } from '../limits/limits-by-site.js';
import { createLogger } from '../log.js';
import { loadSites } from '../sites/site-config.js';
import { siteOptions, siteOrigins, Sites } from '../sites/sites.js';
import type { NovuServerWiring } from './server-wiring.js';

/** The settings and the pieces everything else is built on. */
export interface Foundation {
  options: NovuServerOptions;
  log: Logger;
  adminToken: string;
  /** Whether the admin token was generated at start. */
  adminTokenGenerated: boolean;
  hash: KeyedHash;
  origins: OriginPolicy;
  /** Cluster mode (`REDIS_URL`): the Redis-backed pieces. */
  cluster: ClusterMode | undefined;
  /** Multi-site servers (`SITES_FILE`). */
  sites: Sites | undefined;
  limits: LimitsBySite;
}

/** Resolve the settings; make the logger, hashing, origin policy, cluster mode, sites and limits. */
export function buildFoundation(input: Partial<NovuServerOptions>, wiring: NovuServerWiring): Foundation {
  const options = resolveOptions(input);
  const sitesConfig = options.sitesFile !== undefined ? loadSites(options.sitesFile) : undefined;
  const log = createLogger(options.logLevel, wiring.logDestination);
  const origins = new OriginPolicy(sitesConfig ? siteOrigins(sitesConfig, options.allowedOrigins) : options.allowedOrigins, options.publicOrigin);
  const cluster = options.redisUrl ? new ClusterMode({ ...options, redisUrl: options.redisUrl }, log) : undefined;
  const serverWide = new EventLimits(options, cluster ? { redis: cluster.redis, keyPrefix: cluster.keyPrefix } : undefined);
  const sites = sitesConfig && new Sites(sitesConfig, (site) => new EventLimits(
    siteOptions(options, site),
    cluster ? { redis: cluster.redis, keyPrefix: `${cluster.keyPrefix}site:${Buffer.byteLength(site.key)}:${site.key}:` } : undefined,
  ), options.publicOrigin);
  return {
    options,
    log,
    adminToken: options.adminToken ?? randomBytes(24).toString('base64url'),
    adminTokenGenerated: options.adminToken === undefined,
    hash: new KeyedHash(options.hashSalt),
    origins,
    cluster,
    sites,
    limits: new LimitsBySite(serverWide, sites),
  };
}
