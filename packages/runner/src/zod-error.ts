/**
 * Turns a zod error into a ConfigError whose message starts with the dotted config path of the first
 * problem (`arms.0.vectors.dim: expected a positive integer`). Unknown keys name the key itself.
 */
import {ConfigError} from '@embedlab/core';
import type {z} from 'zod';

/** `a.b.0.c` from a base path and a zod issue path. */
export function joinPath(base: string, path: readonly PropertyKey[]): string {
  const parts = [base, ...path.map((p) => String(p))].filter((p) => p !== '');
  return parts.join('.');
}

export function configErrorFromZod(error: z.ZodError, base = ''): ConfigError {
  const issues = error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys;
      return {path: joinPath(base, [...issue.path, keys[0] as string]), detail: `unknown key${keys.length > 1 ? ` (also: ${keys.slice(1).join(', ')})` : ''}`};
    }
    return {path: joinPath(base, issue.path), detail: issue.message};
  });
  const first = issues[0] ?? {path: base, detail: 'invalid config'};
  const more =
    issues.length > 1
      ? ` (and ${issues.length - 1} more: ${issues
          .slice(1)
          .map((i) => `${i.path}: ${i.detail}`)
          .join('; ')})`
      : '';
  return new ConfigError(first.path, `${first.detail}${more}`);
}
