// Worker thread for multi-threaded word2vec training (Hogwild: no locks, as word2vec.c). Plain JS so it
// runs both from sources (tsx) and from a build. It instantiates the WebAssembly kernel on the shared
// memory and pulls chunks of sentences from an atomic counter until the epoch's chunks are gone.
import {parentPort, workerData} from 'node:worker_threads';

const {module, memory, layout, rng, schedule, offsets} = workerData;
const k = new WebAssembly.Instance(module, {env: {memory}}).exports;
k.configure(
  layout.dim,
  layout.window,
  layout.negative,
  layout.syn0,
  layout.syn1,
  layout.table,
  layout.tableSize,
  layout.keep,
  layout.exp,
  layout.lossTable,
  layout.lock,
  layout.neu1,
  layout.neu1e,
  layout.sen,
  layout.cbow ? 1 : 0,
  layout.cumulative ? 1 : 0,
  layout.skipSaturated ? 1 : 0,
  layout.buckets,
  layout.batch,
);
k.setRng(BigInt.asIntN(64, rng));
const i32 = new Int32Array(memory.buffer);
const control = offsets.control >> 2;
const sentenceStarts = offsets.sentenceStarts >> 2;
const chunkStarts = offsets.chunkStarts >> 2;

parentPort.on('message', (msg) => {
  if (msg.type !== 'epoch') return;
  const {alpha, minAlpha, epochs, totalWords, nChunks, totalSentences, bySentences} = schedule;
  let loss = 0,
    kept = 0,
    pairs = 0,
    words = 0;
  for (;;) {
    const chunk = Atomics.add(i32, control, 1);
    if (chunk >= nChunks) break;
    // chunkAlpha in word2vec.ts: progress = words (control[1]) or sentences (control[2]) finished this epoch.
    const total = bySentences ? totalSentences : totalWords;
    const done = msg.epoch * total + Atomics.load(i32, control + (bySentences ? 2 : 1));
    const a = Math.max(minAlpha, alpha - (alpha - minAlpha) * (done / (epochs * total)));
    let chunkWords = 0;
    for (let s = i32[chunkStarts + chunk]; s < i32[chunkStarts + chunk + 1]; s++) {
      const start = i32[sentenceStarts + s];
      const len = i32[sentenceStarts + s + 1] - start;
      loss += k.trainSentence(offsets.corpus + 4 * start, len, a);
      kept += k.kept();
      pairs += k.pairs();
      chunkWords += len;
    }
    words += chunkWords;
    Atomics.add(i32, control + 1, chunkWords);
    Atomics.add(i32, control + 2, i32[chunkStarts + chunk + 1] - i32[chunkStarts + chunk]);
  }
  parentPort.postMessage({loss, kept, pairs, words});
});
