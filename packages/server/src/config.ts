import { randomBytes } from 'node:crypto';
import { trustProxyListProblem, type TrustProxySetting } from './http/trusted-proxies.js';
import { isOrigin } from './web-origin.js';

export type { TrustProxySetting };

/** Log verbosity (pino levels). */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** A rate limit: `points` events per `durationMs`. */
export interface RateLimitRule {
  points: number;
  durationMs: number;
}

/** Every setting of the server, with its defaults. One place: `docs/configuration.md` documents each. */
export interface NovuServerOptions {
  /** TCP port (`PORT`, default 3001). 0 picks a free port. */
  port: number;
  /** Interface to bind (`HOST`, default all interfaces). */
  host: string | undefined;
  /** Origins allowed to connect (`ALLOWED_ORIGINS`, comma list). Undefined: every origin (a warning is logged). */
  allowedOrigins: string[] | undefined;
  /**
   * The origin the server's own pages (the demo page) are served from, e.g. `https://chat.example.com`
   * (`PUBLIC_ORIGIN`): allowed to connect beside `allowedOrigins`. Undefined: only `allowedOrigins`.
   */
  publicOrigin: string | undefined;
  /**
   * Which reverse proxies' X-Forwarded-For to believe (`TRUST_PROXY`, default 0: none, use the
   * socket address). A hop count n (`true` = 1) believes it only from a peer on a private network
   * (loopback, RFC 1918, CGNAT, link-local, unique-local) and takes the n-th entry from the right;
   * a list of addresses and CIDR ranges believes it only from a peer in the list and walks it from
   * the right past every listed address.
   */
  trustProxy: TrustProxySetting;
  /** How long a user with interests is matched only on a shared interest (`INTEREST_TIMEOUT_MS`, default 10 000). */
  interestTimeoutMs: number;
  /** How long former partners are kept apart (`REPEAT_AVOID_MS`, default 300 000). */
  repeatAvoidMs: number;
  /** How long a matched client's room is held after its transport drops (`RESUME_GRACE_MS`, default 15 000). */
  resumeGraceMs: number;
  /** New connections per IP per minute (`RATE_LIMIT_CONNECTIONS`, default 10). */
  rateLimitConnections: number;
  /** Chat messages per socket per 10 s (`RATE_LIMIT_MESSAGES`, default 30). */
  rateLimitMessages: number;
  /** `queue:join` per socket (`RATE_LIMIT_JOINS` per 10 s, default 20). */
  rateLimitJoins: number;
  /** Signaling events (`signal:*`) per socket per 10 s (`RATE_LIMIT_SIGNALS`, default 300). */
  rateLimitSignals: number;
  /** `chat:typing` and other light events per socket per 10 s (`RATE_LIMIT_TYPING`, default 40). */
  rateLimitTyping: number;
  /** Bearer token for `/api/admin/*` (`ADMIN_TOKEN`). Undefined: one is generated at start and printed once. */
  adminToken: string | undefined;
  /** Bearer token for `/metrics` (`METRICS_TOKEN`, at least 16 characters). Undefined: `/metrics` is served only on `metricsPort`. */
  metricsToken: string | undefined;
  /** Serve `/metrics` on this separate port (`METRICS_PORT`; 0 picks a free one). Undefined: no metrics server. */
  metricsPort: number | undefined;
  /**
   * Interface of the `metricsPort` listener (`METRICS_HOST`). Undefined: `127.0.0.1` unless
   * `metricsToken` is set (then the server's `host`): unauthenticated metrics stay on loopback.
   */
  metricsHost: string | undefined;
  /** Secret key for hashing IPs and client ids (`HASH_SALT`). Undefined: random per process. */
  hashSalt: string;
  /** Log level (`LOG_LEVEL`, default `info`). */
  logLevel: LogLevel;
  /** Interval of the `stats` broadcast (`STATS_INTERVAL_MS`, default 5 000). 0 disables. */
  statsIntervalMs: number;
  /** Longest a graceful stop waits for clients to leave after `server:shutdown` (`SHUTDOWN_GRACE_MS`, default 5 000). */
  shutdownGraceMs: number;
  /** Serve the demo page at `/` (`DEMO_PAGE`, default true). */
  demoPage: boolean;
  /** Cluster mode: share queue, rooms and limits in this Redis (`REDIS_URL`). Unset: one process, in memory. */
  redisUrl: string | undefined;
  /** Prefix of every Redis key (`REDIS_KEY_PREFIX`, default `novu:`): several deployments can share a Redis. */
  redisKeyPrefix: string;
  /** This process's id in the cluster (`PROCESS_ID`; default hostname-pid-random). */
  processId: string | undefined;
  /** Distinct reporters (by hashed IP) whose reports within `reportWindowMs` ban a user (`REPORT_BAN_THRESHOLD`, default 3). */
  reportBanThreshold: number;
  /** The window in which reports are counted (`REPORT_WINDOW_MS`, default 600 000: 10 minutes). */
  reportWindowMs: number;
  /** How long a ban made by reports lasts (`BAN_DURATION_MS`, default 3 600 000: 1 hour). */
  banDurationMs: number;
  /** Every report is POSTed here as JSON (`REPORT_WEBHOOK_URL`, http or https). Undefined: no webhook. */
  reportWebhookUrl: string | undefined;
  /**
   * HMAC-SHA256 key signing every webhook body (`REPORT_WEBHOOK_SECRET`, at least 16 characters;
   * header `X-Novu-Signature`, see docs/moderation.md). Required with a webhook URL when
   * `NODE_ENV=production`; elsewhere undefined sends unsigned bodies (with a warning).
   */
  reportWebhookSecret: string | undefined;
  /** coturn's `static-auth-secret` (`TURN_SECRET`): `match:found` then carries time-limited TURN credentials. */
  turnSecret: string | undefined;
  /** TURN server URLs (`TURN_URLS`, comma list of `turn:`/`turns:` URLs); required with `turnSecret`. */
  turnUrls: string[] | undefined;
  /** STUN server URLs sent beside the TURN ones (`STUN_URLS`, comma list of `stun:`/`stuns:` URLs). */
  stunUrls: string[] | undefined;
  /** Lifetime of TURN credentials in seconds (`TURN_TTL_S`, default 3600). */
  turnTtlS: number;
  /** Relay-only mode (`FORCE_RELAY`, default false): `match:found` says `iceTransportPolicy: 'relay'`. Needs TURN. */
  forceRelay: boolean;
  /** Multi-site configuration file (`SITES_FILE`, JSON; see docs/configuration.md). Undefined: one site. */
  sitesFile: string | undefined;
  /** Refuse connections without `termsAccepted: true` in the handshake (`REQUIRE_TERMS`, default false). */
  requireTerms: boolean;
  /** Concurrent transport connections per IP, counted before Socket.IO's CONNECT (`MAX_CONNECTIONS_PER_IP`, default 20). */
  maxConnectionsPerIp: number;
  /** How long a transport connection may wait before sending Socket.IO's CONNECT (`CONNECT_TIMEOUT_MS`, default 5 000). */
  connectTimeoutMs: number;
  /** Refused events (any error) a connection may send per 10 s before it is disconnected (`REFUSED_EVENT_BUDGET`, default 20). */
  refusedEventBudget: number;
}

/** Defaults of every setting. */
export const DEFAULT_OPTIONS: Readonly<Omit<NovuServerOptions, 'hashSalt'>> = Object.freeze({
  port: 3001,
  host: undefined,
  allowedOrigins: undefined,
  publicOrigin: undefined,
  trustProxy: 0,
  interestTimeoutMs: 10_000,
  repeatAvoidMs: 300_000,
  resumeGraceMs: 15_000,
  rateLimitConnections: 10,
  rateLimitMessages: 30,
  rateLimitJoins: 20,
  rateLimitSignals: 300,
  rateLimitTyping: 40,
  adminToken: undefined,
  metricsToken: undefined,
  metricsPort: undefined,
  metricsHost: undefined,
  logLevel: 'info',
  statsIntervalMs: 5_000,
  shutdownGraceMs: 5_000,
  demoPage: true,
  redisUrl: undefined,
  redisKeyPrefix: 'novu:',
  processId: undefined,
  reportBanThreshold: 3,
  reportWindowMs: 600_000,
  banDurationMs: 3_600_000,
  reportWebhookUrl: undefined,
  reportWebhookSecret: undefined,
  turnSecret: undefined,
  turnUrls: undefined,
  stunUrls: undefined,
  turnTtlS: 3_600,
  forceRelay: false,
  sitesFile: undefined,
  requireTerms: false,
  maxConnectionsPerIp: 20,
  connectTimeoutMs: 5_000,
  refusedEventBudget: 20,
});

/** Fill in defaults and check ranges. Throws a `ConfigError` naming the bad setting. */
export function resolveOptions(input: Partial<NovuServerOptions> = {}): NovuServerOptions {
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const options: NovuServerOptions = {
    ...DEFAULT_OPTIONS,
    hashSalt: randomBytes(32).toString('hex'),
    ...defined,
  };
  const nonNegative: (keyof NovuServerOptions)[] = [
    'port', 'interestTimeoutMs', 'repeatAvoidMs', 'resumeGraceMs',
    'statsIntervalMs', 'shutdownGraceMs',
  ];
  for (const key of nonNegative) checkInteger(key, options[key], 0);
  const positive: (keyof NovuServerOptions)[] = [
    'rateLimitConnections', 'rateLimitMessages', 'rateLimitJoins', 'rateLimitSignals', 'rateLimitTyping',
    'reportBanThreshold', 'reportWindowMs', 'banDurationMs', 'turnTtlS',
    'maxConnectionsPerIp', 'connectTimeoutMs', 'refusedEventBudget',
  ];
  for (const key of positive) checkInteger(key, options[key], 1);
  if (options.port > 65_535) throw new ConfigError('port', 'must be at most 65535');
  if (Array.isArray(options.trustProxy)) {
    const problem = trustProxyListProblem(options.trustProxy);
    if (problem !== undefined) throw new ConfigError('trustProxy', problem);
  } else {
    checkInteger('trustProxy', options.trustProxy, 0);
  }
  if (!LOG_LEVELS.includes(options.logLevel)) {
    throw new ConfigError('logLevel', `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  if (options.redisUrl !== undefined) {
    // Secrets every process must agree on cannot be generated per process.
    if (options.adminToken === undefined) throw new ConfigError('adminToken', 'ADMIN_TOKEN is required in cluster mode (REDIS_URL)');
    if (input.hashSalt === undefined) throw new ConfigError('hashSalt', 'HASH_SALT is required in cluster mode (REDIS_URL)');
    if (!/^rediss?:\/\//.test(options.redisUrl)) throw new ConfigError('redisUrl', 'must start with redis:// or rediss://');
  }
  if (process.env.NODE_ENV === 'production') {
    if (input.hashSalt === undefined) throw new ConfigError('hashSalt', 'HASH_SALT is required in production (NODE_ENV=production)');
    // A short salt can be brute-forced from one known IP and its hash, and then every hash read back.
    if (options.hashSalt.length < MIN_PRODUCTION_SALT) {
      throw new ConfigError('hashSalt', `must be at least ${MIN_PRODUCTION_SALT} characters in production (e.g. openssl rand -hex 32)`);
    }
  }
  checkSafety(options);
  if (options.metricsToken !== undefined && options.metricsToken.length < 16) {
    throw new ConfigError('metricsToken', 'must be at least 16 characters');
  }
  if (options.metricsPort !== undefined) {
    checkInteger('metricsPort', options.metricsPort, 0);
    if (options.metricsPort > 65_535) throw new ConfigError('metricsPort', 'must be at most 65535');
  }
  if (options.adminToken !== undefined && options.adminToken.length < 16) {
    throw new ConfigError('adminToken', 'must be at least 16 characters');
  }
  return options;
}

/** Moderation, TURN and site settings: URLs, and TURN settings that only work together. */
function checkSafety(options: NovuServerOptions): void {
  if (options.publicOrigin !== undefined && !isOrigin(options.publicOrigin)) {
    throw new ConfigError('publicOrigin', 'must be an origin: http(s)://host[:port], no path');
  }
  if (options.reportWebhookUrl !== undefined && !isHttpUrl(options.reportWebhookUrl)) {
    throw new ConfigError('reportWebhookUrl', 'must be an http:// or https:// URL');
  }
  if (options.reportWebhookSecret !== undefined && options.reportWebhookSecret.length < 16) {
    throw new ConfigError('reportWebhookSecret', 'must be at least 16 characters');
  }
  if (options.reportWebhookUrl !== undefined && options.reportWebhookSecret === undefined && process.env.NODE_ENV === 'production') {
    throw new ConfigError('reportWebhookSecret', 'REPORT_WEBHOOK_SECRET is required with REPORT_WEBHOOK_URL in production (NODE_ENV=production): the receiver must be able to tell real reports from forged ones');
  }
  const urls = (key: 'turnUrls' | 'stunUrls', scheme: string) => {
    const list = options[key];
    if (list === undefined) return;
    if (!Array.isArray(list) || list.length === 0) throw new ConfigError(key, 'must list at least one URL');
    const bad = list.find((url) => typeof url !== 'string' || !(url.startsWith(`${scheme}:`) || url.startsWith(`${scheme}s:`)));
    if (bad !== undefined) throw new ConfigError(key, `"${String(bad)}" is not a ${scheme}: or ${scheme}s: URL`);
  };
  urls('turnUrls', 'turn');
  urls('stunUrls', 'stun');
  if ((options.turnSecret === undefined) !== (options.turnUrls === undefined)) {
    throw new ConfigError(options.turnSecret === undefined ? 'turnSecret' : 'turnUrls', 'TURN_SECRET and TURN_URLS go together');
  }
  if (options.turnSecret !== undefined && options.turnSecret.length < 16) {
    throw new ConfigError('turnSecret', 'must be at least 16 characters');
  }
  if (options.forceRelay && options.turnSecret === undefined) {
    throw new ConfigError('forceRelay', 'FORCE_RELAY needs TURN_SECRET and TURN_URLS (media can only flow through TURN)');
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Shortest `HASH_SALT` accepted when `NODE_ENV=production`. */
const MIN_PRODUCTION_SALT = 32;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function checkInteger(key: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ConfigError(key, `must be an integer ≥ ${min}`);
  }
}

/** A setting with a bad value. */
export class ConfigError extends Error {
  constructor(readonly setting: string, reason: string) {
    super(`Invalid setting ${setting}: ${reason}`);
    this.name = 'ConfigError';
  }
}

/** Environment variable → option, with its parser. */
const ENV: { [K in keyof NovuServerOptions]?: [string, (raw: string, name: string) => NovuServerOptions[K]] } = {
  port: ['PORT', parseInteger],
  host: ['HOST', (raw) => raw],
  allowedOrigins: ['ALLOWED_ORIGINS', parseList],
  publicOrigin: ['PUBLIC_ORIGIN', (raw) => raw.replace(/\/+$/, '')],
  trustProxy: ['TRUST_PROXY', parseTrustProxy],
  interestTimeoutMs: ['INTEREST_TIMEOUT_MS', parseInteger],
  repeatAvoidMs: ['REPEAT_AVOID_MS', parseInteger],
  resumeGraceMs: ['RESUME_GRACE_MS', parseInteger],
  rateLimitConnections: ['RATE_LIMIT_CONNECTIONS', parseInteger],
  rateLimitMessages: ['RATE_LIMIT_MESSAGES', parseInteger],
  rateLimitJoins: ['RATE_LIMIT_JOINS', parseInteger],
  rateLimitSignals: ['RATE_LIMIT_SIGNALS', parseInteger],
  rateLimitTyping: ['RATE_LIMIT_TYPING', parseInteger],
  adminToken: ['ADMIN_TOKEN', (raw) => raw],
  metricsToken: ['METRICS_TOKEN', (raw) => raw],
  metricsPort: ['METRICS_PORT', parseInteger],
  metricsHost: ['METRICS_HOST', (raw) => raw],
  hashSalt: ['HASH_SALT', (raw) => raw],
  logLevel: ['LOG_LEVEL', (raw) => raw as LogLevel],
  statsIntervalMs: ['STATS_INTERVAL_MS', parseInteger],
  shutdownGraceMs: ['SHUTDOWN_GRACE_MS', parseInteger],
  demoPage: ['DEMO_PAGE', parseBoolean],
  redisUrl: ['REDIS_URL', (raw) => raw],
  redisKeyPrefix: ['REDIS_KEY_PREFIX', (raw) => raw],
  processId: ['PROCESS_ID', (raw) => raw],
  reportBanThreshold: ['REPORT_BAN_THRESHOLD', parseInteger],
  reportWindowMs: ['REPORT_WINDOW_MS', parseInteger],
  banDurationMs: ['BAN_DURATION_MS', parseInteger],
  reportWebhookUrl: ['REPORT_WEBHOOK_URL', (raw) => raw],
  reportWebhookSecret: ['REPORT_WEBHOOK_SECRET', (raw) => raw],
  turnSecret: ['TURN_SECRET', (raw) => raw],
  turnUrls: ['TURN_URLS', parseUrlList],
  stunUrls: ['STUN_URLS', parseUrlList],
  turnTtlS: ['TURN_TTL_S', parseInteger],
  forceRelay: ['FORCE_RELAY', parseBoolean],
  sitesFile: ['SITES_FILE', (raw) => raw],
  requireTerms: ['REQUIRE_TERMS', parseBoolean],
  maxConnectionsPerIp: ['MAX_CONNECTIONS_PER_IP', parseInteger],
  connectTimeoutMs: ['CONNECT_TIMEOUT_MS', parseInteger],
  refusedEventBudget: ['REFUSED_EVENT_BUDGET', parseInteger],
};

/** Read options from environment variables (empty values count as unset). */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<NovuServerOptions> {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(ENV)) {
    if (!entry) continue;
    const [name, parse] = entry;
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') continue;
    out[key] = (parse as (raw: string, name: string) => unknown)(raw, name);
  }
  return out as Partial<NovuServerOptions>;
}

/**
 * `V8_PRETENURING` (CLI only, read by the launcher before the server loads): whether to keep V8's
 * allocation-site pretenuring. Unset or empty: `false`. Parsed like every other boolean setting.
 */
export function v8PretenuringFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env.V8_PRETENURING;
  return raw ? parseBoolean(raw, 'V8_PRETENURING') : false;
}

function parseInteger(raw: string, name: string): number {
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  return Number(raw);
}

function parseBoolean(raw: string, name: string): boolean {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

/** `true`/`false`, a hop count, or a comma list of proxy addresses and CIDR ranges. */
function parseTrustProxy(raw: string, name: string): TrustProxySetting {
  if (/^true$/i.test(raw)) return 1;
  if (/^false$/i.test(raw)) return 0;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const problem = trustProxyListProblem(list);
  if (problem !== undefined) throw new ConfigError(name, `expected a hop count or a list of proxy addresses/CIDR ranges: ${problem}`);
  return list;
}

function parseList(raw: string): string[] {
  return raw.split(',').map((s) => s.trim().replace(/\/+$/, '')).filter(Boolean);
}

function parseUrlList(raw: string): string[] {
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}
