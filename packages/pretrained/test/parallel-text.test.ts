import {createRng} from '@embedlab/core';
import {expect} from 'chai';
import {readVectors, type ReadOptions} from '../src/read-vectors.js';
import {textParserModule} from '../src/wasm-text.js';
import {fixture, useTmpDir} from './helpers/tmp.js';

/** The parallel reader must give exactly what the single-thread reader gives: rows, bits, meta, errors. */
async function both(path: string, options: ReadOptions = {}) {
  // The reference is the single-thread scanner (the JS loop; with the wasm loop, one thread uses the block reader too).
  const run = async (threads: number) => {
    const before = process.env.EMBEDLAB_TEXT_PARSER;
    if (threads === 1) process.env.EMBEDLAB_TEXT_PARSER = 'js';
    try {
      const v = await readVectors(path, {...options, threads, parallelMinBytes: 0});
      return {words: v.words, bits: Array.from(new Uint32Array(v.data.buffer, v.data.byteOffset, v.data.length)), meta: v.meta};
    } catch (error) {
      return {error: (error as Error).message};
    } finally {
      if (before === undefined) delete process.env.EMBEDLAB_TEXT_PARSER;
      else process.env.EMBEDLAB_TEXT_PARSER = before;
    }
  };
  return {one: await run(1), many: await run(3)};
}

describe('parallel text reader', () => {
  const tmp = useTmpDir();

  it('matches the single-thread reader on odd lines: non-ASCII words, exponents, blank lines, CRLF, repeats', async () => {
    const rng = createRng(9);
    const lines: string[] = [];
    for (let r = 0; r < 400; r++) {
      const word = r % 37 === 0 ? `mot${r}é` : r % 101 === 5 ? 'again' : `w${r}`;
      const vals = Array.from({length: 4}, (_, j) =>
        j === 2 && r % 13 === 0 ? `${(rng.float() * 9).toFixed(3)}e-${rng.int(30)}` : (rng.float() * 2 - 1).toFixed(rng.int(8)),
      );
      lines.push(`${word} ${vals.join(r % 7 === 0 ? '  ' : ' ')}${r % 11 === 0 ? ' \r' : ''}`);
      if (r % 50 === 0) lines.push('');
    }
    const path = tmp.file('odd.txt', lines.join('\n') + '\n');
    const {one, many} = await both(path);
    expect(one).to.not.have.property('error');
    expect(many.words).to.deep.equal(one.words);
    expect(many.bits).to.deep.equal(one.bits);
    expect(many.meta).to.include({rows: (one.meta as {rows: number}).rows, duplicates: 3, rowsRead: 400});
    expect(many.meta?.container).to.equal('plain, 3 threads, wasm');
    expect(one.meta?.container).to.equal('plain');
  });

  it('distinct words come as a byte table (deferred non-ASCII words put in, blank lines left out) that finds every word', async () => {
    const lines: string[] = [];
    for (let r = 0; r < 500; r++) {
      lines.push(`${r % 29 === 0 ? `naïve${r}` : r % 31 === 0 ? `中${r}` : `w${r}`} ${r} -0.5 ${r % 3}e-2`);
      if (r % 60 === 0) lines.push(r % 120 === 0 ? '' : '  ');
    }
    const path = tmp.file('distinct.txt', lines.join('\n'));
    const words = lines.filter((l) => l.trim() !== '').map((l) => l.split(' ')[0] as string);
    for (const threads of [1, 3]) {
      const v = await readVectors(path, {threads, parallelMinBytes: 0});
      expect(v.meta.container, `${threads}`).to.match(/wasm/);
      // Lookups first: they must work from the bytes, before any word string is made.
      expect(
        words.map((w) => v.indexOf(w)),
        `${threads} threads`,
      ).to.deep.equal(words.map((_, i) => i));
      expect(['naïve', 'w500', '', '中'].map((w) => v.indexOf(w))).to.deep.equal([-1, -1, -1, -1]);
      expect(Array.from(v.vector('中31') ?? [])).to.deep.equal([31, -0.5, Math.fround(0.01)]);
      expect(v.words).to.deep.equal(words);
      expect(v.meta).to.include({rows: 500, duplicates: 0, rowsRead: 500});
    }
  });

  it('every token shape reads as Math.fround(parseFloat(token)), with the WebAssembly loop and the JS one', async () => {
    const rng = createRng(21);
    const digits = (n: number) => Array.from({length: n}, () => String(rng.int(10))).join('');
    const shapes = [
      () => `0.${digits(1 + rng.int(7))}`, // the fast case
      () => `-${digits(1 + rng.int(8))}.${digits(1 + rng.int(7))}`,
      () => `0.${digits(8 + rng.int(10))}`, // too many fraction digits for the fast case
      () => `${digits(9 + rng.int(10))}.${digits(1 + rng.int(3))}`, // long integer part
      () => digits(1 + rng.int(6)), // integers
      () => `${digits(1)}.${digits(4)}e${rng.int(2) ? '-' : '+'}${rng.int(30)}`,
      () => `${digits(1)}E${rng.int(25)}`,
      () => `.${digits(3)}`,
      () => `-${digits(2)}.`,
      () => '-0.0',
      () => `0.000000000000000000000${digits(3)}`, // leading zeros past 22 fraction digits
    ];
    const lines: string[] = [];
    const expected: number[] = [];
    for (let r = 0; r < 600; r++) {
      const tokens = Array.from({length: 6}, () => shapes[rng.int(shapes.length)]!());
      expected.push(...tokens.map((t) => Math.fround(parseFloat(t))));
      const sep = r % 9 === 0 ? '\t' : r % 10 === 0 ? '  ' : ' ';
      lines.push(`w${r} ${tokens.join(sep)}${r % 8 === 0 ? '\t ' : ''}${r % 5 === 0 ? '\r' : ''}`);
    }
    const path = tmp.file('shapes.txt', lines.join('\n'));
    const before = process.env.EMBEDLAB_TEXT_PARSER;
    try {
      for (const parser of ['wasm', 'js']) {
        process.env.EMBEDLAB_TEXT_PARSER = parser;
        expect(textParserModule() !== null, parser).to.equal(parser === 'wasm');
        const v = await readVectors(path, {threads: 2, parallelMinBytes: 0});
        expect(v.size).to.equal(600);
        const bad = expected.findIndex((e, i) => !Object.is(v.data[i], e));
        expect(bad, `${parser}: value ${bad}`).to.equal(-1);
      }
    } finally {
      if (before === undefined) delete process.env.EMBEDLAB_TEXT_PARSER;
      else process.env.EMBEDLAB_TEXT_PARSER = before;
    }
  });

  it('random files, well-formed or not: the wasm block reader (1 and 2 threads) and the scanner agree on rows or error', async () => {
    const rng = createRng(77);
    const junk = ['0', '9', '.', '-', '+', 'e', 'E', ' ', '\t', '\r', 'x', '\u00e9', '\u0000', '12', '0.25', '1e-3', '3.14159265358979', 'nan'];
    const before = process.env.EMBEDLAB_TEXT_PARSER;
    let read = 0,
      failed = 0;
    try {
      for (let it = 0; it < 60; it++) {
        const dim = 1 + rng.int(5);
        const messy = rng.float() < 0.5; // else only odd formatting: the file must read
        const lines: string[] = [];
        for (let r = 0, n = 5 + rng.int(30); r < n; r++) {
          if (!messy || rng.float() < 0.9) {
            const vals = Array.from({length: dim + (messy && rng.float() < 0.05 ? 1 : 0)}, () => (rng.float() * 4 - 2).toFixed(rng.int(9)));
            if (messy && rng.float() < 0.1) vals[rng.int(vals.length)] = Array.from({length: 1 + rng.int(4)}, () => junk[rng.int(junk.length)]).join('');
            lines.push(`w${r}${rng.float() < 0.05 ? '\u00e9' : ''} ${vals.join(rng.float() < 0.1 ? '  ' : ' ')}${rng.float() < 0.1 ? ' \r' : ''}`);
          } else lines.push(Array.from({length: rng.int(6)}, () => junk[rng.int(junk.length)]).join(''));
        }
        const path = tmp.file(`fuzz${it}.txt`, lines.join('\n') + (rng.float() < 0.5 ? '\n' : ''));
        const run = async (threads: number, parser: string) => {
          process.env.EMBEDLAB_TEXT_PARSER = parser;
          try {
            const v = await readVectors(path, {threads, parallelMinBytes: 0, format: 'glove'});
            return {words: v.words, bits: Array.from(new Uint32Array(v.data.buffer, v.data.byteOffset, v.data.length))};
          } catch (error) {
            return {error: (error as Error).message};
          }
        };
        const scanner = await run(1, 'js');
        if ('error' in scanner) failed++;
        else read++;
        expect(await run(2, 'wasm'), `file ${it}`).to.deep.equal(scanner);
        expect(await run(1, 'wasm'), `file ${it}`).to.deep.equal(scanner);
      }
      // both outcomes are exercised
      expect(read, 'files read').to.be.greaterThan(5);
      expect(failed, 'files rejected').to.be.greaterThan(5);
    } finally {
      if (before === undefined) delete process.env.EMBEDLAB_TEXT_PARSER;
      else process.env.EMBEDLAB_TEXT_PARSER = before;
    }
  });

  it('a line longer than the 4 MiB WebAssembly window falls back to the JS loop for its block', async () => {
    const dim = 1_200_000; // "0.25 " x 1.2M = 6 MB per line
    const row = (w: string, x: string) => `${w} ${Array.from({length: dim}, (_, k) => (k % 1000 === 7 ? '-1.5' : x)).join(' ')}`;
    const path = tmp.file('long.txt', `${row('a', '0.25')}\n${row('b', '2')}\n`);
    const v = await readVectors(path, {threads: 2, parallelMinBytes: 0});
    expect(v.words).to.deep.equal(['a', 'b']);
    expect([v.data[0], v.data[7], v.data[dim - 1], v.data[dim], v.data[dim + 1007]]).to.deep.equal([0.25, -1.5, 0.25, 2, -1.5]);
  });

  it('reports progress per block, increasing up to the file size', async () => {
    const lines = Array.from({length: 3000}, (_, r) => `w${r} ${r % 10}.5 -0.${r}`);
    const path = tmp.file('progress.txt', lines.join('\n') + '\n');
    const seen: number[] = [];
    const v = await readVectors(path, {threads: 2, parallelMinBytes: 0, onProgress: (p) => seen.push(p.bytes)});
    expect(v.size).to.equal(3000);
    expect(seen.length).to.be.greaterThan(2);
    expect(seen.every((b, i) => i === 0 || b >= seen[i - 1]!)).to.equal(true);
    expect(seen[seen.length - 1]).to.equal(Buffer.byteLength(lines.join('\n') + '\n'));
  });

  it('word2vec text with header, and fixtures', async () => {
    for (const f of ['tiny.w2v.txt', 'tiny.glove.txt', 'tiny-crlf.vec', 'duplicates.glove.txt']) {
      const {one, many} = await both(fixture(f));
      expect(many.words, f).to.deep.equal(one.words);
      expect(many.bits, f).to.deep.equal(one.bits);
    }
  });

  it('reports the same errors (file and line)', async () => {
    const body = Array.from({length: 60}, (_, r) => `w${r} ${r} ${r + 1}`);
    const cases: [string, string][] = [
      ['count.txt', [...body.slice(0, 40), 'bad 1 2 3', ...body.slice(40)].join('\n')],
      ['nan.txt', [...body.slice(0, 50), 'bad 1 nan', ...body.slice(50)].join('\n')],
      ['utf8.txt', [...body.slice(0, 30), 'caf\xe9 1 2', ...body.slice(30)].join('\n')],
      ['few.w2v.txt', ['61 2', ...body].join('\n')],
      ['many.w2v.txt', ['59 2', ...body].join('\n')],
    ];
    for (const [name, content] of cases) {
      const path = tmp.file(name, Buffer.from(content, 'latin1'));
      const {one, many} = await both(path);
      expect(one, name).to.have.property('error');
      expect(many, name).to.deep.equal(one);
    }
  });
});
