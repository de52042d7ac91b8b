import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

/**
 * Fields that must never reach a log line whatever a caller passes: message text, SDP and raw
 * network details. Callers log connection ids and keyed hashes only.
 */
const REDACT = [
  'text', '*.text', 'sdp', '*.sdp', 'candidate', '*.candidate',
  'address', '*.address', 'headers', '*.headers', 'handshake', '*.handshake',
];

/**
 * Structured JSON logs (pino). Callers log connection ids and keyed hashes only:
 * never message text, never a raw IP. `destination` defaults to stdout (tests capture it).
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'novu-chat-server' }, redact: { paths: REDACT, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
