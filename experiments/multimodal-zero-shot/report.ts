/**
 * Builds reports/multimodal-zero-shot from a run folder of run.ts (one JSON per held-out pair and seed):
 * accuracy bars with seed bands (min-max over seeds, the dot the mean), the unseen classes' confusion
 * matrices, a PCA map of test-image embeddings with the class vectors in the same space, tables, and
 * summary.json / meta.json.
 *
 *   node --conditions=@embedlab/source --import tsx experiments/multimodal-zero-shot/report.ts \
 *     [--run results/multimodal-zero-shot/main] [--out reports/multimodal-zero-shot]
 */
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {intervalBarsSpec, markdownTable, pca2d, writeReport, type ReportChart} from '@embedlab/reports';
import {FASHION_MNIST_CLASSES} from '../../packages/multimodal/src/fashion-mnist.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] as string) : fallback;
};
const runDir = opt('run', 'results/multimodal-zero-shot/main');
const outDir = opt('out', 'reports/multimodal-zero-shot');
const controlDir = opt('control', 'results/multimodal-zero-shot/random-control');

interface ModelResult {
  arm: string;
  objective: string;
  zeroShot: number;
  gzslSeen: number;
  gzslUnseen: number;
  gzslH: number;
  perClassGzsl: number[];
  confusion: number[][];
  zsConfusion: number[][];
  losses: number[];
  seconds: number;
  cpuSeconds: number;
  logitScale?: number;
  drift?: Record<string, number>;
  redrawn?: number[];
}
interface RunFile {
  pair: [number, number];
  seen: number[];
  seed: number;
  models: ModelResult[];
  supervised: {accuracy: number; pairAccuracy: number; unseenAccuracy: number; seenAccuracy: number; seconds: number; cpuSeconds: number};
  map: Record<string, {images: {label: number; v: number[]}[]; classes: {label: number; v: number[]}[]}>;
  seconds: number;
  cpuSeconds: number;
  backend: string;
  tfjs: string;
  node: string;
  datasetSha256: Record<string, string>;
  datasetSource: string;
  vectors: Record<string, string>;
  config: Record<string, unknown>;
}

const files = readdirSync(runDir)
  .filter((f) => /^pair-\d+-\d+\.seed-\d+\.json$/.test(f))
  .sort();
if (!files.length) throw new Error(`${runDir}: no pair-*.seed-*.json files; run experiments/multimodal-zero-shot/run.ts first`);
const runs = files.map((f) => JSON.parse(readFileSync(join(runDir, f), 'utf8')) as RunFile);
const name = (c: number) => FASHION_MNIST_CLASSES[c] as string;
const pairKey = (p: number[]) => p.map(name).join(' + ');
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const f3 = (x: number) => x.toFixed(3);
const band = (xs: number[]) => `${f3(mean(xs))} [${f3(Math.min(...xs))}, ${f3(Math.max(...xs))}]`;

const main = runs[0]!.config.heldOut as number[];
const mainRuns = runs.filter((r) => r.pair.join() === main.join());
const seeds = mainRuns.map((r) => r.seed);
const arms = [...new Set(mainRuns[0]!.models.map((m) => `${m.arm}/${m.objective}`))];
const of = (rs: RunFile[], key: string) => rs.map((r) => r.models.find((m) => `${m.arm}/${m.objective}` === key) as ModelResult);

// --- summary numbers: mean and per seed
const summary: Record<string, number> = {};
const put = (k: string, xs: number[]) => {
  summary[`${k}/mean`] = mean(xs);
  xs.forEach((x, i) => (summary[`${k}/seed-${seeds[i]}`] = x));
};
for (const key of arms) {
  const ms = of(mainRuns, key);
  for (const metric of ['zeroShot', 'gzslSeen', 'gzslUnseen', 'gzslH'] as const)
    put(
      `${key}/${metric}`,
      ms.map((m) => m[metric]),
    );
}
for (const metric of ['pairAccuracy', 'accuracy', 'seenAccuracy', 'unseenAccuracy'] as const)
  put(
    `supervised/${metric}`,
    mainRuns.map((r) => r.supervised[metric]),
  );

// --- chart 1: accuracy bars, seed bands
const metricNames = {zeroShot: 'zero-shot (2-way)', gzslUnseen: 'GZSL unseen', gzslSeen: 'GZSL seen', gzslH: 'GZSL H'} as const;
/** Short arm labels: the chart legend cuts long ones. */
const short = (key: string) =>
  key.replace('glove-finetuned', 'GloVe-ft').replace('glove-frozen', 'GloVe').replace('devise', 'DeViSE').replace('clip', 'CLIP').replace('/', ' ');
const rows = arms.flatMap((key) =>
  (Object.keys(metricNames) as (keyof typeof metricNames)[]).map((metric) => {
    const xs = of(mainRuns, key).map((m) => m[metric]);
    return {dataset: metricNames[metric], arm: short(key), metric: 'accuracy', value: mean(xs), lo: Math.min(...xs), hi: Math.max(...xs)};
  }),
);
const sup = (k: 'pairAccuracy' | 'unseenAccuracy' | 'seenAccuracy') => mainRuns.map((r) => r.supervised[k]);
rows.push({
  dataset: metricNames.zeroShot,
  arm: 'supervised',
  metric: 'accuracy',
  value: mean(sup('pairAccuracy')),
  lo: Math.min(...sup('pairAccuracy')),
  hi: Math.max(...sup('pairAccuracy')),
});
rows.push({
  dataset: metricNames.gzslUnseen,
  arm: 'supervised',
  metric: 'accuracy',
  value: mean(sup('unseenAccuracy')),
  lo: Math.min(...sup('unseenAccuracy')),
  hi: Math.max(...sup('unseenAccuracy')),
});
rows.push({
  dataset: metricNames.gzslSeen,
  arm: 'supervised',
  metric: 'accuracy',
  value: mean(sup('seenAccuracy')),
  lo: Math.min(...sup('seenAccuracy')),
  hi: Math.max(...sup('seenAccuracy')),
});
const charts: ReportChart[] = [
  {
    id: 'accuracy',
    title: `Accuracy on held-out ${pairKey(main)} (${seeds.length} seeds)`,
    spec: intervalBarsSpec(rows, {
      title: `Held out: ${pairKey(main)}`,
      subtitle: `bars: mean of seeds ${seeds.join(', ')}; whiskers: min-max over seeds`,
      xTitle: 'measure',
      yTitle: 'accuracy (whiskers: min-max over seeds)',
    }),
    caption:
      'Arms: random / GloVe (frozen) / GloVe-ft (fine-tuned) class vectors x DeViSE / CLIP. Zero-shot: test images of the two held-out classes, nearest of the two held-out class vectors (chance 0.5). GZSL: every test image against all 10 class vectors; seen / unseen accuracy and their harmonic mean. The supervised ceiling is the same CNN with a softmax head trained on all 10 classes (2-way: argmax of the two held-out logits).',
  },
];

// --- chart 2: confusion of the unseen classes (GZSL, all 10 columns), summed over seeds, GloVe frozen and fine-tuned
const confRows: {model: string; truth: string; predicted: string; fraction: number; count: number}[] = [];
for (const key of arms.filter((k) => k.startsWith('glove'))) {
  const ms = of(mainRuns, key);
  main.forEach((c, u) => {
    const counts = FASHION_MNIST_CLASSES.map((_, p) => ms.reduce((a, m) => a + (m.confusion[u]![p] as number), 0));
    const total = counts.reduce((a, b) => a + b, 0);
    counts.forEach((n, p) => confRows.push({model: short(key), truth: name(c), predicted: name(p), fraction: n / total, count: n}));
  });
}
charts.push({
  id: 'unseen-confusion',
  title: "Where the held-out classes' images go (GZSL, all 10 classes, summed over seeds)",
  spec: {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: 'Held-out classes: predicted class among all 10',
      subtitle: `test images of ${pairKey(main)}, GloVe arms, ${seeds.length} seeds pooled`,
      anchor: 'start',
    },
    background: 'white',
    data: {values: confRows},
    facet: {row: {field: 'model', type: 'nominal', title: null, header: {labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontWeight: 'bold'}}},
    spec: {
      width: 420,
      height: 60,
      layer: [
        {
          mark: 'rect',
          encoding: {
            x: {field: 'predicted', type: 'nominal', sort: [...FASHION_MNIST_CLASSES], title: 'predicted'},
            y: {field: 'truth', type: 'nominal', title: 'true'},
            color: {field: 'fraction', type: 'quantitative', scale: {domain: [0, 1], scheme: 'blues'}, title: 'fraction'},
            tooltip: [{field: 'count'}, {field: 'fraction', format: '.3f'}],
          },
        },
        {
          mark: {type: 'text', fontSize: 9},
          encoding: {
            x: {field: 'predicted', type: 'nominal', sort: [...FASHION_MNIST_CLASSES]},
            y: {field: 'truth', type: 'nominal'},
            text: {field: 'fraction', type: 'quantitative', format: '.2f'},
            color: {condition: {test: 'datum.fraction > 0.5', value: 'white'}, value: 'black'},
          },
        },
      ],
    },
  } as never,
  caption:
    'Rows: true held-out class; columns: the nearest of all 10 class vectors. Generalized zero-shot is hard here: the images of unseen classes mostly land on a seen neighbour (the bias towards seen classes known from the GZSL literature); calibration is not applied.',
});

// --- chart 3: PCA map, seed 1, GloVe frozen, per objective: test images and class vectors (unit length) in one space
const mapRun = mainRuns.find((r) => r.map && Object.keys(r.map).length);
if (mapRun) {
  for (const [objective, m] of Object.entries(mapRun.map)) {
    const pts = [...m.images.map((p) => p.v), ...m.classes.map((c) => c.v)];
    const dim = pts[0]!.length;
    const p = pca2d(Float64Array.from(pts.flat()), pts.length, dim);
    const values = pts.map((_, i) => {
      const isClass = i >= m.images.length;
      const label = isClass ? m.classes[i - m.images.length]!.label : m.images[i]!.label;
      return {
        x: p.scores[2 * i]!,
        y: p.scores[2 * i + 1]!,
        class: name(label),
        kind: isClass ? 'class vector' : 'image',
        held: main.includes(label) ? 'held out' : 'seen',
        text: isClass ? name(label) : '',
      };
    });
    charts.push({
      id: `map-${objective}`,
      title: `2D map (PCA) of image embeddings and class vectors: GloVe frozen, ${objective}, seed ${mapRun.seed}`,
      spec: {
        $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
        title: {
          text: `Images and words in one space (${objective}, GloVe frozen)`,
          subtitle: `PCA of ${m.images.length} test images (unit length) + 10 class vectors; PC1 ${(p.explained[0] * 100).toFixed(0)}%, PC2 ${(p.explained[1] * 100).toFixed(0)}% of variance`,
          anchor: 'start',
        },
        background: 'white',
        width: 520,
        height: 420,
        data: {values},
        layer: [
          {
            transform: [{filter: 'datum.kind === "image"'}],
            mark: {type: 'point', filled: true, size: 22, opacity: 0.55},
            encoding: {
              x: {field: 'x', type: 'quantitative', title: 'PC1'},
              y: {field: 'y', type: 'quantitative', title: 'PC2'},
              color: {field: 'class', type: 'nominal', sort: [...FASHION_MNIST_CLASSES], scale: {scheme: 'tableau10'}},
              shape: {field: 'held', type: 'nominal', title: 'image of a class'},
            },
          },
          {
            transform: [{filter: 'datum.kind === "class vector"'}],
            mark: {type: 'point', shape: 'cross', size: 180, strokeWidth: 3, filled: true},
            encoding: {
              x: {field: 'x', type: 'quantitative'},
              y: {field: 'y', type: 'quantitative'},
              color: {field: 'class', type: 'nominal', sort: [...FASHION_MNIST_CLASSES]},
            },
          },
          {
            transform: [{filter: 'datum.kind === "class vector"'}],
            mark: {type: 'text', dy: -12, fontSize: 12, fontWeight: 'bold'},
            encoding: {x: {field: 'x', type: 'quantitative'}, y: {field: 'y', type: 'quantitative'}, text: {field: 'text'}, color: {value: 'black'}},
          },
        ],
      } as never,
      caption:
        'Points: test images (circles: the held-out classes, never seen in training; squares: seen classes); crosses with names: the class vectors (GloVe, frozen). An image is classified by its nearest class vector in the full space, not in this 2D projection.',
    });
  }
}

// --- tables
const mainTable = markdownTable(
  ['arm', 'objective', 'zero-shot (2-way)', 'GZSL seen', 'GZSL unseen', 'GZSL H', 'CPU s / model'],
  [
    ...arms.map((key) => {
      const ms = of(mainRuns, key);
      return [
        key.split('/')[0],
        key.split('/')[1],
        band(ms.map((m) => m.zeroShot)),
        band(ms.map((m) => m.gzslSeen)),
        band(ms.map((m) => m.gzslUnseen)),
        band(ms.map((m) => m.gzslH)),
        mean(ms.map((m) => m.cpuSeconds)).toFixed(0),
      ];
    }),
    [
      'supervised (10 classes, ceiling)',
      'softmax',
      band(sup('pairAccuracy')),
      band(sup('seenAccuracy')),
      band(sup('unseenAccuracy')),
      '-',
      mean(mainRuns.map((r) => r.supervised.cpuSeconds)).toFixed(0),
    ],
  ],
  {align: ['left', 'left', 'right', 'right', 'right', 'right', 'right']},
);
const tables = [{title: `Held out ${pairKey(main)}: mean [min, max] over seeds ${seeds.join(', ')}`, markdown: mainTable}];
const ft = of(mainRuns, arms.find((k) => k.startsWith('glove-finetuned')) ?? arms[0]!).filter((m) => m.drift);
if (ft.length) {
  const words = Object.keys(ft[0]!.drift!);
  tables.push({
    title: 'Fine-tuned arm: how far each word row moved (L2, mean over seeds and both objectives)',
    markdown: markdownTable(
      ['word', 'moved'],
      words.map((w) => [w, mean(ft.map((m) => m.drift![w]!)).toFixed(4)]),
    ),
  });
}
// random-arm control: the same trained models scored against many re-drawn held-out vectors
const controlFiles = existsSync(controlDir)
  ? readdirSync(controlDir)
      .filter((f) => /^pair-\d+-\d+\.seed-\d+\.json$/.test(f))
      .sort()
  : [];
const controlRuns = controlFiles.map((f) => JSON.parse(readFileSync(join(controlDir, f), 'utf8')) as RunFile);
if (controlRuns.length) {
  const q = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
  const crow = controlRuns.flatMap((r) =>
    r.models
      .filter((m) => m.redrawn)
      .map((m) => {
        const xs = m.redrawn!;
        summary[`control/${m.arm}/${m.objective}/seed-${r.seed}/redrawnMean`] = mean(xs);
        const same = of(
          mainRuns.filter((x) => x.seed === r.seed),
          `${m.arm}/${m.objective}`,
        )[0];
        return [
          `${m.arm} ${m.objective}`,
          String(r.seed),
          f3(m.zeroShot),
          same ? (same.zeroShot === m.zeroShot ? 'yes' : `no (${f3(same.zeroShot)})`) : '-',
          String(xs.length),
          f3(mean(xs)),
          `${f3(q(xs, 0.05))} - ${f3(q(xs, 0.95))}`,
          f3(xs.filter((x) => x > 0.5).length / xs.length),
        ];
      }),
  );
  const all = controlRuns.flatMap((r) => r.models.flatMap((m) => m.redrawn ?? []));
  summary['control/random/redrawnMean'] = mean(all);
  tables.push({
    title: `Random-arm control: zero-shot of the trained random-arm models against re-drawn held-out vectors (all draws pooled: mean ${f3(mean(all))})`,
    markdown: markdownTable(
      ['model', 'seed', 'zero-shot, the trained draw', 'same as main run', 'draws', 'mean over draws', '5% - 95%', 'share of draws above 0.5'],
      crow,
    ),
  });
}
const otherPairs = [...new Set(runs.map((r) => r.pair.join('-')))].filter((k) => k !== main.join('-'));
if (otherPairs.length) {
  tables.push({
    title: 'Sweep over held-out pairs (mean over the seeds run for each pair)',
    markdown: markdownTable(
      ['held out', 'seeds', ...arms],
      [main.join('-'), ...otherPairs].map((k) => {
        const rs = runs.filter((r) => r.pair.join('-') === k);
        return [pairKey(k.split('-').map(Number)), rs.map((r) => r.seed).join(','), ...arms.map((a) => f3(mean(of(rs, a).map((m) => m.zeroShot))))];
      }),
    ),
  });
}

let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', 'HEAD'], {encoding: 'utf8'}).trim();
} catch {
  /* not a checkout */
}
const r0 = runs[0]!;
const meta = {
  experiment: 'multimodal-zero-shot',
  gitCommit: commit,
  backend: `${r0.backend} (tfjs ${r0.tfjs})`,
  node: r0.node,
  seeds,
  heldOut: main.map(name),
  dataset: {id: 'fashion-mnist', source: r0.datasetSource, sha256: r0.datasetSha256},
  vectors: r0.vectors,
  config: r0.config,
  cpuSecondsPerSeed: mainRuns.map((r) => Math.round(r.cpuSeconds)),
  wallSecondsPerSeed: mainRuns.map((r) => Math.round(r.seconds)),
  runFiles: files,
  controlFiles,
};
await writeReport(
  outDir,
  {
    title: 'multimodal-zero-shot: Fashion-MNIST images and GloVe words in one space',
    subtitle: `DeViSE and CLIP objectives, held out ${pairKey(main)}, ${seeds.length} seeds`,
    charts,
    tables,
    meta: {
      backend: meta.backend,
      config: r0.config,
      datasets: Object.fromEntries(Object.entries(r0.datasetSha256).map(([k, v]) => [k, `sha256:${v}`])),
      gitCommit: commit,
    },
  },
  {extraFiles: {'summary.json': JSON.stringify(summary, null, 1) + '\n', 'meta.json': JSON.stringify(meta, null, 1) + '\n'}},
);
console.log(`wrote ${outDir} from ${files.length} run files`);
