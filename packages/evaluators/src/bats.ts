/**
 * BATS with pairwise methods (vecto's protocol): inside each category every ordered pair of distinct word
 * pairs (a, a') and (b, b') gives the question a : a' :: b : ?, n(n-1) questions for n pairs. A prediction
 * is a hit when it matches ANY listed alternative of b'; only the first alternative of a' is used as a
 * vector. Results per category, per group (the 4 folders of 10 files) and overall.
 */
import {checkArrayField, checkInstance, WordVectors} from '@embedlab/core';
import {solveAnalogies, tallySections, type AnalogyItem, type AnalogyOptions, type Counts} from './analogy.js';
import {bootstrapProportion} from './bootstrap.js';
import {protocolHash, resolveAnalogyProtocol, type AnalogyProtocol, type AnalogyProtocolSpec} from './protocol.js';
import type {BatsDataset, FileRecord} from './types.js';

export interface BatsResult {
  dataset: string;
  files: FileRecord[];
  protocol: AnalogyProtocol;
  protocolHash: string;
  restrict: number;
  overall: Counts & {total: number; oov: number; coverage: number};
  /** Mean of the category accuracies (vecto reports per category; macro averages are common in papers). */
  macroAccuracy: number;
  groups: (Counts & {group: string; total: number; oov: number})[];
  categories: (Counts & {category: string; group: string; total: number; oov: number})[];
  engine: {name: string; seconds: number};
  records?: {category: string; a: string; b: string; c: string; answers: string[]; status: 'answered' | 'oov'; predicted: string | null; correct: boolean}[];
}

/** The n(n-1) pairwise questions of every category, in file order. */
export function batsQuestions(bats: BatsDataset): (AnalogyItem & {category: number})[] {
  const out: (AnalogyItem & {category: number})[] = [];
  bats.categories.forEach((cat, ci) => {
    cat.pairs.forEach((p, i) => {
      cat.pairs.forEach((q, j) => {
        if (i === j) return;
        out.push({a: p.source, b: p.targets[0]!, c: q.source, answers: q.targets, section: ci, category: ci});
      });
    });
  });
  return out;
}

export async function evaluateBats(
  vectors: WordVectors,
  bats: BatsDataset,
  protocol: AnalogyProtocolSpec = 'gensim',
  options: AnalogyOptions = {},
): Promise<BatsResult> {
  checkInstance(vectors, WordVectors, 'vectors');
  checkArrayField(bats, 'categories', 'bats', 'a BatsDataset (from loadBats)');
  const p = resolveAnalogyProtocol(protocol);
  const items = batsQuestions(bats);
  const t0 = performance.now();
  const solved = await solveAnalogies(vectors, items, p, [p.restrict], options);
  const res = solved.perRestrict[0]!;
  // Each question's section is its category.
  const {counts, flags, sectionFlags: catFlags} = tallySections(res, items, bats.categories.length, p.oov);
  const cats = bats.categories.map((c, i) => {
    const n = counts[i]!;
    return {category: c.name, group: c.group, ...n, accuracy: n.evaluated ? n.correct / n.evaluated : 0};
  });
  const groupNames = [...new Set(cats.map((c) => c.group))];
  const groups = groupNames.map((g) => {
    const list = cats.filter((c) => c.group === g);
    const correct = list.reduce((x, c) => x + c.correct, 0),
      evaluated = list.reduce((x, c) => x + c.evaluated, 0);
    return {
      group: g,
      correct,
      evaluated,
      accuracy: evaluated ? correct / evaluated : 0,
      total: list.reduce((x, c) => x + c.total, 0),
      oov: list.reduce((x, c) => x + c.oov, 0),
    };
  });
  const correct = cats.reduce((x, c) => x + c.correct, 0),
    evaluated = cats.reduce((x, c) => x + c.evaluated, 0);
  const total = items.length,
    oov = cats.reduce((x, c) => x + c.oov, 0);
  const answeredCats = cats.filter((c) => c.evaluated > 0);
  const result: BatsResult = {
    dataset: bats.id,
    files: bats.files,
    protocol: p,
    protocolHash: protocolHash(p),
    restrict: solved.ns[0]!,
    overall: {correct, evaluated, accuracy: evaluated ? correct / evaluated : 0, total, oov, coverage: total ? (total - oov) / total : 0},
    macroAccuracy: answeredCats.length ? answeredCats.reduce((x, c) => x + c.accuracy, 0) / answeredCats.length : 0,
    groups,
    categories: cats,
    engine: {name: solved.engine, seconds: (performance.now() - t0) / 1000},
  };
  if (options.bootstrap !== false) {
    const boot = options.bootstrap ?? {};
    result.overall.interval = bootstrapProportion(flags, boot);
    result.categories.forEach((c, i) => (c.interval = bootstrapProportion(catFlags[i]!, boot)));
    result.groups.forEach(
      (g) =>
        (g.interval = bootstrapProportion(
          cats.flatMap((c, i) => (c.group === g.group ? catFlags[i]! : [])),
          boot,
        )),
    );
  }
  if (options.records ?? false) {
    result.records = res.map((r, i) => ({
      category: cats[items[i]!.category]!.category,
      a: items[i]!.a,
      b: items[i]!.b,
      c: items[i]!.c,
      answers: [...items[i]!.answers],
      status: r.oov ? 'oov' : 'answered',
      predicted: r.predicted >= 0 ? vectors.words[r.predicted]! : null,
      correct: r.correct,
    }));
  }
  return result;
}
