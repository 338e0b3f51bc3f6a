/**
 * `--set path=value` overrides (nanoGPT's configurator, but validated): the value is parsed as JSON and
 * falls back to a plain string; the path is dotted (`arms.0.vectors.dim`); the whole config is
 * re-validated afterwards, so a typo in the path is an unknown-key error and a wrong type is caught.
 */
import {ConfigError} from '@embedlab/core';
import {messages} from './messages.js';

export interface Override {
  path: string[];
  value: unknown;
}

/** `a.b=3` -> {path: ['a','b'], value: 3}; `name=foo` -> value 'foo'; `x="3"` -> '3'. */
export function parseSet(arg: string): Override {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new ConfigError('', messages.badSet(arg));
  const path = arg.slice(0, eq).trim().split('.');
  if (path.some((p) => p === '')) throw new ConfigError('', messages.badSet(arg));
  const text = arg.slice(eq + 1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = text;
  }
  return {path, value};
}

/** A deep copy of `config` with the override applied; missing intermediate objects are created. */
export function applyOverride(config: unknown, override: Override): unknown {
  const root = structuredClone(config) as Record<string, unknown>;
  let node: unknown = root;
  const {path} = override;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string;
    const container = node as Record<string, unknown>;
    let next = container[key];
    if (next === undefined) {
      next = {};
      container[key] = next;
    }
    if (typeof next !== 'object' || next === null) {
      throw new ConfigError(path.join('.'), messages.setThroughScalar(path.join('.'), path.slice(0, i + 1).join('.')));
    }
    node = next;
  }
  (node as Record<string, unknown>)[path[path.length - 1] as string] = override.value;
  return root;
}
