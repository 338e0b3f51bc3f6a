import {expect} from 'chai';
import {vendorScripts} from '../src/internal.js';
import pkg from '../package.json' with {type: 'json'};

describe('vendorScripts', () => {
  it('reads the vega, vega-lite and vega-embed UMD builds in load order, at the pinned versions', () => {
    const scripts = vendorScripts();
    expect(scripts.map((s) => s.name)).to.deep.equal(['vega', 'vega-lite', 'vega-embed']);
    for (const s of scripts) {
      expect(s.version).to.equal((pkg.dependencies as Record<string, string>)[s.name]);
      expect(s.code.length).to.be.greaterThan(50_000);
    }
    // UMD builds define the globals the page uses.
    expect(scripts[0]!.code).to.match(/\.vega\s*=|vega=|"vega"/);
    expect(scripts[2]!.code).to.include('vegaEmbed');
  });
});
