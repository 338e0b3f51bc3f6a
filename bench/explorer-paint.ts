/**
 * The explorer page's build time and first paint in headless Chromium (Debian's /usr/bin/chromium via
 * playwright-core), on the embedded 341k-word default unless a page is given.
 *
 *   pnpm bench bench/explorer-paint.ts [PAGE.html] [--runs 3]
 *
 * Without PAGE it first builds one (`exp explore default`, top 20,000, map 5,000) into $TMPDIR and reports
 * the build's wall and CPU seconds. Then it opens the page `--runs` times (a fresh tab each) and prints per
 * load: first contentful paint, when the page script started, when the map was drawn (the page is then
 * usable), a top-20k neighbour search's time and any console error. The load average is printed before and
 * after: on a busy 2-core machine wall times are several times a quiet one's.
 */
import {existsSync, statSync} from 'node:fs';
import {createRequire} from 'node:module';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {runCli} from '../packages/runner/src/cli/run-cli.js';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
let page = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(`load average before: ${load()}`);
if (!page) {
  page = join(tmpdir(), 'embedlab-explore-default.html');
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const code = await runCli(['explore', 'default', '--out', page, '--quiet']);
  const cpu = process.cpuUsage(c0);
  if (code !== 0) process.exit(code);
  console.log(
    `build: ${((performance.now() - t0) / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU; ${(statSync(page).size / 1e6).toFixed(2)} MB`,
  );
}
if (!existsSync('/usr/bin/chromium')) {
  console.log('no /usr/bin/chromium: apt-get install -y --no-install-recommends chromium');
  process.exit(1);
}
// playwright-core is a dev dependency of the runner (its browser test), not of the root.
const playwright = (await import(createRequire(new URL('../packages/runner/package.json', import.meta.url)).resolve('playwright-core'))) as {
  default?: typeof import('playwright-core');
} & typeof import('playwright-core');
const chromium = (playwright.default ?? playwright).chromium;
const browser = await chromium.launch({executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu']});
for (let run = 0; run < runs; run++) {
  const tab = await browser.newPage();
  const errors: string[] = [];
  tab.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  await tab.goto(pathToFileURL(page).href);
  await tab.waitForFunction("document.body.getAttribute('data-embedlab-done') === 'yes'", undefined, {timeout: 120000});
  const t = (await tab.evaluate(`({...embedlabExplorer.timings, fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime})`)) as {
    scriptStart: number;
    firstDraw: number;
    fcp: number;
  };
  const search = (await tab.evaluate(
    `(() => { const t = performance.now(); embedlabExplorer.nearest(0, embedlabExplorer.size > 1 ? 'king' : '', 10); return performance.now() - t; })()`,
  )) as number;
  console.log(
    `load ${run + 1}: first contentful paint ${(t.fcp / 1000).toFixed(2)} s, script start ${(t.scriptStart / 1000).toFixed(2)} s, map drawn ${(t.firstDraw / 1000).toFixed(2)} s; search ${search.toFixed(0)} ms; console errors: ${errors.length}`,
  );
  await tab.close();
}
await browser.close();
console.log(`load average after: ${load()}`);
