import {expect} from 'chai';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {textFilesCorpus} from '../src/text-files.js';
import {collect} from '../src/split.js';
import {expectThrows, tempDir} from '@embedlab/testing';

describe('textFilesCorpus', () => {
  const dir = tempDir('corpora-');
  const file = join(dir, 'a.txt');
  writeFileSync(file, 'one two\nthree\n\n\nfour\r\nfive\n');
  it('file, line and paragraph units with line-numbered ids', async () => {
    expect((await collect(textFilesCorpus([file]))).map((d) => d.id)).to.deep.equal(['a.txt']);
    expect((await collect(textFilesCorpus([file], {split: 'line'}))).map((d) => `${d.id}=${d.text}`)).to.deep.equal([
      'a.txt:1=one two',
      'a.txt:2=three',
      'a.txt:5=four',
      'a.txt:6=five',
    ]);
    expect((await collect(textFilesCorpus([file], {split: 'paragraph'}))).map((d) => `${d.id}=${d.text}`)).to.deep.equal([
      'a.txt:1=one two\nthree',
      'a.txt:5=four\nfive',
    ]);
  });
  it('a missing file is a ResourceError naming it', async () => {
    await expectThrows(() => collect(textFilesCorpus([join(dir, 'nope.txt')])), 'nope.txt', 'cannot read');
  });
});
