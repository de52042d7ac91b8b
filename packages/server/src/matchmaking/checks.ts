/**
 * Checks both matchmaking engines (memory and Redis) apply to their options and join requests,
 * stated once.
 * @module
 */
import { MODES, type Mode } from '@novu-chat/protocol';

/** Checks a duration option (ms): finite and not negative. */
export function duration(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${String(value)}`);
  }
  return value;
}

/** Checks a positive whole number option. */
export function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a whole number > 0, got ${String(value)}`);
  }
  return value;
}

/** Whether a value is one of the protocol's `MODES`. */
export function isMode(value: unknown): value is Mode {
  return (MODES as readonly unknown[]).includes(value);
}

/** @throws RangeError when the mode is not one of `MODES`. */
export function checkMode(mode: unknown): Mode {
  if (!isMode(mode)) throw new RangeError(`unknown mode: ${String(mode)}`);
  return mode;
}

/** The list without duplicates (first occurrence kept, order kept), as a new array. */
export function distinct(list: readonly string[]): string[] {
  if (list.length > 16) return [...new Set(list)];
  const out: string[] = [];
  for (const item of list) if (!out.includes(item)) out.push(item);
  return out;
}
