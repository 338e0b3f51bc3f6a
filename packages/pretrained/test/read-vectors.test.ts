import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {gzipSync} from 'node:zlib';
import {createRng, DataError, Vocabulary} from '@embedlab/core';
import {expectThrows} from '@embedlab/testing';
import {expect} from 'chai';
import {readVectors} from '../src/read-vectors.js';
import {fixture, useTmpDir} from './helpers/tmp.js';
import {makeZip} from './helpers/zip.js';

const f32 = (xs: number[]) => Array.from(new Float32Array(xs));
const TINY_WORDS = ['the', 'of', 'king'];
const TINY_VALUES = f32([0.418, 0.24968, -0.41242, 0.70853, 0.57088, -0.4716, -0.32307, -0.87616, 0.21977]);

/** word2vec binary bytes built by hand: header, then word, space, little-endian float32s, newline. */
function binary(rows: [string, number[]][], header = `${rows.length} ${rows[0]?.[1].length ?? 0}\n`, newline = true): Buffer {
  const parts: Buffer[] = [Buffer.from(header)];
  for (const [w, v] of rows) {
    parts.push(Buffer.from(`${w} `, 'utf8'), Buffer.from(new Float32Array(v).buffer));
    if (newline) parts.push(Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

describe('readVectors', () => {
  const tmp = useTmpDir();

  describe('formats', () => {
    it('reads GloVe text (no header) and records provenance', async () => {
      const path = fixture('tiny.glove.txt');
      const v = await readVectors(path, {sha256: true});
      expect(v.words).to.deep.equal(TINY_WORDS);
      expect(v.dim).to.equal(3);
      expect(Array.from(v.data)).to.deep.equal(TINY_VALUES);
      expect(v.meta).to.include({path, format: 'glove', rows: 3, dim: 3, duplicates: 0, container: 'plain'});
      expect(v.meta.sha256).to.equal(createHash('sha256').update(readFileSync(path)).digest('hex'));
    });

    it('reads word2vec text with a header', async () => {
      const v = await readVectors(fixture('tiny.w2v.txt'));
      expect(v.meta).to.include({format: 'word2vec', headerRows: 3});
      expect(v.words).to.deep.equal(TINY_WORDS);
      expect(Array.from(v.data)).to.deep.equal(TINY_VALUES);
    });

    it('reads a fastText .vec with CRLF line ends and trailing spaces', async () => {
      const v = await readVectors(fixture('tiny-crlf.vec'));
      expect(v.meta.format).to.equal('word2vec');
      expect(v.words).to.deep.equal(TINY_WORDS);
      expect(Array.from(v.data)).to.deep.equal(TINY_VALUES);
    });

    it('reads word2vec binary, with and without a newline after each row', async () => {
      const rows: [string, number[]][] = [
        ['the', [0.5, -1.25]],
        ['naïve', [3, 1e-30]],
      ];
      for (const newline of [true, false]) {
        const v = await readVectors(tmp.file(`b${newline}.bin`, binary(rows, undefined, newline)));
        expect(v.meta.format).to.equal('word2vec-binary');
        expect(v.words).to.deep.equal(['the', 'naïve']);
        expect(Array.from(v.data)).to.deep.equal(f32([0.5, -1.25, 3, 1e-30]));
      }
    });

    it('sniffs binary vs text when the name says neither', async () => {
      const b = await readVectors(tmp.file('vectors.data', binary([['a', [1, 2]]])));
      expect(b.meta.format).to.equal('word2vec-binary');
      const t = await readVectors(tmp.file('vectors2.data', '1 2\na 1 2\n'));
      expect(t.meta.format).to.equal('word2vec');
    });

    it('reads .gz transparently', async () => {
      const v = await readVectors(fixture('tiny.glove.txt.gz'));
      expect(v.meta).to.include({container: 'gzip', format: 'glove'});
      expect(Array.from(v.data)).to.deep.equal(TINY_VALUES);
    });

    it('reads the vector member of a .zip', async () => {
      const zip = tmp.file('v.zip', makeZip([{name: 'README'}, {name: 'tiny.txt', data: readFileSync(fixture('tiny.glove.txt'))}]));
      const v = await readVectors(zip);
      expect(v.meta.container).to.equal('zip:tiny.txt');
      expect(Array.from(v.data)).to.deep.equal(TINY_VALUES);
    });

    it('accepts a UTF-8 BOM, blank lines and a last line without newline', async () => {
      const v = await readVectors(tmp.file('bom.txt', '\ufeffa 1 2\n\n\r\nb 3 4'));
      expect(v.words).to.deep.equal(['a', 'b']);
      expect(Array.from(v.data)).to.deep.equal([1, 2, 3, 4]);
    });

    it('reads the same across any chunk size (lines split between reads)', async () => {
      const rng = createRng(7);
      const lines: string[] = [];
      const expected: number[] = [];
      for (let r = 0; r < 200; r++) {
        const vals = Array.from({length: 5}, () => (rng.float() * 20 - 10).toFixed(rng.int(7)));
        lines.push(`w${r} ${vals.join(' ')}`);
        expected.push(...vals.map((s) => Math.fround(parseFloat(s))));
      }
      const path = tmp.file('chunks.txt', lines.join('\n') + '\n');
      for (const chunkBytes of [7, 64, 1000]) {
        const v = await readVectors(path, {chunkBytes});
        expect(v.size).to.equal(200);
        expect(Array.from(v.data)).to.deep.equal(expected);
      }
    });

    it('GloVe 840B: words with spaces when asked (the last dim tokens are the values)', async () => {
      const path = tmp.file('spaces.txt', 'a 1 2\n. . . 3 4\nat name@x.com 5 6\n');
      const v = await readVectors(path, {wordsWithSpaces: true});
      expect(v.words).to.deep.equal(['a', '. . .', 'at name@x.com']);
      expect(Array.from(v.data)).to.deep.equal([1, 2, 3, 4, 5, 6]);
      await expectThrows(() => readVectors(path), `${path}:2`, 'has 4 values, expected 2');
    });
  });

  describe('numbers', () => {
    it('parses every token bit-identically to Math.fround(parseFloat(token))', async () => {
      const tricky = [
        '0',
        '-0',
        '+1.5',
        '.5',
        '-.5',
        '5.',
        '1e3',
        '1E-3',
        '-2.5e+2',
        '0.1',
        '-0.32307',
        '0.0079988',
        '123456789012345678',
        '9007199254740993',
        '0.30000001192092896',
        '1.0000000596046448',
        '16777217',
        '3.4028235e38',
        '1e-46',
        '1.4e-45',
        '-1.17549435e-38',
        '0.000000000000000000000001',
        '00.00100',
        '1.00000005960464477539062499',
        '0.1000000000000000055511151231257827',
        '1234567.891',
        '7e22',
        '1e23',
      ];
      const rng = createRng(11);
      const random = Array.from({length: 3000}, () => {
        const intPart = String(rng.int(10 ** (1 + rng.int(8))));
        const frac = Array.from({length: rng.int(12)}, () => String(rng.int(10))).join('');
        return `${rng.float() < 0.5 ? '-' : ''}${intPart}${frac ? `.${frac}` : ''}`;
      });
      const tokens = [...tricky, ...random];
      const path = tmp.file('tricky.txt', tokens.map((t, i) => `w${i} ${t}`).join('\n') + '\n');
      const v = await readVectors(path);
      tokens.forEach((t, i) => {
        const want = Math.fround(parseFloat(t));
        const got = v.data[i] as number;
        if (!Object.is(got, want)) expect.fail(`token ${t}: got ${got}, expected ${want}`);
      });
    });
  });

  describe('options', () => {
    it('limit reads only the first N rows (and ignores what follows)', async () => {
      const v = await readVectors(tmp.file('limit.txt', 'a 1\nb 2\nc 3\nthis line is garbage\n'), {limit: 2});
      expect(v.words).to.deep.equal(['a', 'b']);
      expect(v.meta).to.include({limit: 2, rowsRead: 2});
      const w = await readVectors(fixture('tiny.w2v.txt'), {limit: 1});
      expect(w.words).to.deep.equal(['the']);
    });

    it('the vocabulary filter keeps only the listed words, in file order', async () => {
      const vocab = Vocabulary.fromWords(['king', 'the', 'absent']);
      const v = await readVectors(fixture('tiny.glove.txt'), {vocabulary: vocab});
      expect(v.words).to.deep.equal(['the', 'king']);
      expect(Array.from(v.data)).to.deep.equal(f32([0.418, 0.24968, -0.41242, -0.32307, -0.87616, 0.21977]));
      expect(v.meta).to.include({filteredOut: 1, rowsRead: 3});
      const w = await readVectors(fixture('tiny.glove.txt'), {vocabulary: ['of']});
      expect(w.words).to.deep.equal(['of']);
    });

    it('duplicates: keeps the first row and counts the others', async () => {
      const v = await readVectors(fixture('duplicates.glove.txt'));
      expect(v.words).to.deep.equal(['a', 'b', 'c']);
      expect(Array.from(v.data)).to.deep.equal([1, 2, 3, 4, 7, 8]);
      expect(v.meta.duplicates).to.equal(2);
      expect(v.meta.duplicateExamples).to.deep.equal(['a', 'b']);
    });

    it("duplicates: 'error' names the file, the line and the first line", async () => {
      const path = fixture('duplicates.glove.txt');
      await expectThrows(() => readVectors(path, {duplicates: 'error'}), `${path}:3`, '"a" appears again (first at line/row 1)');
    });

    it('invalid UTF-8 in a word: strict by default, U+FFFD with replace', async () => {
      const path = fixture('latin1-word.glove.txt');
      await expectThrows(() => readVectors(path), `${path}:2`, 'not valid UTF-8', '6e 61 ef 76 65');
      const v = await readVectors(path, {encodingErrors: 'replace'});
      expect(v.words).to.deep.equal(['café', 'na\ufffdve', 'plain']);
      expect(v.meta.replacedWords).to.equal(1);
    });

    it('reports progress', async () => {
      const seen: number[] = [];
      await readVectors(fixture('tiny.glove.txt'), {chunkBytes: 32, onProgress: (p) => seen.push(p.bytes)});
      expect(seen.length).to.be.greaterThan(1);
      expect(seen[seen.length - 1]).to.equal(85);
    });
  });

  describe('bad input (file, line and what was expected)', () => {
    const cases: [string, string, string[]][] = [
      ['too few values', 'a 1 2 3\nb 1 2\n', [':2', 'has 2 values, expected 3']],
      ['too many values', 'a 1 2\nb 1 2 3\n', [':2', 'has 3 values, expected 2']],
      ['a bare word', 'a 1 2\nb\n', [':2', 'a word but no values']],
      ['NaN', 'a 1 2\nb 1 nan\n', [':2', 'value 2 of word "b" is "nan"', 'NaN or infinite']],
      ['Inf', 'a 1 2\nb inf 2\n', [':2', 'NaN or infinite']],
      ['float32 overflow', 'a 1 2\nb 1e39 2\n', [':2', '"1e39"', 'NaN or infinite in float32']],
      ['garbage token', 'a 1 2\nb 1 x2\n', [':2', '"x2", expected a decimal number']],
      ['header dim disagrees', '2 3\na 1 2\nb 1 2\n', [':2', 'has 2 values, expected 3 (the header says dim 3)']],
      ['header promises more rows', '3 2\na 1 2\nb 1 2\n', ['header promises 3 rows but the file ends after 2']],
      ['header promises fewer rows', '1 2\na 1 2\nb 1 2\n', [':3', 'header promises 1 rows but the file has more']],
      ['bad header', '2 x\na 1 2\n', ['"2 x"', '"<rows> <dim>"']],
      ['empty word', 'a 1 2\n 1 2\n', [':2', 'its word is empty']],
    ];
    for (const [name, content, fragments] of cases) {
      it(name, async () => {
        const path = tmp.file(`bad-${name.replace(/\W+/g, '-')}.txt`, content);
        const format = name === 'bad header' ? 'word2vec' : 'auto';
        const error = await expectThrows(() => readVectors(path, {format}), path, ...fragments);
        expect(error).to.be.instanceOf(DataError);
      });
    }

    it('an empty file', async () => {
      const path = tmp.file('empty.txt', '');
      await expectThrows(() => readVectors(path), path, 'file is empty');
      const blank = tmp.file('blank.txt', '\n\n');
      await expectThrows(() => readVectors(blank), blank, 'no vectors');
      const gz = tmp.file('empty.txt.gz', gzipSync(Buffer.alloc(0)));
      await expectThrows(() => readVectors(gz), gz, 'file is empty');
    });

    it('a truncated binary file names the row and the missing bytes', async () => {
      const full = binary([
        ['a', [1, 2]],
        ['b', [3, 4]],
      ]);
      // Cutting 4 bytes drops the final newline and 3 of the 8 value bytes of row 2: 5 remain.
      const path = tmp.file('cut.bin', full.subarray(0, full.length - 4));
      await expectThrows(() => readVectors(path), path, 'row 2 (word "b")', 'expected 8 bytes', 'found 5', 'truncated');
      const short = tmp.file('short.bin', binary([['a', [1, 2]]], '2 2\n'));
      await expectThrows(() => readVectors(short), short, 'header promises 2 rows but the file ends after 1');
      const nan = tmp.file('nan.bin', binary([['a', [1, NaN]]]));
      await expectThrows(() => readVectors(nan), nan, 'row 1', 'NaN or infinite');
    });

    it('a corrupt .gz names the file', async () => {
      const gz = gzipSync(Buffer.from('a 1 2\n'.repeat(1000)));
      const path = tmp.file('corrupt.txt.gz', gz.subarray(0, gz.length / 2));
      await expectThrows(() => readVectors(path), path);
    });

    it('rejects bad options', async () => {
      await expectThrows(() => readVectors(fixture('tiny.glove.txt'), {limit: 0}), 'limit must be a positive integer');
      await expectThrows(() => readVectors(fixture('tiny.glove.txt'), {format: 'csv' as 'glove'}), 'unknown vector format "csv"');
      await expectThrows(() => readVectors('/nonexistent/x.txt'), '/nonexistent/x.txt');
    });
  });
});
