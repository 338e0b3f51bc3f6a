import {expect} from 'chai';
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {tempDir} from '@embedlab/testing';
import {writeFileAtomic} from '../src/index.js';

describe('writeFileAtomic', () => {
  it('writes the content, replaces an old file, and leaves no temporary file', () => {
    const dir = tempDir('atomic-');
    const p = join(dir, 'sub', 'out.txt');
    writeFileAtomic(p, 'one');
    writeFileAtomic(p, new Uint8Array([116, 119, 111]));
    expect(readFileSync(p, 'utf8')).to.equal('two');
    expect(readdirSync(join(dir, 'sub'))).to.deep.equal(['out.txt']);
  });
});
