import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {markdownTable} from '../src/index.js';
import {escapeMarkdown, fencedBlock} from '../src/internal.js';

describe('escapeMarkdown', () => {
  it('backslash-escapes Markdown punctuation and writes & < > as entities, on one line', () => {
    expect(escapeMarkdown('a|b')).to.equal('a\\|b');
    expect(escapeMarkdown('<b>x</b>')).to.equal('&lt;b&gt;x&lt;/b&gt;');
    expect(escapeMarkdown('AT&T &amp;')).to.equal('AT&amp;T &amp;amp;');
    expect(escapeMarkdown('__init__ *x* `c` ~s~ [l](u)')).to.equal('\\_\\_init\\_\\_ \\*x\\* \\`c\\` \\~s\\~ \\[l\\](u)');
    expect(escapeMarkdown('back\\slash')).to.equal('back\\\\slash');
    expect(escapeMarkdown('two\nlines\r\nhere')).to.equal('two lines here');
  });
});

describe('markdownTable', () => {
  it('writes a GFM table, right-aligning numeric columns by default', () => {
    const table = markdownTable(
      ['arm', 'rho', 'n'],
      [
        ['glove', '0.372 [0.310, 0.420]', 998],
        ['random', '-0.020 [-0.050, 0.080]', 998],
      ],
    );
    expect(table).to.equal(
      ['| arm | rho | n |', '| :--- | ---: | ---: |', '| glove | 0.372 \\[0.310, 0.420\\] | 998 |', '| random | -0.020 \\[-0.050, 0.080\\] | 998 |', ''].join(
        '\n',
      ),
    );
  });

  it('escapes pipes (and the backslash before them) so a cell never splits', () => {
    // 'a\|b' must come back as a\|b: the backslash doubles, then the pipe gets its own backslash.
    expect(markdownTable(['w'], [['x|y'], ['a\\|b']])).to.equal('| w |\n| :--- |\n| x\\|y |\n| a\\\\\\|b |\n');
  });

  it('takes one alignment for all columns or one per column', () => {
    expect(markdownTable(['a', 'b'], [['1', '2']], {align: 'center'}).split('\n')[1]).to.equal('| :---: | :---: |');
    expect(markdownTable(['a', 'b'], [['x', 'y']], {align: ['right', 'left']}).split('\n')[1]).to.equal('| ---: | :--- |');
  });

  it('writes empty cells for null and undefined', () => {
    expect(markdownTable(['a', 'b'], [[null, undefined]]).split('\n')[2]).to.equal('|  |  |');
  });

  it('rejects rows and alignments of the wrong width', async () => {
    await expectThrows(() => markdownTable(['a', 'b'], [['1']]), 'row 0 has 1 cells, expected 2');
    await expectThrows(() => markdownTable(['a', 'b'], [], {align: ['left']}), 'align has 1 entries, expected 2');
  });
});

describe('fencedBlock', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(fencedBlock('x', 'json')).to.equal('```json\nx\n```\n');
    expect(fencedBlock('a ```` b\n')).to.equal('`````\na ```` b\n`````\n');
  });
});
