/**
 * A 2D PCA map of chosen word groups: gather the words' vectors, project them with pca2d, and plot
 * points plus labels coloured by group.
 */
import {ArgumentError} from '@embedlab/core';
import type {TopLevelSpec} from 'vega-lite';
import {messages} from '../messages.js';
import {pca2d} from '../pca.js';
import {finiteField, firstAppearance, requireRows, stringField} from '../rows.js';
import {BASE_CONFIG, type ChartOptions, titleBlock, VEGA_LITE_SCHEMA} from './common.js';

/** One word placed on the map. */
export interface PcaPointRow {
  word: string;
  group: string;
  x: number;
  y: number;
}

/** A named set of words, e.g. `{group: 'capitals', words: ['paris', 'rome']}`. */
export interface WordGroup {
  group: string;
  words: readonly string[];
}

/** Anything that maps a word to its vector; `WordVectors` from @embedlab/core fits. */
export interface VectorLookup {
  readonly dim: number;
  vector(word: string): ArrayLike<number> | undefined;
}

export interface PcaMapRowsOptions {
  /** Scale each vector to unit length first, so the map reflects cosine geometry. __Default:__ true. */
  normalize?: boolean;
}

export interface PcaMapRows {
  rows: PcaPointRow[];
  /** Fraction of variance along PC1 and PC2. */
  explained: [number, number];
  /** Requested words without a vector, in request order. */
  missing: string[];
}

/** Projects the words of `groups` that have vectors onto their top two principal directions. */
export function pcaMapRows(groups: readonly WordGroup[], vectors: VectorLookup, options: PcaMapRowsOptions = {}): PcaMapRows {
  const normalize = options.normalize ?? true;
  const seen = new Map<string, string>();
  const found: {word: string; group: string; vector: ArrayLike<number>}[] = [];
  const missing: string[] = [];
  for (const {group, words} of groups) {
    for (const word of words) {
      const previous = seen.get(word);
      if (previous !== undefined) throw new ArgumentError(messages.duplicatePcaWord(word, previous, group));
      seen.set(word, group);
      const vector = vectors.vector(word);
      if (vector === undefined) missing.push(word);
      else if (vector.length !== vectors.dim) throw new ArgumentError(messages.wrongVectorLength(word, vector.length, vectors.dim));
      else found.push({word, group, vector});
    }
  }
  if (found.length < 2) throw new ArgumentError(messages.tooFewPcaWords(found.length));
  const dim = vectors.dim;
  const data = new Float64Array(found.length * dim); // [n, dim]
  found.forEach(({vector}, r) => {
    let norm = 1;
    if (normalize) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += vector[j]! * vector[j]!;
      norm = Math.sqrt(s) || 1;
    }
    for (let j = 0; j < dim; j++) data[r * dim + j] = vector[j]! / norm;
  });
  const pca = pca2d(data, found.length, dim);
  const rows = found.map(({word, group}, r) => ({word, group, x: pca.scores[2 * r]!, y: pca.scores[2 * r + 1]!}));
  return {rows, explained: pca.explained, missing};
}

export interface PcaMapOptions extends ChartOptions {
  /** Variance fractions of PC1 and PC2, shown in the axis titles. */
  explained?: readonly [number, number];
}

/** Points plus text labels at (x, y), coloured by group. Group order follows first appearance. */
export function pcaMapSpec(rows: readonly PcaPointRow[], options: PcaMapOptions = {}): TopLevelSpec {
  const what = 'pcaMapSpec';
  requireRows(what, rows);
  const values = rows.map((_, i) => ({
    word: stringField(what, rows, i, 'word'),
    group: stringField(what, rows, i, 'group'),
    x: finiteField(what, rows, i, 'x'),
    y: finiteField(what, rows, i, 'y'),
  }));
  const groups = firstAppearance(values.map((r) => r.group));
  const axisTitle = (k: 0 | 1) => (options.explained ? `PC${k + 1} (${(options.explained[k] * 100).toFixed(1)}% of variance)` : `PC${k + 1}`);
  const tooltip = [
    {field: 'word', type: 'nominal', title: 'Word'},
    {field: 'group', type: 'nominal', title: 'Group'},
    {field: 'x', type: 'quantitative', title: 'PC1', format: '.3f'},
    {field: 'y', type: 'quantitative', title: 'PC2', format: '.3f'},
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleBlock(options.title ?? 'PCA map of word groups', options.subtitle),
    config: BASE_CONFIG,
    data: {values},
    width: 420,
    height: 360,
    encoding: {
      x: {field: 'x', type: 'quantitative', title: axisTitle(0), scale: {zero: false, nice: true}},
      y: {field: 'y', type: 'quantitative', title: axisTitle(1), scale: {zero: false, nice: true}},
      color: {field: 'group', type: 'nominal', title: 'Group', sort: groups},
      tooltip,
    },
    layer: [
      {mark: {type: 'point', filled: true, size: 50}},
      {mark: {type: 'text', align: 'left', baseline: 'middle', dx: 6, fontSize: 11}, encoding: {text: {field: 'word', type: 'nominal'}}},
    ],
  } as TopLevelSpec;
}
