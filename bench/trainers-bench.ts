/**
 * Word2vec quality and speed, ours vs gensim 4.2 in the same run, on the packaged corpora
 * (SOTU + Moby Dick + SpamAssassin bodies + WordNet glosses), tokenized by @embedlab/corpora.
 *
 *   node --conditions=@embedlab/source --import tsx bench/trainers-bench.ts [--modes sg,cbow] [--threads 2]
 *     [--epochs 5] [--no-gensim] [--seeds 1,2] [--sampler cumulative|table] [--table-size 1e8] [--saturated clip|skip] [--init word2vec|gensim] [--shared-negatives] [--decay sentences|words] [--no-score] [--json out.json] [--corpus-out lines.txt]
 *
 * Settings as gensim's defaults except sg: dim 100, window 5, negative 5, min_count 5, sample 1e-3,
 * alpha 0.025 -> 1e-4, 5 epochs, 2 threads/workers. `--decay` sets what the learning-rate decay counts on
 * both sides: `sentences` (default; gensim's train(total_examples=corpus_count), our alphaDecay 'sentences')
 * or `words` (gensim's train(total_words=...), our default). The corpus ends with 118k short WordNet glosses,
 * so the two schedules differ here (issue 16: this was the CBOW gap). Both read the same sentences: documents tokenized,
 * words below min_count removed, cut into lines of <= 10000 tokens (written to a temp file for gensim).
 * Speed = words after subsampling per second of training (gensim's "effective words/s"; gensim's
 * train() returns that count). Quality = a small local scorer with gensim's protocol (uppercase fold,
 * analogy 3CosAdd over the 30,000 most frequent words, questions with OOV words skipped; Spearman on
 * pairs with both words known), applied identically to both vector sets; gensim's own evaluators are run
 * on gensim's model as a cross-check of this scorer.
 */
import {spawnSync} from 'node:child_process';
import {copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {initBackend, Vocabulary, WordVectors} from '../packages/core/src/index.js';
import {mobyDickCorpus, sotuCorpus, spamAssassinCorpus, tokenize, wordnetGlossCorpus, type Corpus} from '../packages/corpora/src/index.js';
import {trainWord2Vec} from '../packages/optimizers/src/trainers/index.js';
import {compare, median, type Side} from './lib/compare.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : fallback;
};
const modes = arg('modes', 'sg,cbow').split(',') as ('sg' | 'cbow')[];
const threads = Number(arg('threads', '2'));
const epochs = Number(arg('epochs', '5'));
const runGensim = !argv.includes('--no-gensim');
const noScore = argv.includes('--no-score');
const seeds = arg('seeds', '1,2,3').split(',').map(Number);
const sampler = arg('sampler', 'cumulative') as 'cumulative' | 'table';
const tableSize = Number(arg('table-size', '1e8'));
// gensim's own choices (and the library's defaults), so both sides run the same algorithm: saturated scores
// skipped and input vectors from uniform [-1, 1) / dim; `--init word2vec --saturated clip` is word2vec.c.
const saturated = arg('saturated', 'skip') as 'clip' | 'skip';
const init = arg('init', 'gensim') as 'word2vec' | 'gensim';
// Skip-gram with negatives shared by the window (pWord2Vec; the library's `sharedNegatives` option).
const sharedNegatives = argv.includes('--shared-negatives');
const decay = arg('decay', 'sentences') as 'sentences' | 'words';
if (decay !== 'sentences' && decay !== 'words') throw new Error(`--decay: '${decay}' is not 'sentences' or 'words'`);
// EMBEDLAB_DATA_DIR, or ../shared/datasets beside the repository.
const dataDir = process.env.EMBEDLAB_DATA_DIR ?? fileURLToPath(new URL('../../shared/datasets', import.meta.url));
const log = (...a: unknown[]) => console.error(`[${new Date().toISOString().slice(11, 19)} load ${loadavg()[0]!.toFixed(2)}]`, ...a);

// 1. Corpus.
const t0 = performance.now();
const parts: Corpus[] = [sotuCorpus(), mobyDickCorpus(), spamAssassinCorpus({bodies: true}), wordnetGlossCorpus()];
const docs: string[][] = [];
const perCorpus: Record<string, number> = {};
for (const c of parts) {
  let n = 0;
  for await (const d of c) {
    const t = tokenize(d.text);
    n += t.length;
    docs.push(t);
  }
  perCorpus[c.provenance.corpus] = n;
}
const counts = new Map<string, number>();
let tokens = 0;
for (const d of docs) for (const w of d) tokens++, counts.set(w, (counts.get(w) ?? 0) + 1);
// Row order as gensim's (count descending, ties in order of first occurrence: a stable sort of a Map that
// keeps insertion order), so both models answer the same questions over the same 30k candidates.
const vocab = Vocabulary.fromWords(
  [...counts]
    .filter(([, c]) => c >= 5)
    .sort((a, b) => b[1] - a[1])
    .map(([w]) => w),
);
const sentences: Int32Array[] = [];
for (const d of docs) {
  const ids: number[] = [];
  for (const w of d) {
    const id = vocab.id(w);
    if (id !== undefined) ids.push(id);
  }
  for (let at = 0; at < ids.length; at += 10000) sentences.push(Int32Array.from(ids.slice(at, at + 10000)));
}
const kept = sentences.reduce((s, x) => s + x.length, 0);
log(
  `corpus: ${docs.length} documents, ${tokens} tokens, ${counts.size} types, ${vocab.size} types with count >= 5 (${kept} tokens), ${sentences.length} lines; per corpus ${JSON.stringify(perCorpus)}; ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
const dir = mkdtempSync(join(tmpdir(), 'trainers-bench-'));
const corpusFile = join(dir, 'corpus.txt');
writeFileSync(corpusFile, sentences.map((s) => Array.from(s, (id) => vocab.token(id)).join(' ')).join('\n') + '\n');
// --corpus-out PATH: keep these lines (for bench/trainers_gensim.py and trainers_gensim_checks.py) and stop.
const corpusOut = arg('corpus-out', '');
if (corpusOut) {
  copyFileSync(corpusFile, corpusOut);
  rmSync(dir, {recursive: true, force: true});
  log(`corpus lines written to ${corpusOut}`);
  process.exit(0);
}

// 2. Scorer (gensim protocol).
const {tf} = await initBackend('wasm');
function foldIndex(v: WordVectors, restrict: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < Math.min(restrict, v.size); i++) {
    const k = v.words[i]!.toUpperCase();
    if (!m.has(k)) m.set(k, i);
  }
  return m;
}
function unitRows(v: WordVectors, rows: number): Float32Array {
  const out = new Float32Array(rows * v.dim);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let k = 0; k < v.dim; k++) s += v.data[i * v.dim + k]! ** 2;
    const n = Math.sqrt(s) || 1;
    for (let k = 0; k < v.dim; k++) out[i * v.dim + k] = v.data[i * v.dim + k]! / n;
  }
  return out;
}
const questions = readFileSync(join(dataDir, 'google-analogy/questions-words.txt'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith(':'))
  .map((l) => l.trim().toUpperCase().split(/\s+/));
function analogy(v: WordVectors): {accuracy: number; answered: number} {
  const R = Math.min(30000, v.size),
    D = v.dim;
  const idx = foldIndex(v, R);
  const unit = unitRows(v, R);
  const qs = questions.map((q) => q.map((w) => idx.get(w))).filter((q): q is number[] => q.every((i) => i !== undefined));
  // [D, R], transposed once: tfjs-wasm's matMul with transposeB is ~13x slower (see the optimizers README).
  const E = tf.tidy(() => tf.transpose(tf.tensor2d(unit, [R, D])));
  let correct = 0;
  for (let b = 0; b < qs.length; b += 1024) {
    const batch = qs.slice(b, b + 1024);
    const q = new Float32Array(batch.length * D);
    batch.forEach(([a, bb, c], r) => {
      for (let k = 0; k < D; k++) q[r * D + k] = unit[bb! * D + k]! - unit[a! * D + k]! + unit[c! * D + k]!;
    });
    const top = tf.tidy(() => tf.topk(tf.matMul(tf.tensor2d(q, [batch.length, D]), E), 4).indices); // [B, 4]
    const ids = top.dataSync();
    top.dispose();
    batch.forEach(([a, bb, c, d], r) => {
      for (let k = 0; k < 4; k++) {
        const cand = ids[r * 4 + k]!;
        if (cand === a || cand === bb || cand === c) continue;
        if (cand === d) correct++;
        break;
      }
    });
  }
  E.dispose();
  return {accuracy: correct / qs.length, answered: qs.length};
}
function ranks(x: number[]): number[] {
  const order = x.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(x.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) r[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}
function pearson(a: number[], b: number[]): number {
  const n = a.length,
    ma = a.reduce((s, x) => s + x, 0) / n,
    mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) (sab += (a[i]! - ma) * (b[i]! - mb)), (saa += (a[i]! - ma) ** 2), (sbb += (b[i]! - mb) ** 2);
  return sab / Math.sqrt(saa * sbb);
}
function similarity(v: WordVectors, file: string, cols: [number, number, number]): {rho: number; pairs: number; total: number} {
  const lines = readFileSync(join(dataDir, file), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim());
  const idx = foldIndex(v, 300000);
  const model: number[] = [],
    human: number[] = [];
  for (const l of lines) {
    const f = l.split('\t');
    const a = idx.get(f[cols[0]]!.toUpperCase()),
      b = idx.get(f[cols[1]]!.toUpperCase());
    if (a === undefined || b === undefined) continue;
    let dot = 0,
      na = 0,
      nb = 0;
    for (let k = 0; k < v.dim; k++) {
      const x = v.data[a * v.dim + k]!,
        y = v.data[b * v.dim + k]!;
      (dot += x * y), (na += x * x), (nb += y * y);
    }
    model.push(dot / Math.sqrt(na * nb));
    human.push(Number(f[cols[2]]));
  }
  return {rho: pearson(ranks(model), ranks(human)), pairs: model.length, total: lines.length};
}
function score(v: WordVectors) {
  if (noScore) return {analogy: NaN, answered: 0, ws353: NaN, ws353Pairs: 0, simlex: NaN, simlexPairs: 0};
  const an = analogy(v);
  const ws = similarity(v, 'ws353/combined.tab', [0, 1, 2]);
  const sl = similarity(v, 'simlex-999/SimLex-999.txt', [0, 1, 3]);
  return {analogy: an.accuracy, answered: an.answered, ws353: ws.rho, ws353Pairs: ws.pairs, simlex: sl.rho, simlexPairs: sl.pairs};
}
function readWord2VecText(path: string): WordVectors {
  const lines = readFileSync(path, 'utf8').split('\n');
  const [rows, dim] = lines[0]!.split(' ').map(Number) as [number, number];
  const words: string[] = [];
  const data = new Float32Array(rows * dim);
  for (let i = 0; i < rows; i++) {
    const f = lines[i + 1]!.trimEnd().split(' ');
    words.push(f[0]!);
    for (let k = 0; k < dim; k++) data[i * dim + k] = Number(f[k + 1]);
  }
  return new WordVectors(words, data, dim);
}

// gensim's row order (np.argsort of counts: ties are not in first-occurrence order), cached between runs so
// that --no-gensim runs are scored over the same 30k candidates and questions as gensim's vectors.
const orderFile = join(tmpdir(), 'trainers-bench-gensim-order.txt');
let evalOrder: string[] | undefined = existsSync(orderFile) ? readFileSync(orderFile, 'utf8').split('\n').filter(Boolean) : undefined;
function inEvalOrder(v: WordVectors): WordVectors {
  if (!evalOrder || evalOrder.length !== v.size) return v;
  const data = new Float32Array(v.data.length);
  evalOrder.forEach((w, i) => data.set(v.data.subarray(v.indexOf(w) * v.dim, (v.indexOf(w) + 1) * v.dim), i * v.dim));
  return new WordVectors(evalOrder, data, v.dim);
}

// 3. Runs: per mode, gensim and ours interleaved (bench/lib/compare.ts: G O G O ..., run r uses seeds[r]), so
// load changes hit both sides alike. gensim goes first in each round: ours is scored in gensim's row order.
function gensimRun(mode: 'sg' | 'cbow', seed: number): Row {
  const out = join(dir, `gensim-${mode}.txt`);
  log(`gensim ${mode} seed ${seed}: training`);
  const r = spawnSync(
    '/usr/bin/python3',
    [
      join(import.meta.dirname, 'trainers_gensim.py'),
      corpusFile,
      '--sg',
      mode === 'sg' ? '1' : '0',
      '--out',
      out,
      '--workers',
      String(threads),
      '--epochs',
      String(epochs),
      '--seed',
      String(seed),
      '--decay',
      decay,
      ...(noScore ? [] : ['--eval-dir', dataDir]),
    ],
    {encoding: 'utf8', maxBuffer: 1 << 26},
  );
  if (r.status !== 0) throw new Error(`gensim failed: ${r.stderr.slice(-2000)}`);
  const g = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
  const gv = readWord2VecText(out);
  evalOrder = [...gv.words];
  writeFileSync(orderFile, evalOrder.join('\n'));
  const row: Row = {
    who: 'gensim',
    mode,
    seed,
    wordsPerSec: g.effective_words_per_s!,
    rawWordsPerSec: g.raw_words_per_s!,
    seconds: g.seconds!,
    cpuSeconds: g.cpu_seconds,
    effectiveWords: g.effective_words!,
    decay,
    ...score(gv),
    gensimOwnEval: {analogy: g.gensim_eval_analogy, ws353: g.gensim_eval_ws353, simlex: g.gensim_eval_simlex},
    load: loadavg()[0]!,
  };
  log(JSON.stringify(row));
  return row;
}
async function oursRun(mode: 'sg' | 'cbow', seed: number): Promise<Row> {
  log(`ours ${mode} seed ${seed}: training`);
  const c0 = process.cpuUsage(); // all threads of this process (the Hogwild workers included)
  const res = await trainWord2Vec(sentences, vocab, {
    mode,
    threads,
    epochs,
    dim: 100,
    window: 5,
    negative: 5,
    sample: 1e-3,
    alpha: 0.025,
    minAlpha: 1e-4,
    seed,
    sampler,
    saturated,
    init,
    tableSize,
    sharedNegatives: sharedNegatives && mode === 'sg',
    alphaDecay: decay,
    onEpochEnd: (e) =>
      log(`  epoch ${e.epoch}: mean loss ${e.meanLoss.toFixed(4)}, ${Math.round(e.effectiveWordsPerSecond)} effective words/s, alpha ${e.alpha.toFixed(5)}`),
  });
  const cpu = process.cpuUsage(c0);
  const secs = res.history.reduce((a, h) => a + h.seconds, 0);
  const eff = res.history.reduce((a, h) => a + h.effectiveWords, 0),
    raw = res.history.reduce((a, h) => a + h.words, 0);
  const row: Row = {
    who: 'ours',
    mode,
    seed,
    wordsPerSec: eff / secs,
    rawWordsPerSec: raw / secs,
    seconds: secs,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    effectiveWords: eff,
    kernel: res.kernel,
    sampler: res.vectors.meta.sampler,
    sharedNegatives: res.vectors.meta.sharedNegatives,
    saturated,
    init,
    decay,
    ...score(inEvalOrder(res.vectors)),
    load: loadavg()[0]!,
  };
  log(JSON.stringify(row));
  return row;
}
interface Row {
  who: 'gensim' | 'ours';
  mode: string;
  seed: number;
  wordsPerSec: number;
  rawWordsPerSec: number;
  seconds: number;
  cpuSeconds?: number;
  effectiveWords: number;
  analogy: number;
  answered: number;
  ws353: number;
  ws353Pairs: number;
  simlex: number;
  simlexPairs: number;
  load: number;
  [k: string]: unknown;
}
const rows: Row[] = [];
const comparisons: unknown[] = [];
const summary: string[] = [];
for (const mode of modes) {
  const sides: Side[] = [];
  const at = {gensim: 0, ours: 0};
  const side = (who: 'gensim' | 'ours', name: string): Side => ({
    name,
    runs: seeds.length,
    run: async () => {
      const seed = seeds[at[who]++]!;
      const row = who === 'gensim' ? gensimRun(mode, seed) : await oursRun(mode, seed);
      rows.push(row);
      return {
        seconds: row.seconds,
        ...(row.cpuSeconds === undefined ? {} : {cpuSeconds: row.cpuSeconds}),
        values: {seed, effectiveWords: row.effectiveWords, wordsPerSec: row.wordsPerSec},
      };
    },
  });
  const ours = `embedlab ${mode}${sharedNegatives && mode === 'sg' ? ' (shared negatives)' : ''}`,
    theirs = `gensim ${mode}`;
  if (runGensim) sides.push(side('gensim', theirs));
  sides.push(side('ours', ours));
  const c = await compare(sides, {
    title: `word2vec ${mode}, ${epochs} epochs, ${threads} threads, alpha decay by ${decay}, seeds ${seeds.join(',')}: training seconds (effective words are within 0.1% between sides)`,
    ratios: runGensim ? [{slower: theirs, faster: ours, ...(mode === 'sg' ? {required: 2} : {})}] : [],
    log: (l) => console.error(l),
  });
  comparisons.push(c);
  // The target is effective words/s: medians over the runs of each side, and their ratio; quality per side.
  const med = (xs: number[]) => median(xs);
  const per = (who: string) => rows.filter((r) => r.mode === mode && r.who === who);
  const line = (who: string, name: string) => {
    const rs = per(who);
    if (!rs.length) return undefined;
    const wps = rs.map((r) => r.wordsPerSec);
    const mean = (k: 'analogy' | 'ws353' | 'simlex') => rs.reduce((a, r) => a + r[k], 0) / rs.length;
    summary.push(
      `| ${name} | ${rs.length} | ${Math.round(med(wps))} | ${Math.round(Math.min(...wps))}-${Math.round(Math.max(...wps))} | ${rs.every((r) => r.cpuSeconds !== undefined) ? (1e6 * med(rs.map((r) => r.cpuSeconds! / r.effectiveWords))).toFixed(2) : '-'} | ${(100 * mean('analogy')).toFixed(2)}% | ${mean('ws353').toFixed(3)} | ${mean('simlex').toFixed(3)} |`,
    );
    return {wps: med(wps), analogy: mean('analogy'), ws353: mean('ws353'), simlex: mean('simlex')};
  };
  const g = line('gensim', theirs),
    o = line('ours', ours);
  if (g && o) {
    summary.push(
      `|  | ratio ours/gensim: **${(o.wps / g.wps).toFixed(2)}x** effective words/s (medians) | | | | ${(100 * (o.analogy - g.analogy)).toFixed(2)} points | ${(o.ws353 - g.ws353).toFixed(3)} | ${(o.simlex - g.simlex).toFixed(3)} |`,
    );
  }
}

console.log(
  `\ncorpus: ${tokens} tokens, ${vocab.size} types with count >= 5, ${kept} training tokens; threads/workers ${threads}, epochs ${epochs}, alpha decay by ${decay} on both sides, our negative sampler ${sampler}${sampler === 'table' ? ` (${tableSize} slots)` : ''}`,
);
console.log(
  "| model | seed | words/s (effective) | raw words/s | train s | analogy (answered) | WS353 rho (pairs) | SimLex rho (pairs) | gensim's own eval (analogy / WS353 / SimLex) |",
);
console.log('|---|---|---|---|---|---|---|---|---|');
// biome-ignore lint/suspicious/noExplicitAny: rows are heterogeneous JSON records from both sides
for (const r of rows as any[]) {
  const own =
    r.gensimOwnEval?.analogy !== undefined
      ? `${(100 * r.gensimOwnEval.analogy).toFixed(2)}% / ${r.gensimOwnEval.ws353.toFixed(3)} / ${r.gensimOwnEval.simlex.toFixed(3)}`
      : '';
  console.log(
    `| ${r.who} ${r.mode} | ${r.seed} | ${Math.round(r.wordsPerSec)} | ${Math.round(r.rawWordsPerSec)} | ${r.seconds.toFixed(1)} | ${(100 * r.analogy).toFixed(2)}% (${r.answered}) | ${r.ws353.toFixed(3)} (${r.ws353Pairs}) | ${r.simlex.toFixed(3)} (${r.simlexPairs}) | ${own} |`,
  );
}
console.log(
  `\nPer side (medians of the interleaved runs; quality = mean over the runs; load at the start ${comparisons.length ? (comparisons[0] as {loadBefore: number[]}).loadBefore[0]!.toFixed(2) : '?'}, at the end ${loadavg()[0]!.toFixed(2)}):`,
);
console.log('| side | runs | effective words/s (median) | range | CPU us per effective word | analogy | WS353 rho | SimLex rho |');
console.log('|---|---|---|---|---|---|---|---|');
for (const l of summary) console.log(l);
const jsonOut = arg('json', '');
if (jsonOut) {
  const tmp = `${jsonOut}.tmp-${process.pid}`;
  writeFileSync(
    tmp,
    JSON.stringify({date: new Date().toISOString(), tokens, vocab: vocab.size, kept, threads, epochs, sharedNegatives, decay, rows, comparisons}, null, 2),
  );
  renameSync(tmp, jsonOut);
}
rmSync(dir, {recursive: true, force: true});
