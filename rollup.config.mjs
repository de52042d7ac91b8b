// Every browser bundle of the monorepo, built after `tsc -b` by `npm run build`.
// Each package keeps its own config beside its sources; this file gathers them.
import sdk from './packages/sdk/rollup.config.mjs';
import adminUi from './packages/server/admin-ui/rollup.config.mjs';
import elements from './packages/elements/rollup.config.mjs';
import safety from './packages/safety/rollup.config.mjs';

export default [sdk, adminUi, elements, safety].flat();
