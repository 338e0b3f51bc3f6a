import {expect} from 'chai';
import {expectThrows} from '@embedlab/testing';
import {parseBatsFile, splitAlternatives} from '../src/parse-bats.js';

describe('BATS reader', () => {
  it('splits alternatives on "/" but keeps 50/50_burger whole', () => {
    expect(splitAlternatives('hamburger/cheeseburger/50/50_burger/angus_burger')).to.deep.equal(['hamburger', 'cheeseburger', '50/50_burger', 'angus_burger']);
    expect(splitAlternatives('mice')).to.deep.equal(['mice']);
  });

  it('reads CRLF and LF lines, no final newline, multiword and non-ASCII tokens, case kept', () => {
    const pairs = parseBatsFile('norway\tnorwegian/bokmål\r\nUK_city\tNew_York/york\r\nburger\tbøfsandwich', 'E02.txt');
    expect(pairs).to.deep.equal([
      {source: 'norway', targets: ['norwegian', 'bokmål'], line: 1},
      {source: 'UK_city', targets: ['New_York', 'york'], line: 2},
      {source: 'burger', targets: ['bøfsandwich'], line: 3},
    ]);
  });

  it('names the file and line of a malformed row', async () => {
    await expectThrows(() => parseBatsFile('a\tb\nno-tab-here\n', 'L03.txt'), 'L03.txt:2', 'tab-separated');
  });
});
