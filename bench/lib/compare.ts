/**
 * The shared comparison method of the benches (issue 19; bench/README.md, "The comparison method"). The
 * code lives in packages/testing/src/bench-compare.ts so that its unit tests stay inside that package;
 * benches import it from here.
 */
export * from '../../packages/testing/src/bench-compare.js';
