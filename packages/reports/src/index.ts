/**
 * @embedlab/reports: pure Vega-Lite spec builders over result rows, Node SVG rendering, and offline
 * HTML + Markdown reports written atomically.
 */
export {messages} from './messages.js';
export * from './specs/common.js';
export * from './specs/interval-bars.js';
export * from './specs/analogy-heatmap.js';
export * from './specs/similarity-scatter.js';
export * from './specs/training-curves.js';
export * from './specs/seed-bands.js';
export * from './specs/layer-lines.js';
export * from './specs/drift-histogram.js';
export * from './specs/pca-map.js';
export * from './pca.js';
export * from './histogram.js';
export * from './render-svg.js';
export * from './format.js';
export * from './markdown.js';
export * from './html.js';
export * from './vendor-scripts.js';
export * from './report-content.js';
export * from './write-report.js';
