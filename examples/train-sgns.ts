/**
 * Train skip-gram with negative sampling (word2vec SGNS) on a text file and save the vectors.
 *
 *   pnpm example examples/train-sgns.ts [corpus.txt] [out-dir]
 *
 * gensim: Word2Vec(sentences, sg=1, negative=5, ...).wv.save_word2vec_format(...).
 */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Vocabulary} from '@embedlab/core';
import {trainWord2Vec} from '@embedlab/optimizers';
import {readVectors, writeGloveText} from '@embedlab/pretrained';

const corpusPath = process.argv[2] ?? fileURLToPath(new URL('./data/toy-corpus.txt', import.meta.url));
const outDir = process.argv[3] ?? mkdtempSync(join(tmpdir(), 'embedlab-sgns-'));

// One sentence per line, lower-cased, split on whitespace (@embedlab/corpora has a fuller tokenizer).
const sentences = readFileSync(corpusPath, 'utf8')
  .split('\n')
  .map((l) => l.toLowerCase().split(/\s+/).filter(Boolean))
  .filter((s) => s.length > 0);
const vocab = Vocabulary.fromTokens(sentences.flat()); // add {minCount: 5} on a real corpus
const ids = sentences.map((s) => vocab.encode(s));

const {vectors, history, kernel} = await trainWord2Vec(ids, vocab, {
  mode: 'sg',
  dim: 16,
  window: 3,
  negative: 5,
  epochs: 20,
  sample: 0,
  seed: 1,
  threads: 1, // threads > 1: Hogwild workers
});
console.log(`trained ${vectors.size} x ${vectors.dim} (${kernel} kernel), ${history.length} epochs`);
console.log(
  'nearest to king:',
  vectors
    .nearest('king', {k: 3})
    .map((n) => n.word)
    .join(', '),
);

const out = join(outDir, 'sgns.glove.txt');
writeGloveText(out, vectors);
console.log('wrote', out, `(${(await readVectors(out)).size} rows read back)`);
