#!/usr/bin/env node
// dist/main.js is an entry point too (older docs, scripts and the benchmarks
// call it): it runs the command exactly as dist/bin.js does. The library entry
// without side effects is cli.ts.
import './bin.js';
