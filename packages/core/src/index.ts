export { EXIT, exitStatusOf, FileWriteError, isKustodianError, KustodianError } from './errors.js';
export type { ExitStatus } from './errors.js';
export { closestWord } from './closest-word.js';
export { writeFileAtomic } from './write-file-atomic.js';
export type { WriteFileAtomicOptions } from './write-file-atomic.js';
