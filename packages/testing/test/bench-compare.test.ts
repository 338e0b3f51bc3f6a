// The shared bench method (src/bench-compare.ts, re-exported by bench/lib/compare.ts): its pure parts and the run order, with fake sides.
import {expect} from 'chai';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {commandSide, compare, interleavedOrder, median, methodWarnings, ratioOf, summarize, type SideResult} from '../src/bench-compare.js';
import {expectThrows} from '../src/index.js';

describe('bench compare method', () => {
  it('median: middle value, mean of the two middle ones for an even count, input left unsorted', () => {
    const xs = [5, 1, 3];
    expect(median(xs)).to.equal(3);
    expect(xs).to.deep.equal([5, 1, 3]);
    expect(median([4, 1, 3, 10])).to.equal(3.5);
    expect(median([2])).to.equal(2);
    expect(() => median([])).to.throw('no values');
    expect(summarize([0.9, 1.3, 1.1])).to.deep.equal({median: 1.1, min: 0.9, max: 1.3});
  });

  it('interleaves the sides A B A B and drops a side that has run its count', () => {
    expect(interleavedOrder([3, 3])).to.deep.equal([0, 1, 0, 1, 0, 1]);
    expect(interleavedOrder([3, 1, 2])).to.deep.equal([0, 1, 2, 0, 2, 0]);
    expect(interleavedOrder([])).to.deep.equal([]);
  });

  it('ratio range: worst = slower.min / faster.max, best = slower.max / faster.min, verdict by the overlap rule', () => {
    const gensim = {median: 11, min: 10, max: 12};
    // 10/0.8 = 12.5 .. 12/0.7 = 17.1: straddles 13
    const r = ratioOf(gensim, {median: 0.75, min: 0.7, max: 0.8}, 13);
    expect(r.median).to.be.closeTo(11 / 0.75, 1e-12);
    expect(r.worst).to.be.closeTo(12.5, 1e-12);
    expect(r.best).to.be.closeTo(12 / 0.7, 1e-12);
    expect(r.verdict).to.equal('undecided');
    expect(ratioOf(gensim, {median: 0.6, min: 0.55, max: 0.65}, 13).verdict).to.equal('met'); // 10/0.65 = 15.4
    expect(ratioOf(gensim, {median: 1.1, min: 1, max: 1.2}, 13).verdict).to.equal('not met'); // best 12
    expect(ratioOf(gensim, {median: 1, min: 1, max: 1}).verdict).to.equal('no requirement');
  });

  it('warns on a busy start, on fewer than 3 runs and on an undecided ratio, and only then', () => {
    const side = (name: string, n: number): SideResult => ({name, runs: Array.from({length: n}, () => ({seconds: 1})), seconds: {median: 1, min: 1, max: 1}});
    const undecided = {slower: 'a', faster: 'b', required: 13, median: 13, worst: 12, best: 14, verdict: 'undecided' as const};
    expect(methodWarnings([0.5, 2, 2], [side('a', 3), side('b', 3)], [])).to.deep.equal([]);
    const w = methodWarnings([0.51, 0, 0], [side('a', 3), side('b', 2)], [undecided, {...undecided, verdict: 'met'}]);
    expect(w).to.have.length(3);
    expect(w[0]).to.contain('load average 0.51').and.contain('above 0.5');
    expect(w[1]).to.contain('b ran 2 time(s)');
    expect(w[2]).to.contain('overlap the required 13x');
    expect(methodWarnings([0.9], [], [], 1)).to.deep.equal([]);
  });

  it('compare runs fake sides in interleaved order and reports medians, ratio, loads and JSON', async () => {
    const times: Record<string, number[]> = {slow: [10, 12, 11], fast: [0.5, 0.7, 0.6]};
    const calls: string[] = [];
    const make = (name: string) => ({
      name,
      run: () => ({
        seconds: (times[name] as number[])[calls.push(name) && calls.filter((c) => c === name).length - 1] as number,
        cpuSeconds: 1,
        values: {sum: 42},
      }),
    });
    const lines: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'compare-test-'));
    try {
      const r = await compare([make('slow'), make('fast')], {
        ratios: [{slower: 'slow', faster: 'fast', required: 13}],
        log: (l) => lines.push(l),
        jsonPath: join(dir, 'out.json'),
      });
      expect(calls).to.deep.equal(['slow', 'fast', 'slow', 'fast', 'slow', 'fast']);
      expect(r.order).to.deep.equal(['slow', 'fast', 'slow', 'fast', 'slow', 'fast']);
      expect(r.sides[0]?.seconds).to.deep.equal({median: 11, min: 10, max: 12});
      expect(r.sides[1]?.seconds.median).to.equal(0.6);
      expect(r.sides[1]?.cpuSeconds?.median).to.equal(1);
      expect(r.ratios[0]?.verdict).to.equal('met'); // worst 10 / 0.7 = 14.3
      expect(r.loadBefore).to.have.length(3);
      expect(r.loadAfter).to.have.length(3);
      expect(lines.some((l) => l.startsWith('| slow | 10.000 / 12.000 / 11.000 | 11.000 | 10.000-12.000 |'))).to.equal(true);
      expect(lines.some((l) => l.startsWith('ratio slow / fast: median 18.33x, range 14.29-24.00x (required >= 13x: met)'))).to.equal(true);
      const json = lines.find((l) => l.startsWith('compare-json '));
      expect(JSON.parse((json as string).slice('compare-json '.length)).sides[1].runs[0].values).to.deep.equal({sum: 42});
      expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).order).to.deep.equal(r.order);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });

  it('compare refuses unknown ratio sides, duplicate names and bad seconds', async () => {
    const s = {name: 'a', run: () => ({seconds: 1})};
    const log = () => {};
    await expectThrows(() => compare([s], {ratios: [{slower: 'a', faster: 'x'}], log}), 'side "x"');
    await expectThrows(() => compare([s, s], {log}), 'distinct');
    await expectThrows(() => compare([{name: 'n', run: () => ({seconds: Number.NaN})}], {log}), 'side n returned seconds = NaN');
  });

  it("commandSide reads seconds, cpuSeconds and values from the child's last JSON line", async () => {
    const side = commandSide('node', process.execPath, ['-e', 'console.log("noise"); console.log(JSON.stringify({seconds: 0.25, cpuSeconds: 0.5, rows: 3}))']);
    expect(await side.run()).to.deep.equal({seconds: 0.25, cpuSeconds: 0.5, values: {rows: 3}});
    await expectThrows(() => commandSide('bad', process.execPath, ['-e', 'console.log("x")']).run(), 'did not end with a JSON line');
  });

  it('commandSide starts commands from the launcher process, not this one, and reports a failing command with its stderr', async () => {
    const side = commandSide('ppid', process.execPath, ['-e', 'console.log(JSON.stringify({seconds: 0, ppid: process.ppid, v: process.env.BENCH_X}))'], {
      env: {...process.env, BENCH_X: 'y'},
    });
    const {values} = await side.run();
    expect(values?.v).to.equal('y');
    expect(values?.ppid).to.be.a('number').and.not.equal(process.pid);
    await expectThrows(
      () => commandSide('fails', process.execPath, ['-e', 'console.error("boom here"); process.exit(3)']).run(),
      'side fails',
      'exited with code 3',
      'boom here',
    );
    await expectThrows(() => commandSide('missing', '/nonexistent/tool', []).run(), 'side missing', 'could not start', 'ENOENT');
  });
});
