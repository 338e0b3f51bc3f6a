import {expect} from 'chai';
import type {TopLevelSpec} from 'vega-lite';
import {compileSpec, renderSvg} from '../src/index.js';
import {svgTexts} from './util.js';

const bars: TopLevelSpec = {
  title: 'Tiny bars',
  data: {
    values: [
      {k: 'a', v: 1},
      {k: 'b', v: 3},
    ],
  },
  mark: 'bar',
  encoding: {x: {field: 'k', type: 'nominal', title: 'Key'}, y: {field: 'v', type: 'quantitative', title: 'Value'}},
};

describe('renderSvg', () => {
  it('renders a spec to an SVG with its title, axis titles and labels', async () => {
    const svg = await renderSvg(bars);
    expect(svg).to.match(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgTexts(svg)).to.include.members(['Tiny bars', 'Key', 'Value', 'a', 'b']);
    // Two bars, drawn as paths inside the bar mark group.
    const group = /<g class="mark-rect role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/.exec(svg);
    expect(group, 'bar mark group').to.not.equal(null);
    expect(group![1]!.match(/<path /g)).to.have.length(2);
  });

  it('gives the same bytes for the same spec, even after rendering other charts (clip ids reset)', async () => {
    const clipped: TopLevelSpec = {...bars, mark: {type: 'bar', clip: true}};
    const first = await renderSvg(clipped);
    await renderSvg(bars);
    await renderSvg(clipped);
    expect(first).to.include('clip-path');
    expect(await renderSvg(clipped)).to.equal(first);
  });

  it('leaves the spec untouched (Vega would tag the data objects)', async () => {
    const spec = structuredClone(bars);
    await renderSvg(spec);
    const values = (spec as {data: {values: object[]}}).data.values;
    expect(values.map((v) => Object.getOwnPropertySymbols(v).length)).to.deep.equal([0, 0]);
    expect(spec).to.deep.equal(bars);
  });

  it('reports Vega-Lite warnings to onWarning and from compileSpec', async () => {
    const odd = {...bars, encoding: {...bars.encoding, shape: {field: 'k', type: 'nominal'}}} as TopLevelSpec;
    const warnings: string[] = [];
    await renderSvg(odd, {onWarning: (w) => warnings.push(w)});
    expect(warnings.join('\n')).to.include('shape');
    expect(compileSpec(odd).warnings).to.deep.equal(warnings);
    expect(compileSpec(bars).warnings).to.deep.equal([]);
  });

  it('rejects an invalid spec', async () => {
    let error: unknown;
    try {
      await renderSvg({data: {values: []}, mark: 'no-such-mark'} as unknown as TopLevelSpec);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(Error);
  });
});
