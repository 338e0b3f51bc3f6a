/**
 * @embedlab/reports: experiment reports as Vega-Lite charts (SVG rendered in Node, offline HTML with the
 * vendor scripts inlined) and Markdown tables.
 *
 * - Chart specs: `intervalBarsSpec`, `analogyHeatmapSpec`, `similarityScatterSpec`, `trainingCurvesSpec`,
 *   `seedBandsSpec`, `layerLinesSpec`, `driftHistogramSpec`, `pcaMapSpec` (+ `pcaMapRows`, `pca2d`).
 * - Rendering: `renderSvg(spec)`, `compileSpec`; `writeReport(dir, report)` writes index.html, README.md,
 *   report.json and one .svg + .vl.json per chart, atomically; `buildReportFiles` returns them instead.
 * - Tables and numbers: `markdownTable`, `formatFixed`, `formatInterval`, `formatPercent`.
 *
 * HTML escaping, inlined vendor scripts and other page helpers are on `@embedlab/reports/internal`.
 */
export type {ChartOptions} from './specs/common.js';
export {intervalBarsSpec, type IntervalRow, type IntervalBarsOptions} from './specs/interval-bars.js';
export {analogyHeatmapSpec, type AnalogySectionRow} from './specs/analogy-heatmap.js';
export {similarityScatterSpec, type SimilarityPairRow, type SimilarityScatterOptions} from './specs/similarity-scatter.js';
export {trainingCurvesSpec, type TrainingCurveRow, type TrainingCurvesOptions} from './specs/training-curves.js';
export {seedBandsSpec, seedBandRows, type SeedCurveRow, type SeedBandsOptions} from './specs/seed-bands.js';
export {layerLinesSpec, type LayerPointRow, type LayerRuleRow, type LayerLinesOptions} from './specs/layer-lines.js';
export {driftHistogramSpec, type DriftRow, type DriftHistogramOptions} from './specs/drift-histogram.js';
export {
  pcaMapRows,
  pcaMapSpec,
  type PcaPointRow,
  type WordGroup,
  type VectorLookup,
  type PcaMapRowsOptions,
  type PcaMapRows,
  type PcaMapOptions,
} from './specs/pca-map.js';
export {pca2d, type Pca2d, type PcaOptions} from './pca.js';
export {renderSvg, compileSpec, type CompiledSpec, type RenderOptions} from './render-svg.js';
export {formatFixed, formatInterval, formatPercent} from './format.js';
export {markdownTable, type Align, type Cell, type MarkdownTableOptions} from './markdown.js';
export {
  buildReportFiles,
  REPORT_MANIFEST,
  type ReportChart,
  type ReportTable,
  type ReportMeta,
  type ReportInput,
  type ReportBuildOptions,
} from './report-content.js';
export {writeReport, type WrittenReport} from './write-report.js';
/** @internal The package's message builders (tests match error texts against them). */
export {messages} from './messages.js';
