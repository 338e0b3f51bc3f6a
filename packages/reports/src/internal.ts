/**
 * @embedlab/reports/internal: page helpers shared with the runner's explorer page and the tests (HTML
 * escaping, JSON safe inside <script>, the inlined vendor scripts, Markdown pieces, histogram bins). No
 * stability promise.
 */
export {escapeHtml, scriptSafeJson, inlineScriptCode, markdownTableHtml} from './html.js';
export {vendorScripts, type VendorScript} from './vendor-scripts.js';
export {escapeMarkdown, fencedBlock} from './markdown.js';
export {histogramBins, median, type HistogramBin} from './histogram.js';
export {VEGA_LITE_SCHEMA, BASE_CONFIG, titleBlock} from './specs/common.js';
export {similarityPanelLabel} from './specs/similarity-scatter.js';
// Also here so that code which computes map rows without drawing (the runner's run loop) need not load vega.
export {pcaMapRows, type WordGroup} from './specs/pca-map.js';
