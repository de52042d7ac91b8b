import { randomBytes } from 'node:crypto';

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
  /** Proxy hops to trust for X-Forwarded-For (`TRUST_PROXY`; `true` = 1, default 0: use the socket address). */
  trustProxy: number;
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
}

/** Defaults of every setting. */
export const DEFAULT_OPTIONS: Readonly<Omit<NovuServerOptions, 'hashSalt'>> = Object.freeze({
  port: 3001,
  host: undefined,
  allowedOrigins: undefined,
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
  logLevel: 'info',
  statsIntervalMs: 5_000,
  shutdownGraceMs: 5_000,
  demoPage: true,
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
    'port', 'trustProxy', 'interestTimeoutMs', 'repeatAvoidMs', 'resumeGraceMs',
    'statsIntervalMs', 'shutdownGraceMs',
  ];
  for (const key of nonNegative) checkInteger(key, options[key], 0);
  const positive: (keyof NovuServerOptions)[] = [
    'rateLimitConnections', 'rateLimitMessages', 'rateLimitJoins', 'rateLimitSignals', 'rateLimitTyping',
  ];
  for (const key of positive) checkInteger(key, options[key], 1);
  if (options.port > 65_535) throw new ConfigError('port', 'must be at most 65535');
  if (!LOG_LEVELS.includes(options.logLevel)) {
    throw new ConfigError('logLevel', `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  if (options.adminToken !== undefined && options.adminToken.length < 16) {
    throw new ConfigError('adminToken', 'must be at least 16 characters');
  }
  return options;
}

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
  hashSalt: ['HASH_SALT', (raw) => raw],
  logLevel: ['LOG_LEVEL', (raw) => raw as LogLevel],
  statsIntervalMs: ['STATS_INTERVAL_MS', parseInteger],
  shutdownGraceMs: ['SHUTDOWN_GRACE_MS', parseInteger],
  demoPage: ['DEMO_PAGE', parseBoolean],
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

function parseInteger(raw: string, name: string): number {
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  return Number(raw);
}

function parseBoolean(raw: string, name: string): boolean {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

function parseTrustProxy(raw: string, name: string): number {
  if (/^true$/i.test(raw)) return 1;
  if (/^false$/i.test(raw)) return 0;
  return parseInteger(raw, name);
}

function parseList(raw: string): string[] {
  return raw.split(',').map((s) => s.trim().replace(/\/+$/, '')).filter(Boolean);
}
