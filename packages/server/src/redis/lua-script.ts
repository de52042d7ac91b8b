/**
 * A Lua script with a typed argument builder, and how it is registered on an ioredis
 * connection (EVALSHA, with ioredis loading a script again after a Redis restart or SCRIPT
 * FLUSH). Call sites pass named arguments; only the builder beside the script knows their order.
 * @module
 */
import type { Redis } from 'ioredis';

/** One script: its ioredis command name, its Lua, and how its arguments become ARGV (no KEYS). */
export interface LuaScript<A> {
  readonly name: string;
  readonly lua: string;
  argv(args: A): string[];
}

/** A script's arguments as ARGV: numbers as decimal strings, booleans as `1`/`0`. */
export function luaScript<A>(name: string, lua: string, argv: (args: A) => readonly (string | number | boolean)[]): LuaScript<A> {
  return {
    name,
    lua,
    argv: (args) => argv(args).map((value) => (typeof value === 'boolean' ? (value ? '1' : '0') : String(value))),
  };
}

/** A script bound to a connection: call it with its arguments; the reply is Redis's, unchecked. */
export type BoundScript<A> = (args: A) => Promise<unknown>;

/** Registers a script as an ioredis command (once per connection) and returns a caller for it. */
export function bindScript<A>(redis: Redis, script: LuaScript<A>): BoundScript<A> {
  const { name, lua } = script;
  if (typeof Reflect.get(redis, name) !== 'function') redis.defineCommand(name, { numberOfKeys: 0, lua });
  const command: unknown = Reflect.get(redis, name);
  if (typeof command !== 'function') throw new Error(`ioredis did not define the command ${name}`);
  return (args) => Promise.resolve(Reflect.apply(command, redis, script.argv(args)) as unknown);
}

/** Several scripts bound to one connection, by the names given. */
export type BoundScripts<T> = { readonly [K in keyof T]: T[K] extends LuaScript<infer A> ? BoundScript<A> : never };

/** Bind every script of `scripts` to a connection. */
export function bindScripts<T extends Record<string, LuaScript<never>>>(redis: Redis, scripts: T): BoundScripts<T> {
  const bound: Record<string, BoundScript<never>> = {};
  for (const [key, script] of Object.entries(scripts)) bound[key] = bindScript(redis, script);
  return bound as BoundScripts<T>;
}
