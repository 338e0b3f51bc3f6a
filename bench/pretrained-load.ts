/**
 * Load speed of @embedlab/pretrained's GloVe reader against gensim, by the shared method (bench/lib/compare.ts:
 * sides interleaved, medians and ranges, load average before and after, warnings), plus memory and the
 * cached embedded default.
 *
 *   pnpm bench bench/pretrained-load.ts [PATH] [--runs 3] [--gensim-runs 3] [--no-4k] [--json out.json]
 *
 * PATH defaults to $TMPDIR/embedlab-bench/glove.6B.100d.wink.txt, written from the embedded default if
 * missing (341,479 lines, ~296 MB; its sha256 must equal the gensim reference's converted text).
 * Every run is a fresh child process (so peak RSS belongs to that load alone) that prints one JSON line
 * with wall `seconds` and `cpuSeconds` (user + system, all threads) around the load only:
 *   - embedlab:       readVectors(PATH) (GloVe text, no header; threads = defaultThreads(): cores, at most 4)
 *   - embedlab-1t:    the same with {threads: 1}
 *   - gensim:         /usr/bin/python3 bench/pretrained_gensim.py PATH (load_word2vec_format(no_header=True))
 *   - cached-default: loadEmbeddedDefault() with a warm binary cache (the "second load"), plus a lookup
 *   - embedlab-4k, gensim-4k, cached-default-4k: the same with GLIBC_TUNABLES emptied (4 KiB pages), when the
 *     bench runs with glibc.malloc.hugetlb=1 (as `pnpm bench` does) and without --no-4k
 * Then the table, the ratios (gensim / embedlab >= 13x required), MB/s per CPU second, memory, and whether
 * every side read the same numbers (king's first values, float64 sum of the matrix).
 */
import {createHash} from 'node:crypto';
import {createReadStream, existsSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {EMBEDDED_TEXT_SHA256, loadEmbeddedDefault, readVectors, writeGloveText} from '../packages/pretrained/src/index.js';
import {defaultThreads} from '../packages/pretrained/src/internal.js';
import {commandSide, compare, type SideResult} from './lib/compare.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MiB = 2 ** 20;

function matrixSum(data: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += data[i] as number;
  return sum;
}

async function child(mode: string, path: string): Promise<void> {
  const rss0 = process.memoryUsage().rss;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const notes: string[] = [];
  const v =
    mode === 'cached-default' ? loadEmbeddedDefault({onNote: (n) => notes.push(n)}) : await readVectors(path, mode === 'embedlab-1t' ? {threads: 1} : {});
  // One lookup belongs to the load: a lazily built word index is paid here, not hidden.
  const king = Array.from(v.vector('king')?.subarray(0, 3) ?? []);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  let wordChars = 0;
  for (const w of v.words) wordChars += w.length;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      rows: v.size,
      dim: v.dim,
      threads: mode === 'embedlab' ? defaultThreads() : 1,
      wordChars,
      king,
      sum: matrixSum(v.data),
      container: v.meta.container ?? v.meta.cache,
      // A cached-default run that did not read the cache (it converted the JSON again) is not a second load.
      ...(mode === 'cached-default' ? {fromCache: typeof v.meta.cache === 'string', notes} : {}),
      peakOverBaselineMiB: (maxRss - rss0) / MiB,
      peakRssMiB: maxRss / MiB,
    }),
  );
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
  const fileMB = statSync(path).size / 1e6;
  console.log(
    `file ${path}: ${fileMB.toFixed(1)} MB, sha256 ${sha} (${sha === EMBEDDED_TEXT_SHA256 ? 'equals' : 'DIFFERS FROM'} the gensim reference's converted text)`,
  );
  const runs = flag('--runs', 3);
  // Both sides run with the same GLIBC_TUNABLES (`pnpm bench` sets glibc.malloc.hugetlb=1: malloc asks for
  // transparent huge pages, which numpy's arrays get as much as our matrix). With huge pages on, the
  // "-4k" sides repeat embedlab and gensim without the tunable (4 KiB pages), so both settings are shown.
  const hugePages = /glibc\.malloc\.hugetlb=[12]/.test(process.env.GLIBC_TUNABLES ?? '');
  const smallPages = {...process.env, GLIBC_TUNABLES: ''};
  const node = (mode: string, name = mode, env?: NodeJS.ProcessEnv) =>
    commandSide(name, process.execPath, ['--conditions=@embedlab/source', '--import', 'tsx', process.argv[1] as string, '--child', mode, path], {
      runs,
      ...(env ? {env} : {}),
    });
  const gensim = (name: string, env?: NodeJS.ProcessEnv) =>
    commandSide(name, '/usr/bin/python3', [join(import.meta.dirname, 'pretrained_gensim.py'), path], {
      runs: flag('--gensim-runs', runs),
      ...(env ? {env} : {}),
    });
  const with4k = hugePages && !args.includes('--no-4k');
  const jsonAt = args.indexOf('--json');
  const result = await compare(
    [
      node('embedlab'),
      node('embedlab-1t'),
      gensim('gensim'),
      node('cached-default'),
      ...(with4k
        ? [node('embedlab', 'embedlab-4k', smallPages), gensim('gensim-4k', smallPages), node('cached-default', 'cached-default-4k', smallPages)]
        : []),
    ],
    {
      title: `GloVe 100d text load (${fileMB.toFixed(0)} MB): embedlab readVectors (default ${defaultThreads()} threads; 1 thread) vs gensim 4.2 load_word2vec_format(no_header=True); cached-default = loadEmbeddedDefault() on a warm cache (141 MB .evf); malloc huge pages ${hugePages ? 'on (GLIBC_TUNABLES glibc.malloc.hugetlb=1) for both sides; -4k sides without' : 'off'}`,
      ratios: [
        {slower: 'gensim', faster: 'embedlab', required: 13},
        {slower: 'gensim', faster: 'embedlab-1t'},
        ...(with4k ? [{slower: 'gensim-4k', faster: 'embedlab-4k'}] : []),
      ],
      ...(jsonAt >= 0 ? {jsonPath: args[jsonAt + 1] as string} : {}),
    },
  );
  const side = (name: string) => result.sides.find((s) => s.name === name) as SideResult;
  const values = (name: string) => side(name).runs.map((r) => r.values as Record<string, unknown>);
  console.log('');
  for (const name of ['embedlab', 'embedlab-1t', 'gensim', 'embedlab-4k', 'gensim-4k']) {
    const s = result.sides.find((x) => x.name === name);
    if (s?.cpuSeconds)
      console.log(
        `${name}: ${(fileMB / s.seconds.median).toFixed(0)} MB/s wall, ${(fileMB / s.cpuSeconds.median).toFixed(0)} MB per CPU second (median CPU ${s.cpuSeconds.median.toFixed(3)} s)`,
      );
  }
  const cpu = (name: string) => side(name).cpuSeconds?.median as number;
  console.log(
    `CPU-time ratios (less load-sensitive than wall; gensim runs on one thread): gensim / embedlab ${(cpu('gensim') / cpu('embedlab')).toFixed(2)}x, gensim / embedlab-1t ${(cpu('gensim') / cpu('embedlab-1t')).toFixed(2)}x`,
  );
  const rebuilt = result.sides
    .filter((s) => s.name.startsWith('cached-default'))
    .flatMap((s) => s.runs.map((r) => r.values as Record<string, unknown>))
    .filter((v) => v.fromCache !== true);
  if (rebuilt.length > 0)
    console.log(
      `WARNING: ${rebuilt.length} cached-default run(s) did not load from the cache (${JSON.stringify(rebuilt.map((v) => v.notes))}): their times are a conversion, not a second load`,
    );
  const r0 = values('embedlab')[0] as {rows: number; dim: number; wordChars: number; sum: number};
  const matrixMiB = (r0.rows * r0.dim * 4) / MiB;
  // V8 keeps these (mostly one-byte) strings at ~ 16 header bytes + 1 byte per char, plus the array slot.
  const wordsMiB = (r0.wordChars + r0.rows * 24) / MiB;
  for (const name of ['embedlab', 'embedlab-1t', 'cached-default']) {
    const peaks = values(name)
      .map((v) => v.peakOverBaselineMiB as number)
      .sort((a, b) => a - b);
    const peak = peaks[peaks.length >> 1] as number;
    console.log(
      `memory ${name}: peak RSS over the process baseline ${peak.toFixed(0)} MiB = ${(peak / (matrixMiB + wordsMiB)).toFixed(2)}x the matrix ${matrixMiB.toFixed(0)} MiB + words ~${wordsMiB.toFixed(0)} MiB (limit 1.5x)`,
    );
  }
  console.log(
    `memory gensim: peak RSS ${values('gensim')
      .map((v) => (v.peak_rss_mib as number).toFixed(0))
      .join(', ')} MiB (whole process)`,
  );
  // Every run of every side must have read the same numbers: rows and king's values exactly; the float64
  // sums to 1e-12 relative (numpy sums pairwise, we sum in order: the last bits differ).
  const g0 = values('gensim')[0] as Record<string, unknown>;
  const ref = JSON.stringify([g0.rows, g0.king]);
  const bad = result.sides.flatMap((s) =>
    s.runs
      .map((r, i) => ({at: `${s.name} run ${i + 1}`, v: r.values as Record<string, unknown>}))
      .filter(({v}) => JSON.stringify([v.rows, v.king]) !== ref || Math.abs((v.sum as number) - (g0.sum as number)) > 1e-12 * Math.abs(g0.sum as number)),
  );
  const same = bad.length === 0;
  console.log(
    `same numbers on every run of every side (rows, king[0..3] exact, float64 sum to 1e-12): ${same ? 'yes' : `NO (${bad.map((b) => b.at).join(', ')})`}; gensim ${ref}, sum ${g0.sum}; ours sum ${r0.sum}`,
  );
  if (!same) process.exitCode = 1;
}

await main();
