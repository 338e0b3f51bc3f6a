/**
 * Build the embedding layer (tfjs, row-sparse gradients) from pretrained vectors and fine-tune it on a
 * toy sentiment task: mean-pooled embeddings -> logistic head, Adam on the rows each batch touches.
 *
 *   pnpm example examples/finetune-layer.ts [vectors.txt] [reviews.tsv]
 *
 * reviews.tsv: "label<TAB>text" per line, label 0 or 1.
 */
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {initBackend, Vocabulary} from '@embedlab/core';
import {trainTextClassifier} from '@embedlab/optimizers';
import {alignToVocabulary, readVectors} from '@embedlab/pretrained';

const data = (name: string) => fileURLToPath(new URL(`./data/${name}`, import.meta.url));
const vectors = await readVectors(process.argv[2] ?? data('tiny-glove.txt'));
const rows = readFileSync(process.argv[3] ?? data('toy-reviews.tsv'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => l.split('\t'));
const texts = rows.map(([, text]) => (text ?? '').split(/\s+/));
const labels = Uint8Array.from(rows, ([label]) => Number(label));

const backend = await initBackend(); // tfjs-node when installed, else wasm, else cpu
const vocab = Vocabulary.fromTokens(texts.flat(), {specials: ['<pad>', '<unk>']});
const docs = texts.map((t) => vocab.encode(t));

// The pretrained rows for this vocabulary (zeros for words the vectors lack; lockMask marks the rest).
const aligned = alignToVocabulary(vocab, vectors);
console.log(`backend ${backend.name}; vocabulary ${vocab.size}, ${(aligned.coverage.ratio * 100).toFixed(0)}% covered by the vectors`);

const clf = await trainTextClassifier({
  docs,
  labels,
  vocabSize: vocab.size,
  dim: aligned.dim,
  init: aligned.matrix,
  trainable: true, // trainable: false keeps the table frozen; lockMask: aligned.lockMask freezes the pretrained rows only
  ...(vocab.padId === undefined ? {} : {paddingIdx: vocab.padId}),
  optimizer: {type: 'adam', learningRate: 0.05},
  epochs: 30,
  batchSize: 4,
  seed: 1,
  words: vocab.tokens,
});
const last = clf.history.at(-1);
console.log(`after ${clf.history.length} epochs: loss ${last?.loss.toFixed(4)}, train accuracy ${last?.trainAccuracy.toFixed(2)}`);
console.log('metrics on the training set:', clf.evaluate(docs, labels).f1.toFixed(3), 'F1');
console.log(
  'tuned neighbours of good:',
  clf.vectors
    ?.nearest('good', {k: 2})
    .map((n) => n.word)
    .join(', '),
);
