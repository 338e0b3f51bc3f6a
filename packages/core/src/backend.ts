/**
 * Picks the TensorFlow.js backend once per process and reports which one runs.
 *
 * Order: tfjs-node (native, only when a user installed it and it loads), then wasm (SIMD, single-threaded
 * in Node), then cpu. `EMBEDLAB_BACKEND` (or `TF_BACKEND`) forces `node`, `wasm` or `cpu`. Any failure to
 * load tfjs-node falls through: it fails with different errors depending on how the install went.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import {ArgumentError} from './errors.js';
import {messages} from './messages.js';

export type BackendName = 'node' | 'wasm' | 'cpu';

export interface BackendInfo {
  /** The backend that runs: `node` means tfjs-node's native `tensorflow` backend. */
  name: BackendName;
  /** tfjs version in use. */
  tfjsVersion: string;
  /** Why preferred backends were skipped (one line each). */
  skipped: string[];
  /** The tf namespace to use: tfjs-node's when it loaded, else @tensorflow/tfjs. */
  tf: typeof tf;
}

let current: Promise<BackendInfo> | undefined;
let currentRequest: string | undefined;
let currentName: string | undefined;

/**
 * Initialise (once) and return the backend. Later calls with the same preference return the same info,
 * unless something switched the tfjs backend in between (then it is selected again).
 */
export async function initBackend(prefer: string | undefined = process.env.EMBEDLAB_BACKEND ?? process.env.TF_BACKEND): Promise<BackendInfo> {
  const key = prefer ?? '';
  if (current && currentRequest === key && currentName !== undefined && tf.getBackend() === currentName) return current;
  currentRequest = key;
  current = select(prefer);
  const info = await current;
  currentName = info.tf.getBackend();
  return info;
}

async function select(prefer: string | undefined): Promise<BackendInfo> {
  if (prefer !== undefined && prefer !== '' && !['node', 'tensorflow', 'wasm', 'cpu'].includes(prefer)) {
    throw new ArgumentError(messages.badBackend(prefer));
  }
  tf.env().set('PROD', true); // silences the "install tfjs-node" banner; we choose deliberately
  const skipped: string[] = [];
  const version = tf.version.tfjs;
  if (!prefer || prefer === 'node' || prefer === 'tensorflow') {
    try {
      const spec = '@tensorflow/tfjs-node'; // non-literal: the optional package has no types here
      const tfn = (await import(spec)) as typeof tf;
      await tfn.ready();
      if (tfn.getBackend() === 'tensorflow') return {name: 'node', tfjsVersion: version, skipped, tf: tfn};
      skipped.push(`tfjs-node loaded but runs ${tfn.getBackend()}`);
    } catch (error) {
      skipped.push(`tfjs-node unavailable: ${String((error as Error).message).split('\n')[0]}`);
    }
  }
  if (!prefer || prefer === 'wasm' || prefer === 'node' || prefer === 'tensorflow') {
    try {
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return {name: 'wasm', tfjsVersion: version, skipped, tf};
      }
      skipped.push('wasm backend did not initialise');
    } catch (error) {
      skipped.push(`wasm failed: ${(error as Error).message}`);
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return {name: 'cpu', tfjsVersion: version, skipped, tf};
}

/** One line for logs and run headers: `backend wasm (tfjs 4.22.0)`. */
export function describeBackend(info: BackendInfo): string {
  return `backend ${info.name} (tfjs ${info.tfjsVersion})${info.skipped.length ? `; skipped: ${info.skipped.join('; ')}` : ''}`;
}
