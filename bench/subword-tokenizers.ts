/**
 * BPE and WordPiece vocabularies per size on the packaged corpora (SOTU + Moby Dick + SpamAssassin bodies +
 * WordNet glosses): unknown-word rate, split-word rate and tokens per word on held-out documents, and the
 * embedding table each needs; beside them, a word-level table with the same number of rows.
 *
 *   node --conditions=@embedlab/source --import tsx bench/subword-tokenizers.ts [--sizes 1000,4000,16000,30000,32000]
 *     [--test-fraction 0.1] [--seed 12] [--dim 100] [--threads N] [--json out.json]
 *
 * Documents are split once (seeded, by document); both tokenizers are trained once on the training
 * documents at the library's maximum (30,000 tokens) and cut to each size (specials, byte symbols or
 * characters, then the first merges: what training would have stopped at). BPE sizes above 30,000 come from
 * our trainer (trainer: 'embedlab'), whose first 30,000 tokens are compared with the library's here. Words for the tokenizers are
 * their own pre-tokenized words (words and punctuation marks); the word-level table uses
 * @embedlab/corpora's tokenize (lowercase letters and digits), the words embedlab's word tables use.
 */
import {loadavg} from 'node:os';
import {writeFileSync} from 'node:fs';
import {
  collect,
  mobyDickCorpus,
  sotuCorpus,
  spamAssassinCorpus,
  tokenize,
  trainTestSplit,
  wordnetGlossCorpus,
  concatCorpora,
} from '../packages/corpora/src/index.js';
import {
  MAX_TRAINED_VOCAB,
  measureTokenizer,
  measureWordLevel,
  trainTokenizer,
  type SubwordTokenizer,
  type TokenizerKind,
} from '../packages/subword/src/index.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : fallback;
};
const sizes = arg('sizes', '1000,4000,16000,30000,32000').split(',').map(Number);
const testFraction = Number(arg('test-fraction', '0.1'));
const seed = Number(arg('seed', '12'));
const dim = Number(arg('dim', '100'));
const threads = argv.includes('--threads') ? Number(arg('threads', '2')) : undefined;
const jsonOut = arg('json', '');
const log = (s: string) => console.error(s);

const t0 = performance.now();
const corpus = concatCorpora([sotuCorpus(), mobyDickCorpus(), spamAssassinCorpus({bodies: true}), wordnetGlossCorpus()]);
const docs = await collect(corpus);
const {train, test} = trainTestSplit(docs, {testFraction, seed});
const trainTexts = train.map((d) => d.text);
const testTexts = test.map((d) => d.text);
const chars = (texts: string[]) => texts.reduce((n, t) => n + t.length, 0);
log(
  `corpus: ${docs.length} documents (${(chars(docs.map((d) => d.text)) / 1e6).toFixed(1)} M characters); train ${train.length}, held out ${test.length} (seed ${seed}); load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);

// Word-level tables of the same sizes (and every training word type), on corpora's tokens.
const trainWords = trainTexts.flatMap(tokenize);
const testWords = testTexts.flatMap(tokenize);
const wordLevel = measureWordLevel(trainWords, testWords, [...sizes, Number.POSITIVE_INFINITY]);
const trainTypes = new Set(trainWords);
const unseen = testWords.filter((w) => !trainTypes.has(w)).length;
log(
  `word level: ${trainWords.length} training tokens, ${trainTypes.size} types; ${testWords.length} held-out tokens, ${unseen} never seen in training (${((100 * unseen) / testWords.length).toFixed(2)}%)`,
);

const results: Record<string, unknown>[] = [];
let parity: Record<string, unknown> | undefined;
const largest = Math.max(...sizes);
let ownBpe: SubwordTokenizer | undefined;
if (largest > MAX_TRAINED_VOCAB) {
  // Sizes past the library's 30,000: our trainer (bpe-trainer.ts), checked here against the library's
  // 30,000 on the same text (the same tokens in the same order, and so the same merges).
  const t1 = performance.now();
  ownBpe = await trainTokenizer({
    kind: 'bpe',
    texts: trainTexts,
    vocabSize: largest,
    trainer: 'embedlab',
    onProgress: (made, target) => log(`  embedlab BPE: ${made} / ${target} merged tokens, ${((performance.now() - t1) / 1000).toFixed(0)} s`),
  });
  log(
    `bpe (embedlab trainer): trained ${ownBpe.vocabSize} tokens in ${((performance.now() - t1) / 1000).toFixed(1)} s; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
}
for (const kind of ['bpe', 'wordpiece'] as TokenizerKind[]) {
  const t1 = performance.now();
  const full = await trainTokenizer({kind, texts: trainTexts, vocabSize: MAX_TRAINED_VOCAB, ...(threads === undefined ? {} : {threads})});
  log(`${kind}: trained ${full.vocabSize} tokens in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  if (kind === 'bpe' && ownBpe) {
    const cut = ownBpe.truncate(MAX_TRAINED_VOCAB);
    const same = cut.toString() === full.toString();
    const firstDiff = same ? -1 : full.tokens.findIndex((t, i) => t !== cut.tokens[i]);
    const [fm, cm] = [full.json.model.merges ?? [], cut.json.model.merges ?? []].map((m) => m.map((x) => JSON.stringify(x)));
    const firstMerge = same ? -1 : (fm as string[]).findIndex((m, i) => m !== (cm as string[])[i]);
    let firstChar = 0;
    const [a, b] = [full.toString(), cut.toString()];
    while (!same && firstChar < a.length && a[firstChar] === b[firstChar]) firstChar++;
    parity = {tokens: MAX_TRAINED_VOCAB, identical: same, firstDifferentId: firstDiff, firstDifferentMerge: firstMerge, merges: [fm?.length, cm?.length]};
    log(
      `parity: our trainer cut to ${MAX_TRAINED_VOCAB} ${same ? "equals the library's tokenizer.json byte for byte" : `differs from the library's: token ids from ${firstDiff}, merges from ${firstMerge} (${fm?.length} vs ${cm?.length}), text at ${JSON.stringify(a.slice(firstChar - 80, firstChar + 80))} vs ${JSON.stringify(b.slice(firstChar - 80, firstChar + 80))}`}`,
    );
  }
  for (const size of sizes) {
    if (kind === 'wordpiece' && size > MAX_TRAINED_VOCAB) continue;
    const t2 = performance.now();
    const m = await measureTokenizer(size > MAX_TRAINED_VOCAB ? (ownBpe as SubwordTokenizer).truncate(size) : full.truncate(size), testTexts);
    results.push({...m, tableParams: m.vocabSize * dim, tableMiB: (m.vocabSize * dim * 4) / 2 ** 20});
    log(
      `${kind} ${size}: ${m.tokensPerWord.toFixed(3)} tokens/word, split ${(100 * m.splitWordRate).toFixed(2)}%, unknown ${(100 * m.unknownWordRate).toFixed(3)}% (${((performance.now() - t2) / 1000).toFixed(1)} s)`,
    );
  }
}

const pct = (x: number, d = 2) => `${(100 * x).toFixed(d)}%`;
const lines = [
  `| rows (vocabulary) | table at dim ${dim} (float32) | BPE tokens/word | BPE split words | BPE unknown words | WordPiece tokens/word | WordPiece split words | WordPiece unknown words | word-level table: held-out tokens without a row |`,
  '|---|---|---|---|---|---|---|---|---|',
];
for (const size of sizes) {
  const b = results.find((r) => r.kind === 'bpe' && r.vocabSize === size) as
    | {tokensPerWord: number; splitWordRate: number; unknownWordRate: number}
    | undefined;
  const w = results.find((r) => r.kind === 'wordpiece' && r.vocabSize === size) as
    | {tokensPerWord: number; splitWordRate: number; unknownWordRate: number}
    | undefined;
  const wl = wordLevel[sizes.indexOf(size)];
  lines.push(
    `| ${size.toLocaleString('en')} | ${((size * dim * 4) / 2 ** 20).toFixed(1)} MiB | ${b?.tokensPerWord.toFixed(3)} | ${pct(b?.splitWordRate ?? NaN)} | ${pct(b?.unknownWordRate ?? NaN, 3)} | ${w ? w.tokensPerWord.toFixed(3) : '-'} | ${w ? pct(w.splitWordRate) : '-'} | ${w ? pct(w.unknownWordRate, 3) : '-'} | ${pct(wl?.oovRate ?? NaN)} |`,
  );
}
const all = wordLevel[wordLevel.length - 1];
lines.push(
  `| ${all?.vocabSize.toLocaleString('en')} (every training word type) | ${(((all?.vocabSize ?? 0) * dim * 4) / 2 ** 20).toFixed(1)} MiB | - | - | - | - | - | - | ${pct(all?.oovRate ?? NaN)} |`,
);
const held = results[0] as Record<string, number>;
const heldWp = results.find((r) => r.kind === 'wordpiece') as Record<string, number>;
console.log(lines.join('\n'));
console.log(
  `\nheld-out: ${test.length} documents; BPE pre-tokenized words ${held.words}, WordPiece ${heldWp.words}, corpora tokens ${testWords.length}; total ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
if (jsonOut)
  writeFileSync(
    jsonOut,
    `${JSON.stringify({sizes, dim, seed, testFraction, documents: docs.length, train: train.length, test: test.length, unseenTokens: unseen, heldOutTokens: testWords.length, wordLevel, results, parity}, null, 2)}\n`,
  );
