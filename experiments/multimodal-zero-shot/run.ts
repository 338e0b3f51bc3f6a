/**
 * Runs multimodal-zero-shot: per held-out pair and seed, the six text-arm x objective models and the
 * supervised ceiling; one JSON per (pair, seed) written atomically into the run folder, so runs can be
 * split over processes (`--seeds 1` in one, `--seeds 2` in another) and resumed (done files are skipped).
 *
 *   node --conditions=@embedlab/source --import tsx experiments/multimodal-zero-shot/run.ts \
 *     [--seeds 1,2,3] [--pairs 5-6,1-8] [--out results/multimodal-zero-shot/main]
 *
 * `report.ts` turns the run folder into reports/multimodal-zero-shot.
 */
import {existsSync, mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {createRng, describeBackend, initBackend, writeFileAtomic} from '../../packages/core/src/index.js';
import {loadEmbeddedDefault} from '../../packages/pretrained/src/index.js';
import {
  ClassText,
  FASHION_MNIST_CLASSES,
  argmaxRows,
  classScores,
  embedImages,
  harmonicMean,
  loadFashionMnist,
  trainImageModel,
  type ImageSplit,
  type Objective,
  type TextArm,
  type TrainedModel,
} from '../../packages/multimodal/src/index.js';
import {config} from './config.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const seeds = (opt('seeds') ?? config.seeds.join(',')).split(',').map(Number);
const pairs = (opt('pairs') ?? config.heldOut.join('-')).split(',').map((p) => p.split('-').map(Number) as [number, number]);
const out = opt('out') ?? join('results', config.name, 'main');
// smoke runs only (their files say so in `config`): fewer images and epochs
const trainPerClass = Number(opt('per-class') ?? config.trainPerClass);
const epochs = Number(opt('epochs') ?? config.epochs);
const armsRun = (opt('arms')?.split(',') ?? [...config.arms]) as TextArm[];
const objectivesRun = (opt('objectives')?.split(',') ?? [...config.objectives]) as Objective[];
const withSupervised = !args.includes('--no-supervised');
/**
 * Random-arm control: after training, re-draw the held-out classes' random vectors this many times and
 * score the same image embeddings against each draw. With two held-out classes one draw gives an accuracy
 * near 0, 0.5 or 1 (the images of each class land near some seen vectors, and a random vector either
 * points their way or not), so a few seeds cannot show "chance"; the mean over many draws can.
 */
const redraws = Number(opt('redraws') ?? 0);
const runConfig = {...config, trainPerClass, epochs, arms: armsRun, objectives: objectivesRun, withSupervised, redraws};
mkdirSync(out, {recursive: true});

const backend = await initBackend();
const data = loadFashionMnist();
const glove = loadEmbeddedDefault();
const classes = FASHION_MNIST_CLASSES;
const log = (s: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s}\n`);
log(`${describeBackend(backend)}; Fashion-MNIST from ${data.source} (${data.dir}); seeds ${seeds.join(',')}; pairs ${pairs.map((p) => p.join('-')).join(',')}`);

/** `perClass` training images of each of `labels`, drawn by the seed. */
function sample(split: ImageSplit, labels: readonly number[], perClass: number, seed: number): number[] {
  const rng = createRng(seed).fork('train-sample');
  const byClass = labels.map((c) => {
    const idx: number[] = [];
    for (let i = 0; i < split.n; i++) if (split.labels[i] === c) idx.push(i);
    return rng.shuffle(idx).slice(0, perClass);
  });
  return byClass.flat().sort((a, b) => a - b);
}

/** The first testPerClass test images of each class, in file order (the same for every model and seed). */
const testAll: number[] = [];
{
  const seen = new Array(10).fill(0) as number[];
  for (let i = 0; i < data.test.n; i++) if (seen[data.test.labels[i] as number]!++ < config.testPerClass) testAll.push(i);
}

function evaluate(model: TrainedModel, _seen: number[], unseen: number[]) {
  const emb = embedImages(model, data.test, testAll);
  const all = Array.from({length: 10}, (_, i) => i);
  const gz = argmaxRows(classScores(model, emb, all), 10); // generalized: every class
  const pairScores = classScores(model, emb, unseen);
  const zs = argmaxRows(pairScores, unseen.length); // zero-shot: held-out classes only
  let seenOk = 0,
    seenN = 0,
    unseenOk = 0,
    unseenN = 0,
    zsOk = 0;
  const confusion = unseen.map(() => new Array(10).fill(0) as number[]); // true unseen class -> predicted (of 10)
  const zsConfusion = unseen.map(() => new Array(unseen.length).fill(0) as number[]);
  const perClass = new Array(10).fill(0) as number[];
  for (let t = 0; t < testAll.length; t++) {
    const i = t; // rows of emb / gz / zs follow testAll
    const y = data.test.labels[testAll[t] as number] as number,
      p = gz[i] as number;
    if (p === y) perClass[y]!++;
    const u = unseen.indexOf(y);
    if (u >= 0) {
      unseenN++;
      if (p === y) unseenOk++;
      confusion[u]![p]!++;
      zsConfusion[u]![zs[i] as number]!++;
      if (unseen[zs[i] as number] === y) zsOk++;
    } else {
      seenN++;
      if (p === y) seenOk++;
    }
  }
  const seenAcc = seenOk / seenN,
    unseenAcc = unseenOk / unseenN;
  return {
    zeroShot: zsOk / unseenN,
    gzslSeen: seenAcc,
    gzslUnseen: unseenAcc,
    gzslH: harmonicMean(seenAcc, unseenAcc),
    perClassGzsl: perClass.map((c) => c / config.testPerClass),
    confusion,
    zsConfusion,
    emb,
  };
}

for (const [a, b] of pairs) {
  const unseen = [a, b];
  const seen = Array.from({length: 10}, (_, i) => i).filter((c) => !unseen.includes(c));
  for (const seed of seeds) {
    const file = join(out, `pair-${a}-${b}.seed-${seed}.json`);
    if (existsSync(file)) {
      log(`${file} exists, skipped`);
      continue;
    }
    const t0 = performance.now(),
      c0 = process.cpuUsage();
    const models: Record<string, unknown>[] = [];
    const trainIdx = sample(data.train, seen, trainPerClass, seed);
    const map: Record<string, unknown> = {};
    for (const arm of armsRun) {
      for (const objective of objectivesRun) {
        const name = `${arm}/${objective}`;
        const text = new ClassText(classes, {arm, vectors: glove, seed, learningRate: config.textLearningRate});
        const before = text.layer.table().slice();
        const m = trainImageModel(data.train, {
          objective,
          indices: trainIdx,
          classes: seen,
          text,
          epochs,
          batchSize: config.batchSize,
          learningRate: config.learningRate,
          seed,
          cnn: config.cnn,
          progressEvery: 100,
          onProgress: (p) =>
            log(
              `pair ${a}-${b} seed ${seed} ${name}: step ${p.step}/${p.steps} loss ${p.loss.toFixed(4)} ${p.imagesPerSecond.toFixed(0)} img/s, ETA ${p.etaSeconds.toFixed(0)} s`,
            ),
        });
        const ev = evaluate(m, seen, unseen);
        // how far fine-tuning moved each word row (L2), to show seen words move and unseen words do not
        const after = text.layer.table();
        const drift = Object.fromEntries(
          text.words.map((w, i) => {
            let s = 0;
            for (let j = 0; j < text.dim; j++) s += ((after[i * text.dim + j] as number) - (before[i * text.dim + j] as number)) ** 2;
            return [w, Math.sqrt(s)];
          }),
        );
        if (seed === config.seeds[0] && a === config.heldOut[0] && b === config.heldOut[1] && arm === 'glove-frozen') {
          // map data: mapPerClass test images per class (first in file order) and the class vectors, unit length
          const pick: number[] = [];
          for (let c = 0; c < 10; c++) {
            let k = 0;
            for (let t = 0; t < testAll.length && k < config.mapPerClass; t++)
              if (data.test.labels[testAll[t] as number] === c) {
                pick.push(t);
                k++;
              }
          }
          const d = m.encoder.config.outDim;
          const unit = (v: Float32Array) => {
            const n = Math.hypot(...v) || 1;
            return Array.from(v, (x) => x / n);
          };
          const t = text.classVectors();
          const cls = t.arraySync() as number[][];
          t.dispose();
          map[objective] = {
            images: pick.map((i) => ({label: data.test.labels[testAll[i] as number], v: unit(ev.emb.subarray(i * d, (i + 1) * d))})),
            classes: cls.map((v, c) => ({label: c, v: unit(Float32Array.from(v))})),
          };
        }
        let redrawn: number[] | undefined;
        if (arm === 'random' && redraws > 0) {
          const d = m.encoder.config.outDim,
            rng = createRng(seed).fork('redraw');
          redrawn = [];
          for (let k = 0; k < redraws; k++) {
            const u = unseen.map(() => Array.from({length: d}, () => rng.normal()));
            let ok = 0,
              n = 0;
            for (let t = 0; t < testAll.length; t++) {
              const y = unseen.indexOf(data.test.labels[testAll[t] as number] as number);
              if (y < 0) continue;
              // argmax over unit-length class vectors: the same for DeViSE's dot product and CLIP's cosine
              const s2 = u.map((v) => {
                let dv = 0,
                  nn = 0;
                for (let j = 0; j < d; j++) {
                  dv += (ev.emb[t * d + j] as number) * (v[j] as number);
                  nn += (v[j] as number) ** 2;
                }
                return dv / Math.sqrt(nn);
              });
              n++;
              if ((s2[0] as number) >= (s2[1] as number) ? y === 0 : y === 1) ok++;
            }
            redrawn.push(ok / n);
          }
          log(
            `pair ${a}-${b} seed ${seed} ${name}: zero-shot over ${redraws} re-drawn held-out vectors: mean ${(redrawn.reduce((x, y) => x + y, 0) / redraws).toFixed(4)}`,
          );
        }
        const {emb: _emb, ...numbers} = ev;
        models.push({
          arm,
          objective,
          ...numbers,
          redrawn,
          losses: m.losses,
          seconds: m.seconds,
          cpuSeconds: m.cpuSeconds,
          logitScale: m.logitScale,
          drift: arm === 'glove-finetuned' ? drift : undefined,
        });
        log(
          `pair ${a}-${b} seed ${seed} ${name}: zero-shot ${ev.zeroShot.toFixed(4)}, gzsl seen ${ev.gzslSeen.toFixed(4)} unseen ${ev.gzslUnseen.toFixed(4)} H ${ev.gzslH.toFixed(4)} (${m.cpuSeconds.toFixed(0)} cpu-s)`,
        );
        m.encoder.dispose();
        text.dispose();
      }
    }
    // the ceiling: the same CNN with a softmax head, trained on all 10 classes (held-out ones included)
    if (!withSupervised) {
      const cpu = process.cpuUsage(c0);
      writeFileAtomic(
        file,
        JSON.stringify(
          {
            pair: unseen,
            seen,
            seed,
            models,
            map,
            seconds: (performance.now() - t0) / 1000,
            cpuSeconds: (cpu.user + cpu.system) / 1e6,
            backend: backend.name,
            tfjs: backend.tfjsVersion,
            node: process.version,
            datasetSha256: data.sha256,
            datasetSource: data.source,
            vectors: {source: glove.meta.source, package: glove.meta.package, version: glove.meta.packageVersion},
            config: runConfig,
          },
          null,
          1,
        ),
      );
      log(`wrote ${file}`);
      continue;
    }
    const supIdx = sample(
      data.train,
      Array.from({length: 10}, (_, i) => i),
      trainPerClass,
      seed,
    );
    const all = Array.from({length: 10}, (_, i) => i);
    const sup = trainImageModel(data.train, {
      objective: 'supervised',
      indices: supIdx,
      classes: all,
      epochs,
      batchSize: config.batchSize,
      learningRate: config.learningRate,
      seed,
      cnn: config.cnn,
      progressEvery: 100,
      onProgress: (p) =>
        log(
          `pair ${a}-${b} seed ${seed} supervised: step ${p.step}/${p.steps} loss ${p.loss.toFixed(4)} ${p.imagesPerSecond.toFixed(0)} img/s, ETA ${p.etaSeconds.toFixed(0)} s`,
        ),
    });
    const logits = embedImages(sup, data.test, testAll);
    const pred = argmaxRows(logits, 10),
      pairPred = argmaxRows(classScores(sup, logits, unseen), 2);
    let ok = 0,
      pairOk = 0,
      pairN = 0,
      unseenOk = 0,
      seenOk = 0;
    for (let i = 0; i < testAll.length; i++) {
      const y = data.test.labels[testAll[i] as number] as number;
      if (pred[i] === y) ok++;
      if (unseen.includes(y)) {
        pairN++;
        if (unseen[pairPred[i] as number] === y) pairOk++;
        if (pred[i] === y) unseenOk++;
      } else if (pred[i] === y) seenOk++;
    }
    const supervised = {
      accuracy: ok / testAll.length,
      pairAccuracy: pairOk / pairN,
      unseenAccuracy: unseenOk / pairN,
      seenAccuracy: seenOk / (testAll.length - pairN),
      losses: sup.losses,
      seconds: sup.seconds,
      cpuSeconds: sup.cpuSeconds,
    };
    log(`pair ${a}-${b} seed ${seed} supervised: accuracy ${supervised.accuracy.toFixed(4)}, held-out pair 2-way ${supervised.pairAccuracy.toFixed(4)}`);
    sup.encoder.dispose();
    const cpu = process.cpuUsage(c0);
    writeFileAtomic(
      file,
      JSON.stringify(
        {
          pair: unseen,
          seen,
          seed,
          models,
          supervised,
          map,
          seconds: (performance.now() - t0) / 1000,
          cpuSeconds: (cpu.user + cpu.system) / 1e6,
          backend: backend.name,
          tfjs: backend.tfjsVersion,
          node: process.version,
          datasetSha256: data.sha256,
          datasetSource: data.source,
          vectors: {source: glove.meta.source, package: glove.meta.package, version: glove.meta.packageVersion},
          config: runConfig,
        },
        null,
        1,
      ),
    );
    log(`wrote ${file} (${((performance.now() - t0) / 1000).toFixed(0)} s, ${((cpu.user + cpu.system) / 1e6).toFixed(0)} cpu-s)`);
  }
}
