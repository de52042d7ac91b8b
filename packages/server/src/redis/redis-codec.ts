/**
 * How {@link RedisMatchmaker} encodes requests, interest lists and bucket keys for Redis.
 * @module
 */
import type { Mode } from '@novu-chat/protocol';
import { isMode } from '../matchmaking/checks.js';
import type { JoinRequest } from '../matchmaking/types.js';

/**
 * A list of strings as one string the Lua scripts split without a JSON decoder: each item
 * as its UTF-8 byte length, a colon and the item (`['music', 'art']` → `5:music3:art`).
 */
export function packList(items: readonly string[]): string {
  let out = '';
  for (const item of items) out += `${Buffer.byteLength(item, 'utf8')}:${item}`;
  return out;
}

/**
 * The key prefix of the lists of one mode and pool: `<prefix>b:<mode>:<n>:<pool>:`, where
 * `n` is the pool's UTF-8 byte length, so no two (mode, pool) pairs share a prefix.
 */
export function bucketPrefix(keyPrefix: string, mode: Mode, pool: string): string {
  return `${keyPrefix}b:${mode}:${Buffer.byteLength(pool, 'utf8')}:${pool}:`;
}

/**
 * The request as stored with its entry: every field it carries (`ipKey`, `node`, … come back
 * with the match), `interests` as an array.
 */
export function storedRequest(request: JoinRequest): string {
  return JSON.stringify({ ...request, interests: [...request.interests] });
}

/** Whether a value is an array of strings. */
function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * A stored request read back (the fields it was stored with).
 * @throws TypeError when the text is not a stored request.
 */
export function parseRequest(json: string): JoinRequest {
  const value: unknown = JSON.parse(json);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { id, clientKey, mode, interests, pool } = value as Record<string, unknown>;
    if (
      typeof id === 'string' &&
      typeof clientKey === 'string' &&
      typeof mode === 'string' &&
      isMode(mode) &&
      isStringArray(interests) &&
      (pool === undefined || typeof pool === 'string')
    ) {
      return value as JoinRequest;
    }
  }
  throw new TypeError(`not a stored join request: ${json.slice(0, 200)}`);
}
