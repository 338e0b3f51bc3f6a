/**
 * Charts of the `similarity-oov` evaluator (subword-oov experiment): Spearman per dataset for each arm and
 * treatment of unknown words, and Spearman against the frequency bucket of each pair's rarer word.
 */
import {intervalBarsSpec, layerLinesSpec} from '@embedlab/reports';
import type {MetricRow} from './metric-row.js';
import type {Chart} from './report-charts.js';

const withInterval = (r: MetricRow): r is MetricRow & {lo: number; hi: number} =>
  Number.isFinite(r.value) && r.lo !== undefined && r.hi !== undefined && Number.isFinite(r.lo) && Number.isFinite(r.hi);

/** Order of a bucket label (`rank <10k`, `rank 10k-50k`, `rank >=100k`, `not in glove-6b-100d`): by its lower rank. */
export function bucketOrder(label: string): number {
  if (label.startsWith('not in')) return Infinity;
  const m = /^rank (?:<|>=)?(\d+)(k?)/.exec(label);
  if (!m) return Infinity;
  return label.startsWith('rank <') ? 0 : Number(m[1]) * (m[2] ? 1000 : 1);
}

export function oovCharts(rows: readonly MetricRow[], subtitle: string): Chart[] {
  const charts: Chart[] = [];
  const scores = rows.filter((r) => r.task === 'similarity-oov' && r.metric === 'spearman').filter(withInterval);
  if (scores.length) {
    const coverage = new Map(
      rows.filter((r) => r.task === 'similarity-oov' && r.metric === 'coverage').map((r) => [`${r.arm}|${r.dataset}|${r.section}`, r.value]),
    );
    charts.push({
      name: 'similarity-oov',
      title: 'Spearman by treatment of unknown words',
      spec: intervalBarsSpec(
        scores.map((r) => {
          const c = coverage.get(`${r.arm}|${r.dataset}|${r.section}`);
          return {
            dataset: r.dataset,
            arm: `${r.arm} ${r.section}`,
            metric: 'spearman',
            value: r.value,
            lo: r.lo,
            hi: r.hi,
            ...(c !== undefined ? {coverage: c} : {}),
          };
        }),
        {title: 'Word similarity: Spearman (95% intervals); skip = gensim protocol, the rest score every pair', subtitle},
      ),
      caption:
        'skip: pairs with a word the table lacks are not scored (coverage in the tooltip); zeros / mean: unknown words get a zero / the mean vector; filled: GloVe rows predicted from spelling (Mimick-style n-grams), fastText n-gram vectors.',
    });
  }
  const byFreq = rows.filter((r) => r.task === 'similarity-frequency' && r.metric === 'spearman').filter(withInterval);
  if (byFreq.length) {
    const split = (section: string) => {
      const i = section.indexOf(' ');
      return {treatment: section.slice(0, i), bucket: section.slice(i + 1)};
    };
    const buckets = [...new Set(byFreq.map((r) => split(r.section ?? '').bucket))].sort((a, b) => bucketOrder(a) - bucketOrder(b));
    charts.push({
      name: 'similarity-frequency',
      title: 'Spearman by word frequency',
      spec: layerLinesSpec(
        byFreq.map((r) => {
          const {treatment, bucket} = split(r.section ?? '');
          return {panel: r.dataset, series: `${r.arm} ${treatment}`, layer: buckets.indexOf(bucket), value: r.value, lo: r.lo, hi: r.hi};
        }),
        [],
        {
          title: 'Spearman by frequency bucket of the rarer word in each pair (95% intervals)',
          subtitle,
          xTitle: 'Bucket (GloVe rank of the rarer word)',
          yTitle: 'Spearman',
        },
      ),
      caption: `Buckets: ${buckets.map((b, i) => `${i} = ${b}`).join(', ')}. A bucket with fewer than 10 scored pairs is left out (under skip, the rare buckets lose the pairs a table lacks).`,
    });
  }
  return charts;
}
