export * from './lib/manifest-model.js';
