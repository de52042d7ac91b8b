import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

/**
 * Structured JSON logs (pino). Callers log connection ids and keyed hashes only:
 * never message text, never a raw IP.
 */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'novu-chat-server' } });
}
