/**
 * The sweep report: `<out>/README.md` (a Markdown table per setting sorted by the headline metric, then
 * every metric, then paired differences), `<out>/sweep.json` (every number and run id) and
 * `<out>/metric-vs-setting.vl.json` (a Vega-Lite chart of the headline metric against the first swept
 * setting: mean line, t-interval band, one point per seed).
 */
import {mkdirSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {markdownTable} from '@embedlab/reports';
import type {MetricAggregate, PairedAggregate, SweepRunResult} from './aggregate.js';

export interface SweepReportInput {
  experiment: string;
  headline: string;
  level: number;
  axes: string[];
  runs: (SweepRunResult & {id: string; reused: boolean})[];
  aggregates: MetricAggregate[];
  paired: PairedAggregate[];
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : String(x));

/** The headline metric: the one asked for, else the first key of the first run. */
export function pickHeadline(aggregates: readonly MetricAggregate[], asked?: string): string {
  if (asked) {
    if (!aggregates.some((a) => a.metric === asked)) {
      const known = [...new Set(aggregates.map((a) => a.metric))];
      throw new Error(`--headline ${asked}: no such metric (have: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''})`);
    }
    return asked;
  }
  return aggregates[0]?.metric ?? '';
}

export function sweepMarkdown(input: SweepReportInput): string {
  const pct = Math.round(input.level * 100);
  const head = input.aggregates.filter((a) => a.metric === input.headline).sort((x, y) => y.mean - x.mean);
  const lines = [`# Sweep: ${input.experiment}`, '', `${input.runs.length} runs (${input.runs.filter((r) => r.reused).length} reused from the store). Headline: \`${input.headline}\`; mean ± sd across seeds, ${pct}% t interval.`, ''];
  lines.push(markdownTable(['setting', 'n', 'mean', 'sd', `${pct}% t interval`, 'seeds'], head.map((a) => [a.settingKey, String(a.n), f(a.mean), f(a.sd), `[${f(a.lo)}, ${f(a.hi)}]`, a.seeds.join(',')])));
  lines.push('', '## Every metric', '');
  lines.push(markdownTable(['metric', 'setting', 'n', 'mean', 'sd', `${pct}% t interval`], input.aggregates.map((a) => [a.metric, a.settingKey, String(a.n), f(a.mean), f(a.sd), `[${f(a.lo)}, ${f(a.hi)}]`])));
  const paired = input.paired.filter((p) => p.metric === input.headline);
  if (paired.length) {
    lines.push('', `## Paired differences across seeds (${input.headline}; B - A per common seed)`, '');
    lines.push(markdownTable(['A', 'B', 'n', 'B - A', `${pct}% t interval`, 'p'], paired.map((p) => [p.a, p.b, String(p.n), f(p.difference), `[${f(p.lo)}, ${f(p.hi)}]`, f(p.p)])));
  }
  return lines.join('\n') + '\n';
}

/** Vega-Lite: headline metric against the first swept setting, seed points, mean line, interval band. */
export function metricVsSettingSpec(input: SweepReportInput): Record<string, unknown> | undefined {
  const axis = input.axes[0];
  if (!axis) return undefined;
  const color = input.axes.length > 1 ? input.axes.slice(1) : undefined;
  const label = (s: Record<string, unknown>) => (color ? color.map((k) => `${k}=${JSON.stringify(s[k])}`).join(' ') : 'all');
  const points = input.runs.filter((r) => Number.isFinite(r.numbers[input.headline])).map((r) => ({x: r.setting[axis], series: label(r.setting), seed: r.seed, value: r.numbers[input.headline]}));
  const means = input.aggregates.filter((a) => a.metric === input.headline).map((a) => ({x: a.setting[axis], series: label(a.setting), mean: a.mean, lo: a.lo, hi: a.hi}));
  const numeric = points.every((p) => typeof p.x === 'number');
  const x = {field: 'x', type: numeric ? 'quantitative' : 'ordinal', title: axis};
  const colorEnc = {field: 'series', type: 'nominal', title: color ? color.join(', ') : 'setting'};
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `${input.headline} vs ${axis} (${input.experiment}; band = ${Math.round(input.level * 100)}% t interval over seeds)`,
    width: 360,
    height: 220,
    layer: [
      {data: {values: means}, mark: {type: 'area', opacity: 0.2}, encoding: {x, y: {field: 'lo', type: 'quantitative', title: input.headline, scale: {zero: false}}, y2: {field: 'hi'}, color: colorEnc}},
      {data: {values: means}, mark: {type: 'line', point: true}, encoding: {x, y: {field: 'mean', type: 'quantitative'}, color: colorEnc}},
      {data: {values: points}, mark: {type: 'point', opacity: 0.5, size: 20}, encoding: {x, y: {field: 'value', type: 'quantitative'}, color: colorEnc, tooltip: [{field: 'seed'}, {field: 'value'}]}},
    ],
  };
}

/** Writes the report folder atomically (staged, then renamed). */
export function writeSweepReport(dir: string, input: SweepReportInput): string {
  const staged = `${dir}.staging-${process.pid}`;
  rmSync(staged, {recursive: true, force: true});
  mkdirSync(staged, {recursive: true});
  writeFileSync(join(staged, 'README.md'), sweepMarkdown(input));
  const {aggregates, paired, runs, ...rest} = input;
  writeFileSync(join(staged, 'sweep.json'), JSON.stringify({format: 'embedlab-sweep', version: 1, ...rest, runs, aggregates, paired}, null, 2) + '\n');
  const spec = metricVsSettingSpec(input);
  if (spec) writeFileSync(join(staged, 'metric-vs-setting.vl.json'), JSON.stringify(spec, null, 2) + '\n');
  const old = `${dir}.old-${process.pid}`;
  rmSync(old, {recursive: true, force: true});
  try {
    renameSync(dir, old);
  } catch {
    // no previous report
  }
  renameSync(staged, dir);
  rmSync(old, {recursive: true, force: true});
  return dir;
}
