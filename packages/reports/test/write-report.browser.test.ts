/**
 * Opens a written index.html in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core)
 * and checks that every chart rendered with marks, with no console errors, page errors, dialogs or
 * requests beyond the page itself. Skips locally without Chromium; under CI a missing browser fails.
 */
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {isCi} from '@embedlab/core';
import {expect} from 'chai';
import {chromium, type Browser} from 'playwright-core';
import {writeReport} from '../src/index.js';
import {NASTY_WORDS, sampleReport} from './fixtures/sample-report.js';

// EMBEDLAB_CHROMIUM only exists to check the skip/fail logic by pointing at a missing file.
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

describe('writeReport index.html in Chromium', function () {
  this.timeout(60000);
  let browser: Browser | undefined;
  let work: string;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (isCi())
        throw new Error(
          `${CHROMIUM} is missing but CI is set: install it (apt-get install -y --no-install-recommends chromium); CI must not skip the browser test`,
        );
      console.warn(`    skipping the browser test: ${CHROMIUM} not found (apt-get install -y --no-install-recommends chromium); CI fails instead of skipping`);
      this.skip();
    }
    browser = await chromium.launch({executablePath: CHROMIUM, args: LAUNCH_ARGS});
    work = mkdtempSync(join(tmpdir(), 'embedlab-reports-browser-'));
  });

  after(async () => {
    await browser?.close();
    if (work) rmSync(work, {recursive: true, force: true});
  });

  it('renders every chart offline, with no console errors or extra requests', async () => {
    const report = sampleReport();
    const {dir} = await writeReport(join(work, 'report'), report);
    const url = pathToFileURL(join(dir, 'index.html')).href;
    const page = await browser!.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    let pageBroke: (error: Error) => void = () => {};
    const broken = new Promise<never>((_, reject) => (pageBroke = reject));
    broken.catch(() => {}); // it may reject during goto, before the race below listens
    page.on('pageerror', (error) => {
      problems.push(`page error: ${error.message}`);
      pageBroke(error);
    });
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog opened: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('request', (request) => requests.push(request.url()));

    await page.goto(url);
    // Done, or a broken page: fail at once with what went wrong instead of waiting out the timeout.
    await Promise.race([
      page.waitForFunction("document.body && document.body.getAttribute('data-embedlab-done') === 'yes'", undefined, {timeout: 20000}),
      broken,
    ]).catch((error: Error) => expect.fail(`charts did not finish rendering (${error.message.split('\n')[0]}); problems: ${problems.join('; ') || 'none'}`));

    for (const chart of report.charts) {
      const state = await page.$eval(`#vis-${chart.id}`, (el) => ({
        rendered: el.getAttribute('data-rendered'),
        svgs: el.querySelectorAll('svg').length,
        // Data marks (not axes or legends): Vega's SVG renderer tags them role-mark.
        marks: el.querySelectorAll('svg g.role-mark > *').length,
      }));
      expect(state, chart.id).to.deep.equal({rendered: 'yes', svgs: 1, marks: state.marks});
      expect(state.marks, `${chart.id}: marks drawn`).to.be.greaterThan(0);
    }
    // The nasty words arrive as text, not markup: the PCA chart shows each as a label.
    const labels = await page.$$eval('#vis-pca svg text', (els) => els.map((e) => e.textContent));
    for (const word of NASTY_WORDS) expect(labels).to.include(word);
    expect(await page.title()).to.equal(report.title);
    expect(await page.$$eval('h1', (els) => els.map((e) => e.textContent))).to.deep.equal([report.title]);
    expect(await page.$$eval('body > b, h1 b, .caption b', (els) => els.length)).to.equal(0);
    expect(await page.$$eval('table td', (els) => els.map((e) => e.textContent))).to.include.members(['</script>', 'x|y']);

    expect(problems).to.deep.equal([]);
    expect(requests).to.deep.equal([url]);
    await page.close();
  });
});
