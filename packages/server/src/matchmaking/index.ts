/**
 * Matchmaking: the engine's interface, the in-memory engine and its building blocks.
 * @packageDocumentation
 */
export type { JoinRequest, Match, Matchmaker, MatchmakerOptions, WaitingCounts } from './types.js';
export { MemoryMatchmaker } from './memory-matchmaker.js';
export { RepeatGuard } from './repeat-guard.js';
export { LinkedQueue, type QueueNode } from './linked-queue.js';
