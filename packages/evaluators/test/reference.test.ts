/**
 * Exactness against gensim 4.2 on GloVe 6B 100d (../shared/reference/gensim-glove100.json): per-section
 * analogy counts for 3CosAdd and 3CosMul at 4 restricts, and Spearman/Pearson on every similarity set.
 * Runs when there is a data folder (core dataDir(): EMBEDLAB_DATA_DIR, else ../shared/datasets beside the
 * checkout) with ../reference beside it, and the wink vectors are installed; not registered without data.
 */
import {expect} from 'chai';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {dataDir, type WordVectors} from '@embedlab/core';
import {withDataDir} from '@embedlab/testing';
import {evaluateAnalogyRestricts} from '../src/analogy.js';
import {evaluateBats} from '../src/bats.js';
import {loadAnalogyDataset, loadBats, loadSimilarityDataset} from '../src/load.js';
import {evaluateSimilarity} from '../src/similarity.js';
import type {AnalogyDataset} from '../src/types.js';
import {loadGlove} from './helpers/glove.js';

interface RefCounts {
  overall: {correct: number; evaluated: number; oov_skipped: number};
  semantic: {correct: number; evaluated: number};
  syntactic: {correct: number; evaluated: number};
  sections: {section: string; correct: number; evaluated: number}[];
}

withDataDir(dataDir(), (dir) =>
  describe('exactness against gensim on GloVe 100d (real data)', function () {
    this.timeout(300000);
    const refPath = process.env.EMBEDLAB_REFERENCE ?? join(dir, '../reference/gensim-glove100.json');
    let ref: {
      similarity: Record<string, {spearman: number; pearson: number; pairs_used: number; pairs_total: number}>;
      analogy_google: Record<string, Record<string, RefCounts>>;
    };
    let vectors: WordVectors;
    let google: AnalogyDataset;

    before(async function () {
      if (!existsSync(refPath)) this.skip();
      const v = loadGlove();
      if (!v) this.skip();
      vectors = v!;
      ref = JSON.parse(readFileSync(refPath, 'utf8'));
      google = await loadAnalogyDataset('google-analogy', {download: false});
    });

    it('similarity: Spearman and Pearson equal gensim to 1e-4 on every dataset', async () => {
      for (const [id, want] of Object.entries(ref.similarity)) {
        const r = evaluateSimilarity(vectors, await loadSimilarityDataset(id, {download: false}), 'gensim', {bootstrap: {resamples: 200}});
        expect(r.spearman, `${id} spearman`).to.be.closeTo(want.spearman, 1e-4);
        expect(r.pearson, `${id} pearson`).to.be.closeTo(want.pearson, 1e-4);
        expect([r.pairsUsed, r.pairsTotal], id).to.deep.equal([want.pairs_used, want.pairs_total]);
        expect(r.intervals!.spearman.low).to.be.below(r.spearman);
        expect(r.intervals!.spearman.high).to.be.above(r.spearman);
      }
    });

    for (const method of ['3CosAdd', '3CosMul'] as const) {
      it(`${method}: per-section counts identical to gensim at restrict 30k, 100k, 200k, 300k`, async () => {
        const key = Object.keys(ref.analogy_google).find((k) => k.startsWith(method))!;
        const restricts = [30000, 100000, 200000, 300000];
        const results = await evaluateAnalogyRestricts(vectors, google, {method}, restricts, {records: false, bootstrap: false});
        results.forEach((r, i) => {
          const want = ref.analogy_google[key]![String(restricts[i])]!;
          expect(
            r.sections.map((s) => [s.section, s.correct, s.evaluated]),
            `${method} ${restricts[i]}`,
          ).to.deep.equal(want.sections.map((s) => [s.section, s.correct, s.evaluated]));
          expect([r.overall.correct, r.overall.evaluated, r.overall.oov]).to.deep.equal([
            want.overall.correct,
            want.overall.evaluated,
            want.overall.oov_skipped,
          ]);
          expect([r.semantic!.correct, r.syntactic!.correct]).to.deep.equal([want.semantic.correct, want.syntactic.correct]);
        });
      });
    }

    it('BATS at restrict 30k: 50 x 49 questions per category, per-group counts add up', async () => {
      const bats = await loadBats({download: false});
      bats.categories = bats.categories.filter((c) => /^(I01|D03|E01|L02) /.test(c.name));
      const r = await evaluateBats(vectors, bats, {restrict: 30000}, {bootstrap: false});
      expect(r.categories.map((c) => c.total)).to.deep.equal([2450, 2450, 2450, 2450]);
      expect(r.groups).to.have.length(4);
      expect(r.groups.reduce((s, g) => s + g.correct, 0)).to.equal(r.overall.correct);
      // Regular plurals are easy for GloVe; hypernyms (L02) are hard: a weak sanity check of the direction.
      expect(r.categories[0]!.accuracy).to.be.greaterThan(r.categories[3]!.accuracy);
    });
  }),
);
