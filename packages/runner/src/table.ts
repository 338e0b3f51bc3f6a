/**
 * The tables of a run: headline numbers (one row per number, one column per arm), per-section details,
 * and the paired comparisons between arms. Each is built as header + cells, printed aligned at the end of
 * `exp run` (`formatTable`) and written as Markdown into the report.
 */
import type {MetricRow} from './metric-row.js';
import {PAIRED_TASK} from './paired.js';

export interface Cells {
  header: string[];
  body: string[][];
}

/** Align columns with spaces; first column left-aligned, the rest right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, j) => (j === 0 ? c.padEnd(widths[j] as number) : c.padStart(widths[j] as number)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

const num = (v: number) => (Number.isNaN(v) ? 'n/a' : Number.isInteger(v) && Math.abs(v) >= 10 ? String(v) : v.toFixed(4));

export function formatValue(row: Pick<MetricRow, 'value' | 'lo' | 'hi'>): string {
  if (row.lo !== undefined && row.hi !== undefined) return `${num(row.value)} [${num(row.lo)}, ${num(row.hi)}]`;
  return num(row.value);
}

/** A p-value: 4 decimals, or `<1e-4` style below that. */
export function formatP(p: number | undefined): string {
  if (p === undefined) return '-';
  if (Number.isNaN(p)) return 'n/a';
  return p >= 1e-4 ? p.toFixed(4) : `<${(10 ** Math.ceil(Math.log10(Math.max(p, 1e-300)))).toExponential(0)}`;
}

const notPaired = (r: MetricRow) => r.task !== PAIRED_TASK;

/** Headline rows (no curves, no per-section detail, no paired comparisons) as metric x arm cells. */
export function resultsCells(rows: readonly MetricRow[], arms: readonly string[]): Cells {
  return pivot(
    rows.filter((r) => !r.detail && notPaired(r)),
    arms,
  );
}

/** The per-section detail rows pivoted the same way. */
export function detailCells(rows: readonly MetricRow[], arms: readonly string[]): Cells {
  return pivot(
    rows.filter((r) => r.detail && notPaired(r)),
    arms,
  );
}

export function resultsTable(rows: readonly MetricRow[], arms: readonly string[]): string {
  const {header, body} = resultsCells(rows, arms);
  return formatTable(header, body);
}

export function detailTable(rows: readonly MetricRow[], arms: readonly string[]): string {
  const {header, body} = detailCells(rows, arms);
  return formatTable(header, body);
}

/**
 * One line per (pair, dataset): the difference A - B with its paired-bootstrap interval, McNemar's exact
 * p (analogy) and the paired-bootstrap p, over the items both arms scored.
 */
export function pairedCells(rows: readonly MetricRow[]): Cells {
  const groups = new Map<string, Map<string, MetricRow>>();
  for (const r of rows.filter((x) => x.task === PAIRED_TASK)) {
    const key = `${r.arm}\u0000${r.dataset}\u0000${r.section ?? ''}`;
    let m = groups.get(key);
    if (!m) groups.set(key, (m = new Map()));
    m.set(r.metric, r);
  }
  const body: string[][] = [];
  for (const [key, m] of groups) {
    const [pair = '', dataset = ''] = key.split('\u0000');
    const diff = m.get('accuracy-difference') ?? m.get('spearman-difference');
    if (!diff) continue;
    const what = m.has('accuracy-difference') ? 'accuracy' : 'Spearman';
    body.push([pair, dataset, what, formatValue(diff), formatP(m.get('mcnemar-p')?.value), formatP(m.get('bootstrap-p')?.value), String(diff.n ?? '-')]);
  }
  return {header: ['A vs B', 'dataset', 'metric', 'A - B [95% CI]', 'McNemar p', 'bootstrap p', 'items'], body};
}

/**
 * Language-model pairs: A - B in validation loss (nats per token; negative = A predicts better) per
 * common seed and over seeds (paired bootstrap over documents), and across seeds (Student t over the
 * per-seed differences, with its p).
 */
export function lmPairedCells(rows: readonly MetricRow[]): Cells {
  const body: string[][] = [];
  const lm = rows.filter((r) => r.task === PAIRED_TASK && (r.metric === 'loss-difference' || r.metric === 'bootstrap-p' || r.metric === 't-test-p'));
  for (const diff of lm.filter((r) => r.metric === 'loss-difference')) {
    const same = (r: MetricRow) => r.arm === diff.arm && r.dataset === diff.dataset && r.section === diff.section;
    const t = lm.find((r) => same(r) && r.metric === 't-test-p');
    const p = t ?? lm.find((r) => same(r) && r.metric === 'bootstrap-p');
    const over = t ? `${diff.n ?? '-'} seeds (t)` : `${diff.n ?? '-'} documents (bootstrap)`;
    body.push([diff.arm, diff.section ?? '', formatValue(diff), p ? `${formatP(p.value)}` : '-', over]);
  }
  return {header: ['A vs B', 'seeds', 'A - B loss, nats/token [95% CI]', 'p', 'interval over'], body};
}

export function pairedTable(rows: readonly MetricRow[]): string {
  const {header, body} = pairedCells(rows);
  const lm = lmPairedCells(rows);
  return [body.length ? formatTable(header, body) : '', lm.body.length ? formatTable(lm.header, lm.body) : ''].filter((t) => t).join('\n');
}

/** metric x arm; arms that only tasks produced (e.g. `scratch`) are appended after the config's arms. */
function pivot(rows: readonly MetricRow[], configArms: readonly string[]): Cells {
  const arms = [...configArms, ...new Set(rows.map((r) => r.arm).filter((a) => !configArms.includes(a)))];
  const byMetric = new Map<string, Map<string, MetricRow>>();
  for (const row of rows) {
    if (row.step !== undefined || row.epoch !== undefined) continue;
    const label = [row.task, row.dataset, row.section, row.metric].filter((x) => x !== undefined).join(' ');
    let cells = byMetric.get(label);
    if (!cells) byMetric.set(label, (cells = new Map()));
    cells.set(row.arm, row);
  }
  const body = [...byMetric].map(([label, cells]) => [label, ...arms.map((a) => (cells.has(a) ? formatValue(cells.get(a) as MetricRow) : '-'))]);
  return {header: ['metric', ...arms], body};
}
