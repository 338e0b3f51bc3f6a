/** Runs a block of tests once per tfjs backend we support without tfjs-node. */
import * as tf from '@tensorflow/tfjs';
import '../../src/backend.js'; // registers the wasm backend

export const BACKENDS = ['wasm', 'cpu'] as const;

export function forEachBackend(body: (backend: (typeof BACKENDS)[number]) => void): void {
  for (const name of BACKENDS) {
    describe(`on ${name}`, () => {
      before(async () => {
        tf.env().set('PROD', true);
        if (!(await tf.setBackend(name))) throw new Error(`backend ${name} did not initialise`);
        await tf.ready();
      });
      body(name);
    });
  }
}
