// dist/bundle/kustodian.js: runs the bundled program (kustodian.cjs) through the code cache (see run-cached.ts).
import { runCached } from './run-cached.js';

runCached(new URL('./kustodian.cjs', import.meta.url));
