/**
 * The matchmaking scripts registered on one ioredis connection (EVALSHA, with ioredis
 * loading a script again after a Redis restart or SCRIPT FLUSH).
 * @module
 */
import type { Redis } from 'ioredis';
import {
  COUNTS_SCRIPT,
  DISPOSE_SCRIPT,
  EXPIRE_SCRIPT,
  HEARTBEAT_SCRIPT,
  IS_WAITING_SCRIPT,
  JOIN_SCRIPT,
  LEAVE_SCRIPT,
  NEXT_DEADLINE_SCRIPT,
  RECORD_SCRIPT,
  SWEEP_SCRIPT,
} from './redis-scripts.js';

/** A registered script: arguments go to ARGV (no KEYS); the reply is Redis's, unchecked. */
export type ScriptCall = (...args: string[]) => Promise<unknown>;

/** Registers a script as an ioredis command (once per connection) and returns a caller for it. */
function define(redis: Redis, name: string, lua: string): ScriptCall {
  if (typeof Reflect.get(redis, name) !== 'function') redis.defineCommand(name, { numberOfKeys: 0, lua });
  const command: unknown = Reflect.get(redis, name);
  if (typeof command !== 'function') throw new Error(`ioredis did not define the command ${name}`);
  return (...args) => Promise.resolve(Reflect.apply(command, redis, args) as unknown);
}

/** The matchmaking scripts on one connection. */
export class RedisScripts {
  readonly join: ScriptCall;
  readonly leave: ScriptCall;
  readonly isWaiting: ScriptCall;
  readonly record: ScriptCall;
  readonly expire: ScriptCall;
  readonly nextDeadline: ScriptCall;
  readonly counts: ScriptCall;
  readonly heartbeat: ScriptCall;
  readonly sweep: ScriptCall;
  readonly dispose: ScriptCall;

  constructor(redis: Redis) {
    this.join = define(redis, 'novuMmJoin', JOIN_SCRIPT);
    this.leave = define(redis, 'novuMmLeave', LEAVE_SCRIPT);
    this.isWaiting = define(redis, 'novuMmIsWaiting', IS_WAITING_SCRIPT);
    this.record = define(redis, 'novuMmRecord', RECORD_SCRIPT);
    this.expire = define(redis, 'novuMmExpire', EXPIRE_SCRIPT);
    this.nextDeadline = define(redis, 'novuMmNextDeadline', NEXT_DEADLINE_SCRIPT);
    this.counts = define(redis, 'novuMmCounts', COUNTS_SCRIPT);
    this.heartbeat = define(redis, 'novuMmHeartbeat', HEARTBEAT_SCRIPT);
    this.sweep = define(redis, 'novuMmSweep', SWEEP_SCRIPT);
    this.dispose = define(redis, 'novuMmDispose', DISPOSE_SCRIPT);
  }
}
