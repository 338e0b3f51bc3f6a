/** Pieces every spec builder shares: schema URL, title block, options common to all charts. */
import type {TopLevelSpec} from 'vega-lite';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Options every spec builder accepts. */
export interface ChartOptions {
  /** Chart title. __Default:__ a title naming what the chart shows. */
  title?: string;
  /** Second title line (e.g. the run id or protocol). */
  subtitle?: string;
}

/** The `title` property of a spec: plain text, or text plus subtitle. */
export function titleBlock(title: string, subtitle?: string): TopLevelSpec['title'] {
  return subtitle ? {text: title, subtitle, anchor: 'start'} : {text: title, anchor: 'start'};
}

/** Shared config: a white background so rendered SVGs read well on dark GitHub themes too. */
export const BASE_CONFIG = {
  background: 'white',
  axis: {labelFontSize: 11, titleFontSize: 12},
  legend: {labelFontSize: 11, titleFontSize: 12},
  header: {labelFontSize: 12, titleFontSize: 12},
} as const;
