/**
 * The sweep report, through @embedlab/reports' `writeReport` like the experiment reports: `index.html`
 * (offline, vendored vega inlined), one SVG + Vega-Lite spec per swept setting (the headline metric against
 * that setting: a point per seed, the mean line and a t-interval band over seeds; colour = the other swept
 * settings), README.md (the headline table sorted by mean, every metric, paired differences), report.json,
 * and sweep.json (every run id and number: `exp sweep-report <sweep.json>` re-renders from it alone).
 * Where the runs carry item-bootstrap intervals (`<metric>:lo`/`:hi`), the tables show their mean next to
 * the seed interval, so training variance and item sampling can be compared.
 */
import {existsSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {ConfigError} from '@embedlab/core';
import {markdownTable, writeReport, type ReportChart, type ReportTable} from '@embedlab/reports';
import type {TopLevelSpec} from '../report-charts.js';
import type {MetricAggregate, PairedAggregate, SweepRunResult} from './aggregate.js';

export interface SweepReportInput {
  experiment: string;
  headline: string;
  level: number;
  axes: string[];
  runs: (SweepRunResult & {id: string; reused: boolean})[];
  aggregates: MetricAggregate[];
  paired: PairedAggregate[];
  sweepId?: string;
  /** Code/dataset/backend identity the runs share (from the plan). */
  inputs?: unknown;
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

/** Mean over a setting's runs of their item-bootstrap interval ends, when every run has them. */
export function itemInterval(input: Pick<SweepReportInput, 'runs'>, a: MetricAggregate): {lo: number; hi: number} | undefined {
  const runs = input.runs.filter((r) => r.settingKey === a.settingKey && Number.isFinite(r.numbers[a.metric]));
  const lo = runs.map((r) => r.numbers[`${a.metric}:lo`]);
  const hi = runs.map((r) => r.numbers[`${a.metric}:hi`]);
  if (!runs.length || !lo.every((v) => Number.isFinite(v)) || !hi.every((v) => Number.isFinite(v))) return undefined;
  const mean = (xs: (number | undefined)[]) => xs.reduce((s: number, v) => s + (v as number), 0) / xs.length;
  return {lo: mean(lo), hi: mean(hi)};
}

function tables(input: SweepReportInput): ReportTable[] {
  const pct = Math.round(input.level * 100);
  const head = input.aggregates.filter((a) => a.metric === input.headline).sort((x, y) => y.mean - x.mean);
  const item = (a: MetricAggregate) => {
    const i = itemInterval(input, a);
    return i ? `[${f(i.lo)}, ${f(i.hi)}]` : '';
  };
  const out: ReportTable[] = [
    {
      title: `${input.headline} by setting, sorted by mean (mean ± sd across seeds; ${pct}% t interval over seeds; item bootstrap = mean of the runs' own ${pct}% intervals over items)`,
      markdown: markdownTable(
        ['setting', 'n', 'mean', 'sd', `${pct}% t interval (seeds)`, 'item bootstrap', 'seeds'],
        head.map((a) => [a.settingKey, String(a.n), f(a.mean), f(a.sd), `[${f(a.lo)}, ${f(a.hi)}]`, item(a), a.seeds.join(',')]),
      ),
    },
  ];
  const paired = input.paired.filter((p) => p.metric === input.headline);
  if (paired.length) {
    out.push({
      title: `Paired differences across seeds (${input.headline}; B - A per common seed, ${pct}% t interval, two-sided p)`,
      markdown: markdownTable(
        ['A', 'B', 'n', 'B - A', `${pct}% t interval`, 'p'],
        paired.map((p) => [p.a, p.b, String(p.n), f(p.difference), `[${f(p.lo)}, ${f(p.hi)}]`, f(p.p)]),
      ),
    });
  }
  out.push({
    title: 'Every metric (per setting: n seeds, mean, sd, t interval over seeds, mean item-bootstrap interval where the runs have one)',
    markdown: markdownTable(
      ['metric', 'setting', 'n', 'mean', 'sd', `${pct}% t interval`, 'item bootstrap'],
      input.aggregates.map((a) => [a.metric, a.settingKey, String(a.n), f(a.mean), f(a.sd), `[${f(a.lo)}, ${f(a.hi)}]`, item(a)]),
    ),
  });
  out.push({
    title: 'Runs (store ids; `exp sweep` reuses them while code, config, data and backend are unchanged)',
    markdown: markdownTable(
      ['id', 'setting', 'seed', input.headline],
      input.runs.map((r) => [r.id, r.settingKey, String(r.seed), f(r.numbers[input.headline] ?? NaN)]),
      {align: 'left'},
    ),
  });
  return out;
}

const chartId = (axis: string) => `vs-${axis.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'setting'}`;

/**
 * Vega-Lite: the headline metric against one swept setting (`axis`; without a grid, against the setting
 * label): a point per seed, mean line, t-interval band over seeds; colour = the other swept settings.
 */
export function metricVsSettingSpec(input: SweepReportInput, axis = input.axes[0]): TopLevelSpec {
  const others = axis === undefined ? [] : input.axes.filter((a) => a !== axis);
  const xOf = (s: Record<string, unknown>, key: string) => (axis === undefined ? key : s[axis]);
  const label = (s: Record<string, unknown>) => (others.length ? others.map((k) => JSON.stringify(s[k])).join(', ') : 'all'); // the legend title names the paths
  const points = input.runs
    .filter((r) => Number.isFinite(r.numbers[input.headline]))
    .map((r) => ({x: xOf(r.setting, r.settingKey), series: label(r.setting), seed: r.seed, value: r.numbers[input.headline]}));
  const means = input.aggregates
    .filter((a) => a.metric === input.headline)
    .map((a) => ({x: xOf(a.setting, a.settingKey), series: label(a.setting), mean: a.mean, lo: a.lo, hi: a.hi, n: a.n}));
  const numeric = axis !== undefined && points.every((p) => typeof p.x === 'number');
  const x = {field: 'x', type: numeric ? 'quantitative' : 'ordinal', title: axis ?? 'setting', ...(numeric ? {scale: {zero: false}} : {})};
  const colorEnc = {field: 'series', type: 'nominal', title: others.length ? others.join(', ') : 'setting'};
  const pct = Math.round(input.level * 100);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: `${input.headline} vs ${axis ?? 'setting'}`,
      subtitle: `${input.experiment}: a point per seed, line = mean, band = ${pct}% t interval over seeds`,
      anchor: 'start',
    },
    width: 420,
    height: 240,
    config: {background: 'white'},
    layer: [
      {
        data: {values: means},
        mark: numeric ? {type: 'area', opacity: 0.2} : {type: 'rule', strokeWidth: 6, opacity: 0.3},
        encoding: {x, y: {field: 'lo', type: 'quantitative', title: input.headline, scale: {zero: false}}, y2: {field: 'hi'}, color: colorEnc},
      },
      {
        data: {values: means},
        mark: {type: numeric ? 'line' : 'tick', ...(numeric ? {point: true} : {})},
        encoding: {
          x,
          y: {field: 'mean', type: 'quantitative'},
          color: colorEnc,
          tooltip: [{field: 'series'}, {field: 'mean', format: '.4f'}, {field: 'lo', format: '.4f'}, {field: 'hi', format: '.4f'}, {field: 'n'}],
        },
      },
      {
        data: {values: points},
        mark: {type: 'point', opacity: 0.7, size: 30},
        encoding: {x, y: {field: 'value', type: 'quantitative'}, color: colorEnc, tooltip: [{field: 'seed'}, {field: 'value', format: '.4f'}]},
      },
    ],
  } as unknown as TopLevelSpec;
}

export function sweepJson(input: SweepReportInput): Record<string, unknown> {
  const {aggregates, paired, runs, ...rest} = input;
  return {format: 'embedlab-sweep', version: 2, ...rest, runs, aggregates, paired};
}

/** Older sweep folders (README.md, sweep.json, *.vl.json without report.json) may be replaced. */
function clearOldSweepFolder(dir: string): void {
  if (!existsSync(dir) || existsSync(join(dir, 'report.json'))) return;
  const files = readdirSync(dir);
  if (files.includes('sweep.json') && files.every((f) => /^(README\.md|sweep\.json|[A-Za-z0-9-]+\.vl\.json)$/.test(f)))
    rmSync(dir, {recursive: true, force: true});
}

/** Writes the report folder (all or nothing, see @embedlab/reports writeReport). */
export async function writeSweepReport(
  dir: string,
  input: SweepReportInput,
  options: {render?: (spec: TopLevelSpec) => Promise<string>} = {},
): Promise<string> {
  clearOldSweepFolder(dir);
  const axes = input.axes.length ? input.axes : [undefined];
  const charts: ReportChart[] = axes.map((axis) => ({
    id: chartId(axis ?? 'setting'),
    title: `${input.headline} against ${axis ?? 'the setting'} (seed bands)`,
    spec: metricVsSettingSpec(input, axis),
    caption: `One point per training seed; the line joins the means and the band is the ${Math.round(input.level * 100)}% Student-t interval of the mean over seeds.`,
  }));
  const seeds = [...new Set(input.runs.map((r) => r.seed))].sort((a, b) => a - b);
  await writeReport(
    dir,
    {
      title: `Sweep: ${input.experiment}`,
      subtitle: `${input.runs.length} runs over ${input.axes.length ? input.axes.join(' x ') : 'seeds only'}; seeds ${seeds.join(',')}; headline ${input.headline}. Every number is in sweep.json; re-render with pnpm exp sweep-report DIR/sweep.json --out DIR (DIR = this folder).`,
      charts,
      tables: tables(input),
      meta: {
        ...(input.sweepId ? {runId: input.sweepId} : {}),
        experiment: input.experiment,
        headline: input.headline,
        swept: input.axes.join(', ') || '(seeds only)',
        seeds: seeds.join(','),
        ...(input.inputs ? {identity: input.inputs} : {}),
      },
    },
    {extraFiles: {'sweep.json': JSON.stringify(sweepJson(input), null, 2) + '\n'}, ...(options.render ? {render: options.render} : {})},
  );
  return dir;
}

/** Reads a sweep.json written by `writeSweepReport` (for `exp sweep-report`). */
export function readSweepJson(file: string): SweepReportInput {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError('', `${file}: not a readable sweep.json (${(error as Error).message})`);
  }
  if (data.format !== 'embedlab-sweep') throw new ConfigError('', `${file}: format is ${JSON.stringify(data.format)}, expected "embedlab-sweep"`);
  return data as unknown as SweepReportInput;
}

/**
 * A sweep's runs straight from a run store: every complete run of `experiment` (setting and seed from its
 * identity.json). Two runs of one setting and seed (made at different code versions) keep the one that
 * finished first (meta.json endedAt); the others are returned as `skipped`, so the choice is visible.
 */
export function runsFromStore(
  store: {
    dir: string;
    list(): string[];
    read(id: string): {
      summary: {numbers: Record<string, number>};
      identity: {experiment: string; setting: Record<string, unknown>; settingKey: string; seed: number};
    };
  },
  experiment: string,
): {runs: SweepReportInput['runs']; skipped: string[]} {
  const found = store
    .list()
    .map((id) => ({id, run: store.read(id)}))
    .filter((x) => x.run.identity.experiment === experiment)
    .map(({id, run}) => {
      const meta = JSON.parse(readFileSync(join(store.dir, id, 'meta.json'), 'utf8')) as {endedAt?: string};
      return {
        id,
        ended: meta.endedAt ?? '',
        settingKey: run.identity.settingKey,
        setting: run.identity.setting,
        seed: run.identity.seed,
        numbers: run.summary.numbers,
      };
    })
    .sort((a, b) => (a.ended < b.ended ? -1 : a.ended > b.ended ? 1 : a.id < b.id ? -1 : 1));
  const kept = new Map<string, (typeof found)[number]>();
  const skipped: string[] = [];
  for (const r of found) {
    const key = `${r.settingKey}\u0000${r.seed}`;
    if (kept.has(key)) skipped.push(r.id);
    else kept.set(key, r);
  }
  const runs = [...kept.values()]
    .sort((a, b) => (a.settingKey < b.settingKey ? -1 : a.settingKey > b.settingKey ? 1 : a.seed - b.seed))
    .map(({id, settingKey, setting, seed, numbers}) => ({id, reused: true, settingKey, setting, seed, numbers}));
  return {runs, skipped};
}
