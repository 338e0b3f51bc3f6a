import {expect} from 'chai';
import {expectThrows} from '@embedlab/testing';
import {messages} from '../../src/index.js';
import {lockMaskToRanges, rangesToLockMask, toLockMask} from '../../src/internal.js';

describe('lock masks', () => {
  it('turn maximal runs of locked rows into half-open ranges and back', () => {
    const mask = Uint8Array.of(1, 1, 0, 1, 0, 0, 1);
    expect(lockMaskToRanges(mask)).to.deep.equal([
      [0, 2],
      [3, 4],
      [6, 7],
    ]);
    expect(
      rangesToLockMask(
        [
          [0, 2],
          [3, 4],
          [6, 7],
        ],
        7,
      ),
    ).to.deep.equal(mask);
    expect(lockMaskToRanges(new Uint8Array(4))).to.deep.equal([]);
    expect(
      rangesToLockMask(
        [
          [0, 3],
          [2, 5],
        ],
        5,
      ),
    ).to.deep.equal(Uint8Array.of(1, 1, 1, 1, 1)); // overlaps merge
  });

  it('reject ranges outside the table and masks of the wrong length or with values other than 0/1', async () => {
    for (const bad of [
      [-1, 2],
      [2, 2],
      [0, 6],
      [1.5, 3],
    ] as const) {
      await expectThrows(() => rangesToLockMask([bad], 5), messages.lockedRange(bad, 5));
    }
    await expectThrows(() => toLockMask([0, 1], 3), messages.lockMaskLength(2, 3));
    await expectThrows(() => toLockMask([0, 3, 1], 3), 'lockMask[1] must be 0 or 1');
    const copy = toLockMask(Uint8Array.of(0, 1), 2);
    expect(Array.from(copy)).to.deep.equal([0, 1]);
  });
});
