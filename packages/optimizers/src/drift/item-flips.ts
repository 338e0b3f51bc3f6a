/**
 * Which benchmark items changed between two runs: given per-item correctness before and after (same item
 * order), list the items gained (wrong -> right) and lost (right -> wrong).
 */
import {ArgumentError} from '@embedlab/core';
import {messages} from '../messages.js';

export interface ItemFlips<Id = number> {
  /** Items wrong before and right after (ids, or indices when no ids were given). */
  gained: Id[];
  /** Items right before and wrong after. */
  lost: Id[];
  bothCorrect: number;
  bothWrong: number;
  /** gained - lost: the change in the number of correct items. */
  net: number;
  total: number;
}

/** `before[i]`/`after[i]`: truthy = item i correct. `ids` (optional) name the items in the output. */
export function itemFlips<Id = number>(before: ArrayLike<boolean | number>, after: ArrayLike<boolean | number>, ids?: readonly Id[]): ItemFlips<Id> {
  if (before.length !== after.length) throw new ArgumentError(messages.inFunction('itemFlips', messages.itemsDiffer(before.length, after.length)));
  if (ids && ids.length !== before.length)
    throw new ArgumentError(messages.inFunction('itemFlips', messages.countMismatch('ids', ids.length, before.length, 'item')));
  const gained: Id[] = [],
    lost: Id[] = [];
  let bothCorrect = 0,
    bothWrong = 0;
  for (let i = 0; i < before.length; i++) {
    const b = Boolean(before[i]),
      a = Boolean(after[i]);
    const id = (ids ? ids[i] : i) as Id;
    if (a && !b) gained.push(id);
    else if (b && !a) lost.push(id);
    else if (a) bothCorrect++;
    else bothWrong++;
  }
  return {gained, lost, bothCorrect, bothWrong, net: gained.length - lost.length, total: before.length};
}
