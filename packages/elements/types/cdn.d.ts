// Types of `@novu-chat/elements/cdn/novu-chat.js` (dist/cdn/novu-chat.js): the CDN file is built
// from dist/index.js with lit, the SDK and socket.io-client inlined, so it exports (and registers)
// exactly what the package root does.
export * from '../dist/index.js';
