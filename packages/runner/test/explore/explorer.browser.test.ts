/**
 * The explorer page in headless Chromium (Debian's /usr/bin/chromium via playwright-core, as the reports'
 * browser test): it loads offline with no request beyond itself and no console error, the map draws, a
 * search lists the neighbours, and the page's neighbours and analogies equal WordVectors.nearest() /
 * analogy() on the same dequantised vectors (same words, same order, same float64 scores). Skips without
 * Chromium locally; under CI a missing browser fails.
 */
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {createRng, isCi, WordVectors} from '@embedlab/core';
import {expect} from 'chai';
import {chromium, type Browser, type Page} from 'playwright-core';
import {buildExplorerData, dequantizeRows, explorerArmVectors, quantizeRows, type ExplorerData} from '../../src/explore/explorer-data.js';
import {explorerHtml} from '../../src/explore/explorer-page.js';
import {analogyOf} from '../../src/explore/explore.js';

const CHROMIUM = process.env.EMBEDLAB_CHROMIUM ?? '/usr/bin/chromium';
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const NASTY = '</script><b>x</b>';

/** 400 seeded 16-d words (`w0`..), one nasty word; arm two = arm one plus noise, without `w7`. */
function arms(): {a: WordVectors; b: WordVectors} {
  const rng = createRng(7);
  const n = 400,
    dim = 16;
  const words = Array.from({length: n}, (_, i) => (i === 3 ? NASTY : `w${i}`));
  const data = Float32Array.from({length: n * dim}, () => rng.normal());
  const noisy = data.map((v) => v + 0.8 * rng.normal());
  const keep = words.map((_, i) => i).filter((i) => i !== 7);
  const b = new Float32Array(keep.length * dim);
  keep.forEach((r, i) => b.set(noisy.subarray(r * dim, (r + 1) * dim), i * dim));
  return {
    a: new WordVectors(words, data, dim),
    b: new WordVectors(
      keep.map((i) => words[i]!),
      b,
      dim,
    ),
  };
}

/** Evaluate an expression in the page (the test's tsconfig has no DOM types, so no typed callbacks). */
const call = (page: Page, expression: string): Promise<unknown> => page.evaluate(expression);

describe('explorer data', () => {
  it('quantises each row to int8 with scale max|v|/127 (hand-derived)', () => {
    const {q, scales} = quantizeRows(Float32Array.from([0.5, -1, 0.25, 0, 0, 0]), 2, 3);
    expect(scales[0]).to.equal(Math.fround(1 / 127));
    expect(Array.from(q)).to.deep.equal([64, -127, 32, 0, 0, 0]); // 63.5 -> 64, 31.75 -> 32
    expect(scales[1]).to.equal(0);
    const back = dequantizeRows(q, scales, 3);
    expect(back[1]).to.equal(Math.fround(-127 * Math.fround(1 / 127)));
    expect(Math.abs(back[0]! - 0.5)).to.be.below(0.5 / 127);
  });
});

describe('explorer page in Chromium', function () {
  this.timeout(60000);
  let browser: Browser | undefined;
  let work: string;
  let data: ExplorerData;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];
  let url: string;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (isCi())
        throw new Error(
          `${CHROMIUM} is missing but CI is set: install it (apt-get install -y --no-install-recommends chromium); CI must not skip the browser test`,
        );
      console.warn(`    skipping the explorer browser test: ${CHROMIUM} not found (apt-get install -y --no-install-recommends chromium)`);
      this.skip();
    }
    const {a, b} = arms();
    data = await buildExplorerData(
      [
        {name: 'shipped', source: 'test a', vectors: a},
        {name: 'tuned', source: 'test b', vectors: b},
      ],
      {top: 300, map: 120, groups: [{group: 'some', words: ['w1', 'w2', 'w250']}], umap: {nEpochs: 50}},
    );
    work = mkdtempSync(join(tmpdir(), 'embedlab-explorer-'));
    const file = join(work, 'explore.html');
    writeFileSync(file, explorerHtml(data));
    url = pathToFileURL(file).href;
    browser = await chromium.launch({executablePath: CHROMIUM, args: LAUNCH_ARGS});
    page = await browser.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url);
    await page
      .waitForFunction("document.body.getAttribute('data-embedlab-done') === 'yes'", undefined, {timeout: 20000})
      .catch((error: Error) => expect.fail(`the page did not finish (${error.message.split('\n')[0]}); problems: ${problems.join('; ') || 'none'}`));
  });

  after(async () => {
    await browser?.close();
    if (work) rmSync(work, {recursive: true, force: true});
  });

  it('holds the top N words and a map point per map word (plus group words beyond it)', () => {
    expect(data.words).to.have.length(300);
    expect(data.mapRows).to.have.length(121); // w250 is a group word past the first 120
    expect(data.arms[1]!.missing).to.deep.equal([7]);
  });

  it('draws the map (UMAP by default), with no console error and no request beyond the page', async () => {
    const drawn = await page.$eval('#map', (c) => Number(c.getAttribute('data-points-drawn')));
    expect(drawn).to.equal(121);
    // Non-white pixels: the points are really on the canvas.
    type Canvas = {
      width: number;
      height: number;
      getContext(kind: '2d'): {getImageData(x: number, y: number, w: number, h: number): {data: Uint8ClampedArray}};
    };
    const ink = await page.$eval('#map', (c) => {
      const canvas = c as unknown as Canvas;
      const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i]! < 250 || px[i + 1]! < 250 || px[i + 2]! < 250) n++;
      return n;
    });
    expect(ink).to.be.greaterThan(121 * 4);
    expect(await page.$eval('#map-caption', (e) => e.textContent)).to.match(/^UMAP \(seed 1337/);
    await page.selectOption('#map-projection', 'pca');
    expect(await page.$eval('#map-caption', (e) => e.textContent)).to.match(/^PCA of 121 unit vectors/);
    await page.selectOption('#map-colour', 'groups');
    expect(await page.$$eval('#legend .key', (els) => els.map((e) => e.textContent))).to.deep.equal(['some']);
    expect(problems).to.deep.equal([]);
    expect(requests).to.deep.equal([url]);
  });

  it('autocompletes, and a search lists the neighbours of each arm as nearest() does, marking changed ones', async () => {
    await page.fill('#search', 'w1');
    await page.dispatchEvent('#search', 'input');
    const suggested = await page.$$eval('#suggestions li', (els) => els.map((e) => e.textContent));
    expect(suggested).to.deep.equal(['w1', 'w10', 'w11', 'w12', 'w13', 'w14', 'w15', 'w16', 'w17', 'w18']);
    await page.fill('#search', 'w12');
    await page.press('#search', 'Enter');
    const cells = await page.$$eval('#neighbour-table tr', (trs) =>
      trs.slice(1).map((tr) => Array.from(tr.children).map((td) => (td as {textContent: string | null}).textContent)),
    );
    const shipped = explorerArmVectors(data, 0).nearest('w12', {k: 10});
    const tuned = explorerArmVectors(data, 1).nearest('w12', {k: 10});
    expect(cells.map((c) => c[1])).to.deep.equal(shipped.map((n) => n.word));
    expect(cells.map((c) => c[2])).to.deep.equal(shipped.map((n) => n.score.toFixed(3)));
    expect(cells.map((c) => c[3])).to.deep.equal(tuned.map((n) => n.word));
    const changed = await page.$$eval('#neighbour-table td.changed[data-arm="1"]', (els) => els.map((e) => e.textContent));
    const shippedSet = new Set(shipped.map((n) => n.word));
    expect(changed).to.deep.equal(tuned.map((n) => n.word).filter((w) => !shippedSet.has(w)));
    expect(changed.length).to.be.greaterThan(0);
    expect(problems).to.deep.equal([]);
  });

  it("the page's nearest() and analogy() equal WordVectors' on the dequantised vectors, score for score", async () => {
    for (const arm of [0, 1]) {
      const vectors = explorerArmVectors(data, arm);
      const queries = ['w0', 'w1', NASTY, 'w42', 'w150', 'w299'];
      const page_ = await call(page, `${JSON.stringify(queries)}.map((w) => embedlabExplorer.nearest(${arm}, w, 15))`);
      const lib = queries.map((w) => vectors.nearest(w, {k: 15}).map((n) => ({word: n.word, index: data.words.indexOf(n.word), score: n.score})));
      expect(page_).to.deep.equal(lib);
      const analogies = [
        ['w5', 'w6', 'w8'],
        ['w100', 'w20', NASTY],
      ] as const;
      const pageAnalogy = await call(page, `${JSON.stringify(analogies)}.map((q) => embedlabExplorer.analogy(${arm}, q[0], q[1], q[2], 5))`);
      const libAnalogy = analogies.map(([x, y, z]) =>
        analogyOf(vectors, x, y, z, {k: 5}).map((n) => ({word: n.word, index: data.words.indexOf(n.word), score: n.score})),
      );
      expect(pageAnalogy).to.deep.equal(libAnalogy);
    }
    // w7 is missing from the second arm: no neighbours there, and never a neighbour.
    expect(await call(page, `embedlabExplorer.nearest(1, 'w7', 5)`)).to.equal(null);
  });

  it('the analogy box and the nasty word show as text', async () => {
    await page.fill('#an-a', 'w5');
    await page.fill('#an-b', 'w6');
    await page.fill('#an-c', 'w8');
    await page.click('#analogy-form button');
    const first = await page.$$eval('#analogy-table tr:nth-child(2) td.word', (els) => els.map((e) => e.textContent));
    const expected = [0, 1].map((arm) => analogyOf(explorerArmVectors(data, arm), 'w5', 'w6', 'w8', {k: 1})[0]!.word);
    expect(first).to.deep.equal(expected);
    await page.fill('#search', NASTY);
    await page.press('#search', 'Enter');
    expect(await page.$$eval('#neighbour-table b', (els) => els.length)).to.equal(0);
    expect(await page.$eval('#neighbours p', (e) => e.textContent)).to.include(NASTY);
    expect(problems).to.deep.equal([]);
    expect(requests).to.deep.equal([url]);
  });
});
