/**
 * The table printed at the end of `exp run`: one row per headline number, one column per arm.
 */
import type {MetricRow} from './metric-row.js';

/** Align columns with spaces; first column left-aligned, the rest right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, j) => (j === 0 ? c.padEnd(widths[j] as number) : c.padStart(widths[j] as number))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

export function formatValue(row: Pick<MetricRow, 'value' | 'lo' | 'hi'>): string {
  const f = (v: number) => (Number.isNaN(v) ? 'n/a' : Number.isInteger(v) && Math.abs(v) >= 10 ? String(v) : v.toFixed(4));
  if (row.lo !== undefined && row.hi !== undefined) return `${f(row.value)} [${f(row.lo)}, ${f(row.hi)}]`;
  return f(row.value);
}

/** Headline rows (no curves, no per-section detail) pivoted to metric x arm. */
export function resultsTable(rows: readonly MetricRow[], arms: readonly string[]): string {
  return pivot(rows.filter((r) => !r.detail), arms);
}

/** The per-section detail rows pivoted the same way. */
export function detailTable(rows: readonly MetricRow[], arms: readonly string[]): string {
  return pivot(rows.filter((r) => r.detail), arms);
}

/** metric x arm; arms that only tasks produced (e.g. `scratch`) are appended after the config's arms. */
function pivot(rows: readonly MetricRow[], configArms: readonly string[]): string {
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
  return formatTable(['metric', ...arms], body);
}
