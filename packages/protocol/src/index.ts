/**
 * The Novu Chat wire contract, shared by the server, the SDK, the docs and the tests.
 *
 * Zero dependencies: event names, payload types, limits and error codes only.
 * `docs/protocol.md` is the prose version of this module.
 * @packageDocumentation
 */
export * from './version.js';
export * from './events.js';
export * from './payloads.js';
export * from './limits.js';
export * from './errors.js';
export * from './interests.js';
export * from './text.js';
