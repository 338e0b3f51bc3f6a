/**
 * A gensim-style tour: load vectors, nearest neighbours, an analogy, a pair similarity, evaluate a
 * similarity file and an analogy file given by path, write the vectors in word2vec text format.
 *
 *   pnpm example examples/tour.ts [vectors.txt] [out-dir]
 *
 * gensim: KeyedVectors.load_word2vec_format / most_similar / similarity / evaluate_word_pairs /
 * evaluate_word_analogies / save_word2vec_format.
 */
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {evaluateAnalogy, evaluateSimilarity, parseGoogleAnalogy, parseSimilarity} from '@embedlab/evaluators';
import {readVectors, writeWord2vecText} from '@embedlab/pretrained';

const data = (name: string) => fileURLToPath(new URL(`./data/${name}`, import.meta.url));
const vectorsPath = process.argv[2] ?? data('tiny-glove.txt'); // GloVe, word2vec (text/binary), fastText .vec; .gz/.zip too
const outDir = process.argv[3] ?? mkdtempSync(join(tmpdir(), 'embedlab-tour-'));

// Load (the format is detected; pass {format: 'glove'} to be explicit, {limit: 100000} to keep the top rows).
const vectors = await readVectors(vectorsPath);
console.log(`loaded ${vectors.size} x ${vectors.dim} from ${vectorsPath}`);

// Nearest neighbours by cosine (gensim's most_similar).
console.log(
  'nearest to cat:',
  vectors
    .nearest('cat', {k: 3})
    .map((n) => `${n.word} ${n.score.toFixed(3)}`)
    .join(', '),
);

// man : king :: woman : ?  (3CosAdd: king - man + woman).
console.log('man : king :: woman :', vectors.analogy('man', 'king', 'woman', {k: 1})[0]?.word);

// Cosine similarity of one pair.
console.log('similarity(good, great) =', vectors.similarity('good', 'great').toFixed(3));

// Evaluate a word-pair file by path (gensim's evaluate_word_pairs: tab-separated, '#' lines skipped).
const pairsPath = data('toy-similarity.tsv');
const pairs = parseSimilarity(
  readFileSync(pairsPath, 'utf8'),
  pairsPath,
  {kind: 'similarity', separator: '\t', header: 0, columns: [0, 1, 2]},
  {id: 'toy-similarity'},
);
const sim = evaluateSimilarity(vectors, pairs, 'gensim', {bootstrap: false});
console.log(
  `similarity: Spearman ${sim.spearman.toFixed(3)}, Pearson ${sim.pearson.toFixed(3)}, ${sim.pairsUsed}/${sim.pairsTotal} pairs (${sim.oovPairs} OOV)`,
);

// Evaluate an analogy file by path (gensim's evaluate_word_analogies: questions-words.txt format).
const analogyPath = data('toy-analogy.txt');
const questions = parseGoogleAnalogy(readFileSync(analogyPath, 'utf8'), analogyPath, 'toy-analogy');
const analogy = await evaluateAnalogy(vectors, questions, 'gensim');
console.log(`analogy: ${analogy.overall.correct}/${analogy.overall.total} correct`);
for (const s of analogy.sections) console.log(`  ${s.section}: ${s.correct}/${s.total}`);

// Write (word2vec text: a "rows dim" header line, then one word and its floats per line).
const out = join(outDir, 'vectors.w2v.txt');
writeWord2vecText(out, vectors);
console.log('wrote', out);
