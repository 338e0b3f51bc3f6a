/** Helpers shared by the reports tests. */
import {expect} from 'chai';
import type {TopLevelSpec} from 'vega-lite';
import {compileSpec, renderSvg} from '../src/index.js';

/** A spec as plain JSON, so tests can walk it without fighting the TopLevelSpec union. */
// biome-ignore lint/suspicious/noExplicitAny: test helper over any spec shape
export function json(spec: TopLevelSpec): any {
  return JSON.parse(JSON.stringify(spec));
}

/** Decodes the few entities Vega's SVG writer emits. */
function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Text content of every `<text>` element in an SVG string. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) => decode(m[1]!.replace(/<[^>]+>/g, '')));
}

/** Compiles without warnings and renders to an SVG whose texts include every label in `labels`. */
export async function expectRendersWith(spec: TopLevelSpec, labels: readonly string[]): Promise<string> {
  expect(compileSpec(spec).warnings, 'Vega-Lite warnings').to.deep.equal([]);
  const warnings: string[] = [];
  const svg = await renderSvg(spec, {onWarning: (w) => warnings.push(w)});
  expect(warnings, 'render warnings').to.deep.equal([]);
  expect(svg.startsWith('<svg')).to.equal(true);
  const texts = svgTexts(svg);
  for (const label of labels) expect(texts, `SVG text labels should include ${JSON.stringify(label)}`).to.include(label);
  return svg;
}
