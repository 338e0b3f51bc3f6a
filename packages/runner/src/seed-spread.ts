/**
 * Training variance next to item sampling: a report's primary numbers for an arm come with an interval
 * over the benchmark's items (bootstrap), which says nothing about how much another training seed would
 * move them. When a seed sweep of that arm is committed (`reports/sweep-<arm>/sweep.json`, written by
 * `pnpm exp sweep <arm's single-arm experiment> --seeds 1-5 --out reports/sweep-<arm>`), the report shows,
 * per primary metric, this run's value and item interval beside the sweep's mean, standard deviation and
 * t interval across seeds.
 */
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {markdownTable, type ReportTable} from '@embedlab/reports';
import type {MetricRow} from './metric-row.js';
import {isPrimary} from './report-headline.js';
import type {MetricAggregate} from './sweep/aggregate.js';
import {formatValue} from './table.js';

/** What this table reads of a sweep.json aggregate. */
type SweepAggregate = Pick<MetricAggregate, 'settingKey' | 'metric' | 'n' | 'mean' | 'sd' | 'lo' | 'hi' | 'seeds'>;

interface SweepJson {
  experiment: string;
  level: number;
  sweepId?: string;
  axes: string[];
  aggregates: SweepAggregate[];
}

/** The start of the table's title (the rest names the sweeps). */
export const SEED_SPREAD_TITLE = 'Seed-to-seed spread of the trained arms';

const num = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : 'n/a');

/** The committed seed sweep of `arm`, when there is one (a seeds-only sweep of the experiment named like the arm). */
export function readArmSweep(reportsDir: string, arm: string): {file: string; sweep: SweepJson} | undefined {
  const file = join(reportsDir, `sweep-${arm}`, 'sweep.json');
  if (!existsSync(file)) return undefined;
  const sweep = JSON.parse(readFileSync(file, 'utf8')) as SweepJson;
  if (sweep.experiment !== arm || sweep.axes.length !== 0) return undefined;
  return {file, sweep};
}

/** The seed-spread table for every arm with a committed seed sweep; undefined when no arm has one. */
export function seedSpreadTable(reportsDir: string, rows: readonly MetricRow[]): ReportTable | undefined {
  const body: string[][] = [];
  const sources: string[] = [];
  const arms = [...new Set(rows.filter(isPrimary).map((r) => r.arm))];
  for (const arm of arms) {
    const found = readArmSweep(reportsDir, arm);
    if (!found) continue;
    const byMetric = new Map(found.sweep.aggregates.map((a) => [a.metric, a]));
    let used = 0;
    for (const r of rows.filter((x) => x.arm === arm && isPrimary(x))) {
      const key = [r.arm, r.task, r.dataset, r.section, r.metric].filter((x) => x !== undefined).join('/');
      const agg = byMetric.get(key);
      if (!agg) continue;
      used++;
      const label = [r.dataset, r.section === 'overall' ? undefined : r.section, r.metric].filter((x) => x !== undefined).join(' ');
      body.push([
        arm,
        label,
        formatValue(r),
        r.lo !== undefined && r.hi !== undefined ? num((r.hi - r.lo) / 2) : '-',
        `${num(agg.mean)} [${num(agg.lo)}, ${num(agg.hi)}]`,
        num(agg.sd),
        `${agg.n} (${agg.seeds.join(',')})`,
      ]);
    }
    if (used) sources.push(`${arm}: reports/sweep-${arm} (${found.sweep.sweepId ?? 'sweep'}, ${Math.round(found.sweep.level * 100)}% t interval over seeds)`);
  }
  if (!body.length) return undefined;
  return {
    title: `${SEED_SPREAD_TITLE} (training seeds, from ${sources.join('; ')}) next to this run's item-bootstrap interval`,
    markdown: markdownTable(['arm', 'metric', 'this run [item interval]', 'item half-width', 'across seeds: mean [interval]', 'sd over seeds', 'seeds'], body),
  };
}
