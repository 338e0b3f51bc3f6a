import {existsSync, mkdirSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {extractZip} from '../src/zip-extract.js';
import {useTmpDir} from './helpers/tmp.js';
import {makeZip} from './helpers/zip.js';

describe('extractZip', () => {
  const tmp = useTmpDir();

  it('extracts members by streaming into the target directory', async () => {
    const zip = tmp.file('ok.zip', makeZip([{name: 'dir/'}, {name: 'dir/a.txt', data: 'alpha'}, {name: 'b.vec', data: 'beta'}]));
    const out = join(tmp.dir(), 'ok');
    const written = await extractZip(zip, out);
    expect(written).to.deep.equal([join(out, 'dir/a.txt'), join(out, 'b.vec')]);
    expect(readFileSync(join(out, 'dir/a.txt'), 'utf8')).to.equal('alpha');
    const only = join(tmp.dir(), 'only');
    await extractZip(zip, only, {members: ['b.vec']});
    expect(readdirSync(only)).to.deep.equal(['b.vec']);
  });

  for (const evil of ['../evil.txt', 'dir/../../evil.txt', '/tmp/evil-embedlab.txt', 'C:/evil.txt']) {
    it(`refuses the whole archive when an entry escapes (${evil}) and writes nothing`, async () => {
      const zip = tmp.file(
        'slip.zip',
        makeZip([
          {name: 'good.txt', data: 'fine'},
          {name: evil, data: 'pwned'},
        ]),
      );
      const out = join(tmp.dir(), 'slip');
      mkdirSync(out, {recursive: true});
      await expectThrows(() => extractZip(zip, out), zip, `zip entry ${JSON.stringify(evil)} would be written outside the target directory`);
      expect(readdirSync(out)).to.deep.equal([]);
      expect(existsSync(join(tmp.dir(), 'evil.txt'))).to.equal(false);
      expect(existsSync('/tmp/evil-embedlab.txt')).to.equal(false);
    });
  }

  it('refuses symbolic link entries', async () => {
    const zip = tmp.file('link.zip', makeZip([{name: 'link', data: '/etc/passwd', mode: 0o120777}]));
    await expectThrows(() => extractZip(zip, join(tmp.dir(), 'link')), 'symbolic link');
  });

  it('names a missing member', async () => {
    const zip = tmp.file('m.zip', makeZip([{name: 'a.txt', data: 'x'}]));
    await expectThrows(() => extractZip(zip, join(tmp.dir(), 'm'), {members: ['b.txt']}), 'no member "b.txt"', 'a.txt');
  });
});
