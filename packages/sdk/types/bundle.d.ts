// Types of `@novu-chat/sdk/bundle` (dist/bundle/novu-sdk.min.js): the browser bundle is built from
// dist/index.js with socket.io-client inlined, so it exports exactly what the package root does.
export * from '../dist/index.js';
