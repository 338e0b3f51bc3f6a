/**
 * Skip-gram CPU cost per effective word (after subsampling), ours vs gensim 4.2, on the trainers-bench corpus:
 * the number to develop against on a shared machine, where wall time says little (CPU time moves less).
 *
 *   node --conditions=@embedlab/source --import tsx bench/trainers-cpu.ts [--variants plain,shared,gensim] [--threads 1] [--epochs 1] [--mode sg]
 *
 * plain = the default kernel (word2vec.c's per-pair negatives), shared = `sharedNegatives: true`, gensim =
 * bench/trainers_gensim.py with the same workers and epochs (process CPU time of model.train). The corpus is
 * tokenized once and cached in the OS temp folder (trainers-cpu-corpus.json / .txt). Prints the load.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';
import {Vocabulary} from '../packages/core/src/index.js';
import {mobyDickCorpus, sotuCorpus, spamAssassinCorpus, tokenize, wordnetGlossCorpus} from '../packages/corpora/src/index.js';
import {trainWord2Vec} from '../packages/optimizers/src/trainers/index.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : fallback;
};
const variants = arg('variants', 'plain,shared,gensim').split(',');
const threads = Number(arg('threads', '1')),
  epochs = Number(arg('epochs', '1'));
const mode = arg('mode', 'sg') as 'sg' | 'cbow';
const cache = join(tmpdir(), 'trainers-cpu-corpus.json'),
  text = join(tmpdir(), 'trainers-cpu-corpus.txt');
const atomic = (path: string, data: string) => (writeFileSync(`${path}.tmp-${process.pid}`, data), renameSync(`${path}.tmp-${process.pid}`, path));
let words: string[], sents: number[][];
if (!existsSync(cache) || !existsSync(text)) {
  // As trainers-bench.ts: documents tokenized, words below count 5 removed, lines of <= 10000 tokens.
  const docs: string[][] = [];
  for (const c of [sotuCorpus(), mobyDickCorpus(), spamAssassinCorpus({bodies: true}), wordnetGlossCorpus()])
    for await (const d of c) docs.push(tokenize(d.text));
  const counts = new Map<string, number>();
  for (const d of docs) for (const w of d) counts.set(w, (counts.get(w) ?? 0) + 1);
  words = [...counts]
    .filter(([, c]) => c >= 5)
    .sort((a, b) => b[1] - a[1])
    .map(([w]) => w);
  const id = new Map(words.map((w, i) => [w, i]));
  sents = [];
  for (const d of docs) {
    const ids = d.map((w) => id.get(w)).filter((x): x is number => x !== undefined);
    for (let a = 0; a < ids.length; a += 10000) sents.push(ids.slice(a, a + 10000));
  }
  atomic(text, sents.map((s) => s.map((i) => words[i]).join(' ')).join('\n') + '\n');
  atomic(cache, JSON.stringify({words, sents}));
} else ({words, sents} = JSON.parse(readFileSync(cache, 'utf8')) as {words: string[]; sents: number[][]});
const vocab = Vocabulary.fromWords(words);
const sentences = sents.map((s) => Int32Array.from(s));
const load = () => loadavg()[0]!.toFixed(2);
for (const v of variants) {
  let cpu: number, eff: number, secs: number;
  if (v === 'gensim') {
    const r = spawnSync(
      '/usr/bin/python3',
      [
        join(import.meta.dirname, 'trainers_gensim.py'),
        text,
        '--sg',
        mode === 'sg' ? '1' : '0',
        '--out',
        join(tmpdir(), `trainers-cpu-gensim-${process.pid}.txt`),
        '--workers',
        String(threads),
        '--epochs',
        String(epochs),
      ],
      {encoding: 'utf8'},
    );
    if (r.status !== 0) throw new Error(`gensim failed: ${r.stderr.slice(-2000)}`);
    const g = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
    [cpu, eff, secs] = [g.cpu_seconds!, g.effective_words!, g.seconds!];
  } else {
    const c0 = process.cpuUsage(),
      t0 = performance.now();
    const r = await trainWord2Vec(sentences, vocab, {mode, threads, epochs, seed: 1, sharedNegatives: v === 'shared'});
    const c = process.cpuUsage(c0);
    [cpu, eff, secs] = [(c.user + c.system) / 1e6, r.history.reduce((a, h) => a + h.effectiveWords, 0), (performance.now() - t0) / 1000];
  }
  console.log(
    `${mode} ${v}: threads ${threads}, epochs ${epochs}, ${eff} effective words, CPU ${cpu.toFixed(2)} s = ${((1e6 * cpu) / eff).toFixed(3)} us per effective word, wall ${secs.toFixed(1)} s, load ${load()}`,
  );
}
