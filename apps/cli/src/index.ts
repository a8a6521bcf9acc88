export * from './lib/cli.js';
