/**
 * Drift histograms: how far each word's vector moved in training, as cosine(initial, final), split by
 * frequency bucket (rows of panels) and arm (columns). Binned in TS (see histogram.ts); y is the fraction
 * of the cell's words so buckets of different sizes compare; a black rule marks each cell's median.
 */
import {ArgumentError} from '@embedlab/core';
import type {TopLevelSpec} from 'vega-lite';
import {histogramBins, median} from '../histogram.js';
import {messages} from '../messages.js';
import {finiteField, firstAppearance, requireRows, stringField} from '../rows.js';
import {BASE_CONFIG, type ChartOptions, titleBlock, VEGA_LITE_SCHEMA} from './common.js';

/** One word's drift: cosine between its initial and final vector. */
export interface DriftRow {
  arm: string;
  /** Frequency bucket label, e.g. `top 1k`, `1k-10k`, `rare`. */
  bucket: string;
  cosine: number;
}

export interface DriftHistogramOptions extends ChartOptions {
  /** Bin width. __Default:__ 0.05. */
  step?: number;
  /** Range binned. __Default:__ from the smallest cosine rounded down to a multiple of `step`, to 1. */
  extent?: readonly [number, number];
}

/** Histogram panels bucket x arm of the cosine drift, with the median per panel. */
export function driftHistogramSpec(rows: readonly DriftRow[], options: DriftHistogramOptions = {}): TopLevelSpec {
  const what = 'driftHistogramSpec';
  requireRows(what, rows);
  const step = options.step ?? 0.05;
  if (!(typeof step === 'number' && Number.isFinite(step) && step > 0)) throw new ArgumentError(messages.badStep(step));
  const groups = new Map<string, {arm: string; bucket: string; cosines: number[]}>();
  let min = Infinity;
  let max = -Infinity;
  rows.forEach((_, i) => {
    const arm = stringField(what, rows, i, 'arm');
    const bucket = stringField(what, rows, i, 'bucket');
    const cosine = finiteField(what, rows, i, 'cosine');
    min = Math.min(min, cosine);
    max = Math.max(max, cosine);
    const key = JSON.stringify([arm, bucket]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = {arm, bucket, cosines: []}));
    group.cosines.push(cosine);
  });
  const extent = options.extent ?? [Math.floor(min / step + 1e-9) * step, Math.max(1, Math.ceil(max / step - 1e-9) * step)];
  const [lo, hi] = extent;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) throw new ArgumentError(messages.badExtent(extent));
  const values: Record<string, string | number>[] = [];
  for (const {arm, bucket, cosines} of groups.values()) {
    for (const bin of histogramBins(cosines, lo, hi, step)) {
      values.push({kind: 'bin', arm, bucket, start: bin.start, end: bin.end, count: bin.count, fraction: bin.count / cosines.length});
    }
    values.push({kind: 'median', arm, bucket, median: median(cosines), n: cosines.length});
  }
  const arms = firstAppearance(rows.map((r) => r.arm));
  const buckets = firstAppearance(rows.map((r) => r.bucket));
  const xTitle = 'cosine(initial, final)';
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleBlock(options.title ?? 'Drift of word vectors by frequency bucket', options.subtitle),
    config: BASE_CONFIG,
    data: {values},
    facet: {
      row: {field: 'bucket', type: 'nominal', title: 'Frequency bucket', sort: buckets},
      column: {field: 'arm', type: 'nominal', title: 'Arm', sort: arms},
    },
    spec: {
      width: 200,
      height: 110,
      layer: [
        {
          transform: [{filter: "datum.kind === 'bin'"}],
          mark: {type: 'bar', binSpacing: 0},
          encoding: {
            // bin: 'binned' tells Vega-Lite the rows are bins already (start..end), drawn as adjacent bars.
            x: {field: 'start', type: 'quantitative', bin: 'binned', title: xTitle, scale: {domain: [lo, hi]}},
            x2: {field: 'end'},
            y: {field: 'fraction', type: 'quantitative', title: 'Fraction of words'},
            color: {field: 'arm', type: 'nominal', title: 'Arm', sort: arms, legend: null},
            tooltip: [
              {field: 'arm', type: 'nominal', title: 'Arm'},
              {field: 'bucket', type: 'nominal', title: 'Bucket'},
              {field: 'start', type: 'quantitative', title: 'From', format: '.2f'},
              {field: 'end', type: 'quantitative', title: 'To', format: '.2f'},
              {field: 'count', type: 'quantitative', title: 'Words'},
              {field: 'fraction', type: 'quantitative', title: 'Fraction', format: '.1%'},
            ],
          },
        },
        {
          transform: [{filter: "datum.kind === 'median'"}],
          mark: {type: 'rule', color: 'black', strokeDash: [4, 2]},
          encoding: {
            x: {field: 'median', type: 'quantitative', title: xTitle},
            tooltip: [
              {field: 'arm', type: 'nominal', title: 'Arm'},
              {field: 'bucket', type: 'nominal', title: 'Bucket'},
              {field: 'median', type: 'quantitative', title: 'Median cosine', format: '.3f'},
              {field: 'n', type: 'quantitative', title: 'Words'},
            ],
          },
        },
      ],
    },
  } as TopLevelSpec;
}
