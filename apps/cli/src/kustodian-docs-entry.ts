// dist/bundle/kustodian-docs.js: runs the bundled program (kustodian-docs.cjs) through the code cache (see run-cached.ts).
import { runCached } from './run-cached.js';

runCached(new URL('./kustodian-docs.cjs', import.meta.url));
