/**
 * fastText skipgram: embedlab's trainFastText against Debian's `fasttext` 0.9.2 (`apt-get install -y fasttext`)
 * on the same corpus in the same run, one thread each: speed (in-vocabulary tokens read per second, the
 * tool's "words/sec/thread"), loss, and quality (Google analogy, WS353, SimLex-999, MEN, RW). Both models are
 * scored by the same code: the tool's .bin is read with FastTextModel (whose vectors equal the tool's).
 *
 *   node --conditions=@embedlab/source --import tsx bench/subword-fasttext.ts [--epoch 1] [--dim 100]
 *     [--bucket 2000000] [--corpora sotu,moby-dick,spam-assassin,wordnet-glosses] [--seed 1]
 *     [--speed-runs 3] [--threads 1] [--json out.json]
 *
 * Speed is also measured fairly under a changing load: --speed-runs pairs of runs on Moby Dick alone (1 epoch,
 * bucket 200,000), tool and ours alternating, medians reported; the machine is shared, so only these
 * interleaved ratios mean much.
 *
 * Corpus: the packaged corpora tokenized by @embedlab/corpora (lowercase words), one document per line.
 * Settings: fastText's skipgram defaults (dim 100, ws 5, neg 5, minCount 5, minn 3, maxn 6, bucket 2M,
 * lr 0.05, t 1e-4) except the epoch count; --threads for both sides (default 1). Similarity two ways: the gensim protocol on the vocabulary (pairs
 * with an unknown word skipped) and full coverage (every pair scored, unknown words get their n-gram vector).
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {WordVectors, dataDir} from '../packages/core/src/index.js';
import {concatCorpora, openCorpus, tokenize} from '../packages/corpora/src/index.js';
import {evaluateAnalogy, evaluateSimilarity, loadAnalogyDataset, loadSimilarityDataset} from '../packages/evaluators/src/index.js';
import {FastTextModel, trainFastText} from '../packages/subword/src/index.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : fallback;
};
const epoch = Number(arg('epoch', '1'));
const dim = Number(arg('dim', '100'));
const bucket = Number(arg('bucket', '2000000'));
const seed = Number(arg('seed', '1'));
const corpora = arg('corpora', 'sotu,moby-dick,spam-assassin,wordnet-glosses').split(',');
const jsonOut = arg('json', '');
const speedRuns = Number(arg('speed-runs', '3'));
const threads = Number(arg('threads', '1'));
const log = (s: string) => console.error(s);
if (!dataDir()) throw new Error('no data folder: set EMBEDLAB_DATA_DIR or put the datasets in ../shared/datasets');

const dir = mkdtempSync(join(tmpdir(), 'embedlab-fasttext-bench-'));
process.on('exit', () => rmSync(dir, {recursive: true, force: true})); // the tool's .bin alone is ~1.6 GB
const corpusFile = join(dir, 'corpus.txt');
const lines: string[] = [];
let tokens = 0;
for await (const doc of concatCorpora(corpora.map((c) => openCorpus(c)))) {
  const t = tokenize(doc.text);
  if (t.length === 0) continue;
  tokens += t.length;
  lines.push(t.join(' '));
}
writeFileSync(corpusFile, `${lines.join('\n')}\n`);
log(
  `corpus ${corpora.join(' + ')}: ${lines.length} lines, ${tokens} tokens; epoch ${epoch}, dim ${dim}, bucket ${bucket}, threads ${threads}; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);

// The tool, one thread. Its progress line (\r-separated) ends with the final words/sec/thread and loss.
const t0 = performance.now();
const tool = spawnSync(
  'fasttext',
  [
    'skipgram',
    '-input',
    corpusFile,
    '-output',
    join(dir, 'tool'),
    '-dim',
    String(dim),
    '-epoch',
    String(epoch),
    '-bucket',
    String(bucket),
    '-thread',
    String(threads),
    '-verbose',
    '2',
  ],
  {encoding: 'utf8', maxBuffer: 1 << 28},
);
if (tool.status !== 0) throw new Error(`fasttext failed: ${tool.stderr}`);
const toolSeconds = (performance.now() - t0) / 1000;
const progress =
  `${tool.stdout}${tool.stderr}`
    .split('\r')
    .filter((l) => l.includes('words/sec/thread'))
    .pop() ?? '';
const toolRate = Number(/words\/sec\/thread:\s*(\d+)/.exec(progress)?.[1]);
const toolLoss = Number(/avg\.loss:\s*([\d.]+)/.exec(progress)?.[1]);
log(`fasttext: ${toolSeconds.toFixed(1)} s wall (dictionary, training, saving), ${toolRate} words/sec/thread, loss ${toolLoss}`);

const t1 = performance.now();
const ours = await trainFastText({files: [corpusFile]}, {dim, epoch, bucket, seed, threads});
const oursSeconds = (performance.now() - t1) / 1000;
const oursRate = ours.history.reduce((n, h) => n + h.tokens, 0) / ours.history.reduce((n, h) => n + h.seconds, 0) / threads; // per thread, as the tool reports
// The tool prints its running mean over all of training (Model::State::getLoss): the same here.
const oursLoss = ours.history.reduce((n, h) => n + h.loss * h.examples, 0) / ours.history.reduce((n, h) => n + h.examples, 0);
log(
  `embedlab (${ours.kernel} kernel): ${oursSeconds.toFixed(1)} s wall (dictionary, training), ${oursRate.toFixed(0)} tokens/s, mean loss ${oursLoss.toFixed(4)} (per epoch ${ours.history.map((h) => h.loss.toFixed(3)).join(', ')})`,
);

// Interleaved speed runs on Moby Dick alone.
const mobyFile = join(dir, 'moby.txt');
const mobyLines: string[] = [];
for await (const doc of openCorpus('moby-dick')) mobyLines.push(tokenize(doc.text).join(' '));
writeFileSync(mobyFile, `${mobyLines.join('\n')}\n`);
const speed: {tool: number[]; ours: number[]} = {tool: [], ours: []};
for (let r = 0; r < speedRuns; r++) {
  const run = spawnSync(
    'fasttext',
    ['skipgram', '-input', mobyFile, '-output', join(dir, 'speed'), '-dim', String(dim), '-epoch', '1', '-bucket', '200000', '-thread', '1', '-verbose', '2'],
    {encoding: 'utf8', maxBuffer: 1 << 28},
  );
  speed.tool.push(
    Number(
      /words\/sec\/thread:\s*(\d+)/.exec(
        `${run.stdout}${run.stderr}`
          .split('\r')
          .filter((l) => l.includes('words/sec/thread'))
          .pop() ?? '',
      )?.[1],
    ),
  );
  const h = (await trainFastText({files: [mobyFile]}, {dim, epoch: 1, bucket: 200000, seed: r + 1})).history;
  speed.ours.push(h.reduce((n, e) => n + e.tokens, 0) / h.reduce((n, e) => n + e.seconds, 0));
  log(`speed run ${r + 1}: fasttext ${speed.tool[r]} words/sec/thread, embedlab ${speed.ours[r]?.toFixed(0)} tokens/s (load ${loadavg()[0]?.toFixed(1)})`);
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
if (speedRuns > 0)
  log(
    `speed medians (Moby Dick, 1 thread, ${speedRuns} interleaved runs): fasttext ${median(speed.tool).toFixed(0)}, embedlab ${median(speed.ours).toFixed(0)}, ratio ${(median(speed.ours) / median(speed.tool)).toFixed(2)}`,
  );

const toolModel = FastTextModel.read(join(dir, 'tool.bin'));
const simIds = ['ws353', 'simlex-999', 'men', 'rw'];
const similarity = await Promise.all(simIds.map((id) => loadSimilarityDataset(id)));
const google = await loadAnalogyDataset('google-analogy');

async function score(name: string, model: FastTextModel) {
  const vocab = model.toWordVectors();
  const row: Record<string, number | string> = {model: name, words: vocab.size};
  const analogy = await evaluateAnalogy(vocab, google, {base: 'gensim', restrict: 30000});
  row.googleAnalogy = analogy.overall.accuracy;
  row.googleCoverage = analogy.overall.coverage;
  for (const ds of similarity) {
    const gensim = evaluateSimilarity(vocab, ds, 'gensim');
    // Full coverage: a vector for every word of the set (n-grams for the unseen ones).
    const words = [...new Set(ds.pairs.flatMap((p) => [p.w1.toLowerCase(), p.w2.toLowerCase()]))];
    const full = WordVectors.fromEntries(words.map((w) => [w, model.wordVector(w)] as const));
    const all = evaluateSimilarity(full, ds, {base: 'gensim', oov: 'zero'});
    row[`${ds.id}`] = gensim.spearman;
    row[`${ds.id}Coverage`] = gensim.coverage;
    row[`${ds.id}Full`] = all.spearman;
  }
  return row;
}
const rows = [await score('fasttext 0.9.2', toolModel), await score('embedlab trainFastText', ours.model)];
const f4 = (x: unknown) => (typeof x === 'number' ? x.toFixed(4) : String(x));
const header = [
  'model',
  `words/s per thread (${threads} thread${threads > 1 ? 's' : ''})`,
  'loss',
  'Google analogy (30k, gensim)',
  ...simIds.flatMap((id) => [`${id} (vocab, coverage)`, `${id} (all pairs)`]),
];
const table = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
rows.forEach((r, i) => {
  const rate = i === 0 ? toolRate : oursRate;
  const loss = i === 0 ? toolLoss : oursLoss;
  table.push(
    `| ${r.model} | ${rate.toFixed(0)} | ${f4(loss)} | ${f4(r.googleAnalogy)} (${((r.googleCoverage as number) * 100).toFixed(1)}%) | ${similarity.flatMap((ds) => [`${f4(r[ds.id])} (${(((r[`${ds.id}Coverage`] as number) ?? 0) * 100).toFixed(1)}%)`, f4(r[`${ds.id}Full`])]).join(' | ')} |`,
  );
});
console.log(table.join('\n'));
if (jsonOut)
  writeFileSync(
    jsonOut,
    `${JSON.stringify({epoch, dim, bucket, seed, corpora, lines: lines.length, tokens, tool: {seconds: toolSeconds, rate: toolRate, loss: toolLoss}, ours: {seconds: oursSeconds, rate: oursRate, kernel: ours.kernel, history: ours.history}, speed, rows}, null, 2)}\n`,
  );
