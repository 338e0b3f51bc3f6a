/**
 * @embedlab/core/internal: pieces other embedlab packages (and the tests) share that are not part of the
 * user API: row copy/scatter kernels, mask conversions, the string table, tfjs storage access. They may
 * change without notice.
 */
export {checkIds, copyRows, scatterAddRows, scatterAddInto, checkLookupOptions} from './lookup.js';
export {toLockMask, rangesToLockMask, lockMaskToRanges} from './embedding/lock-mask.js';
export {renormRows} from './embedding/max-norm.js';
export {tensorStorage, readStorage} from './embedding/tensor-storage.js';
export {StringIndex} from './string-index.js';
