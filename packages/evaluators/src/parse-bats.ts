/**
 * BATS reader: one file per relation, `source<TAB>targets` per line, targets separated by '/'.
 *
 * The separator collides with the token `50/50_burger` (L03): after splitting, an all-digit fragment followed
 * by a fragment that starts with a digit is joined back (`50` + `50_burger`). Multiword tokens keep their
 * '_'; case is kept (folding is the protocol's job).
 */
import {DataError} from '@embedlab/core';
import {splitLines} from './lines.js';
import {messages} from './messages.js';
import type {BatsPair} from './types.js';

/** Split a BATS target field into alternatives (see the module comment for the '/' collision rule). */
export function splitAlternatives(field: string): string[] {
  const parts = field.split('/').map((p) => p.trim());
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const next = parts[i + 1];
    if (/^\d+$/.test(p) && next !== undefined && /^\d/.test(next)) {
      out.push(`${p}/${next}`);
      i++;
    } else if (p !== '') out.push(p);
  }
  return out;
}

export function parseBatsFile(text: string, file: string): BatsPair[] {
  const pairs: BatsPair[] = [];
  splitLines(text).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const fields = raw.split('\t');
    if (fields.length !== 2)
      throw new DataError(file, i + 1, messages.wrongFieldCount('2 tab-separated fields "source<TAB>target[/alternative...]"', fields.length));
    const source = fields[0]!.trim();
    const targets = splitAlternatives(fields[1]!);
    if (!source) throw new DataError(file, i + 1, messages.emptyField('source word'));
    if (targets.length === 0) throw new DataError(file, i + 1, messages.emptyField('target'));
    pairs.push({source, targets, line: i + 1});
  });
  return pairs;
}
