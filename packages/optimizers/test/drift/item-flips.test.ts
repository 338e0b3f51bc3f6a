import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {itemFlips} from '../../src/index.js';

describe('itemFlips', () => {
  it('lists gained and lost items by index or id', () => {
    const f = itemFlips([1, 0, 1, 0, 1], [1, 1, 0, 0, 1]);
    expect(f).to.deep.equal({gained: [1], lost: [2], bothCorrect: 2, bothWrong: 1, net: 0, total: 5});
    const g = itemFlips([true, false, false], [false, true, true], ['a:b::c:d', 'e:f::g:h', 'x']);
    expect(g.gained).to.deep.equal(['e:f::g:h', 'x']);
    expect(g.lost).to.deep.equal(['a:b::c:d']);
    expect(g.net).to.equal(1);
  });

  it('refuses arrays of different lengths', async () => {
    await expectThrows(() => itemFlips([1], [1, 0]), '1 items before but 2 after');
  });
});
