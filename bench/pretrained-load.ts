/**
 * Load speed of @embedlab/pretrained's GloVe reader against gensim, in the same run, plus memory and the
 * cached embedded default.
 *
 *   node --conditions=@embedlab/source --import tsx bench/pretrained-load.ts [PATH] [--runs 3] [--gensim-runs 1]
 *
 * PATH defaults to $TMPDIR/embedlab-bench/glove.6B.100d.wink.txt, written from the embedded default if
 * missing (341,479 lines, ~296 MB; its sha256 must equal the gensim reference's converted text).
 * Each measurement runs in a fresh child process, so peak RSS (maxRSS) belongs to that load alone:
 *   - ours:    readVectors(PATH) (GloVe text, no header; default threads = defaultThreads(): cores, at most 4)
 *   - ours-1-thread, ours-2-threads: the same with {threads: 1} / {threads: 2}
 *   - gensim:  /usr/bin/python3 bench/pretrained_gensim.py PATH (load_word2vec_format(no_header=True))
 *   - default: loadEmbeddedDefault() with a warm binary cache (the "second load")
 * Prints one JSON line per measurement, then a summary.
 */
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {createReadStream, existsSync} from 'node:fs';
import {cpus, loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {EMBEDDED_TEXT_SHA256, loadEmbeddedDefault, readVectors, writeGloveText} from '../packages/pretrained/src/index.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MiB = 2 ** 20;

async function child(mode: string, path: string): Promise<void> {
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  let rows: number, dim: number, wordChars = 0, king: number[];
  if (mode.startsWith('ours')) {
    const v = await readVectors(path, mode === 'ours' ? {} : {threads: mode === 'ours-1-thread' ? 1 : 2});
    ({size: rows, dim} = v);
    for (const w of v.words) wordChars += w.length;
    king = Array.from(v.vector('king')?.subarray(0, 3) ?? []);
    let sum = 0;
    const seconds = (performance.now() - t0) / 1000;
    for (let i = 0; i < v.data.length; i++) sum += v.data[i] as number;
    report({mode, seconds, rows, dim, wordChars, king, sum, rss0, container: v.meta.container});
  } else {
    const v = loadEmbeddedDefault();
    const seconds = (performance.now() - t0) / 1000;
    ({size: rows, dim} = v);
    for (const w of v.words) wordChars += w.length;
    king = Array.from(v.vector('king')?.subarray(0, 3) ?? []);
    report({mode, seconds, rows, dim, wordChars, king, rss0, cache: v.meta.cache});
  }
}

function report(r: Record<string, unknown> & {rss0: number}): void {
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({...r, rss0MiB: r.rss0 / MiB, peakRssMiB: maxRss / MiB, peakOverBaselineMiB: (maxRss - r.rss0) / MiB}));
}

function runChild(mode: string, path: string): Record<string, number> {
  const out = execFileSync(process.execPath, ['--conditions=@embedlab/source', '--import', 'tsx', process.argv[1] as string, '--child', mode, path], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const line = out.trim().split('\n').pop() as string;
  console.log(line);
  return JSON.parse(line) as Record<string, number>;
}

function sha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  if (args[0] === '--child') return child(args[1] as string, args[2] as string);
  const path = args.find((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--')) ?? join(tmpdir(), 'embedlab-bench', 'glove.6B.100d.wink.txt');
  const cached = loadEmbeddedDefault(); // converts once and fills the cache if needed
  if (!existsSync(path)) {
    const t = performance.now();
    writeGloveText(path, cached);
    console.log(`wrote ${path} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const sha = await sha256(path);
  console.log(`file ${path}: sha256 ${sha} (${sha === EMBEDDED_TEXT_SHA256 ? 'equals' : 'DIFFERS FROM'} the gensim reference's converted text)`);
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model}, node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

  const runs = flag('--runs', 3);
  const ours: Record<string, number>[] = [];
  const single: Record<string, number>[] = [];
  const two: Record<string, number>[] = [];
  const gensim: Record<string, number>[] = [];
  // Interleave so that a change in machine load hits both.
  for (let i = 0; i < Math.max(runs, flag('--gensim-runs', 1)); i++) {
    if (i < runs) ours.push(runChild('ours', path));
    if (i < runs) single.push(runChild('ours-1-thread', path));
    if (i < runs) two.push(runChild('ours-2-threads', path));
    if (i < flag('--gensim-runs', 1)) {
      const line = execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'pretrained_gensim.py'), path], {encoding: 'utf8'}).trim();
      console.log(line);
      gensim.push(JSON.parse(line) as Record<string, number>);
    }
  }
  const defaults = [runChild('default', path), runChild('default', path)];

  const oursT = median(ours.map((r) => r.seconds as number));
  const gensimT = median(gensim.map((r) => r.seconds as number));
  const r0 = ours[0] as Record<string, number>;
  const matrixMiB = ((r0.rows as number) * (r0.dim as number) * 4) / MiB;
  // V8 keeps these (mostly one-byte) strings at ~ 16 header bytes + 1 byte per char, plus the array slot.
  const wordsMiB = ((r0.wordChars as number) + (r0.rows as number) * 24) / MiB;
  const peak = median(ours.map((r) => r.peakOverBaselineMiB as number));
  console.log('\nsummary');
  console.log(`  ours   (readVectors, GloVe text, default threads): median ${oursT.toFixed(3)} s of ${ours.map((r) => `${(r.seconds as number).toFixed(3)} (${r.container})`).join(', ')}`);
  console.log(`  ours, 1 thread: median ${median(single.map((r) => r.seconds as number)).toFixed(3)} s of ${single.map((r) => (r.seconds as number).toFixed(3)).join(', ')}; peak RSS over baseline ${median(single.map((r) => r.peakOverBaselineMiB as number)).toFixed(0)} MiB`);
  console.log(`  ours, 2 threads: median ${median(two.map((r) => r.seconds as number)).toFixed(3)} s of ${two.map((r) => (r.seconds as number).toFixed(3)).join(', ')}; peak RSS over baseline ${median(two.map((r) => r.peakOverBaselineMiB as number)).toFixed(0)} MiB`);
  console.log(`  gensim (load_word2vec_format no_header=True): ${gensim.map((r) => (r.seconds as number).toFixed(2)).join(', ')} s, peak RSS ${gensim.map((r) => (r.peak_rss_mib as number).toFixed(0)).join(', ')} MiB`);
  console.log(`  ratio gensim / ours: ${(gensimT / oursT).toFixed(1)}x (required >= 13x); 1 thread: ${(gensimT / median(single.map((r) => r.seconds as number))).toFixed(1)}x; 2 threads: ${(gensimT / median(two.map((r) => r.seconds as number))).toFixed(1)}x`);
  console.log(`  same numbers: king ${JSON.stringify(r0.king)} vs gensim ${JSON.stringify(gensim[0]?.king)}; sum ${r0.sum} vs ${gensim[0]?.sum}`);
  console.log(
    `  memory (default threads): peak RSS over the process baseline ${peak.toFixed(0)} MiB; float32 matrix ${matrixMiB.toFixed(0)} MiB + words ~${wordsMiB.toFixed(0)} MiB = ${(matrixMiB + wordsMiB).toFixed(0)} MiB -> ${(peak / (matrixMiB + wordsMiB)).toFixed(2)}x (limit 1.5x)`,
  );
  console.log(`  cached default second load (fresh process, warm cache): ${defaults.map((r) => (r.seconds as number).toFixed(3)).join(', ')} s`);
  console.log(`  load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

await main();
