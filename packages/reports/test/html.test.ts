import {expect} from 'chai';
import {markdownTable} from '../src/index.js';
import {escapeHtml, inlineScriptCode, markdownTableHtml, scriptSafeJson} from '../src/internal.js';

describe('html escaping', () => {
  it('escapes text for elements and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).to.equal('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('writes JSON that cannot close a script element and parses back to the same value', () => {
    const value = {w: '</script><script>alert(1)</script>', b: '<b>&amp;</b>', ls: 'a\u2028b\u2029c'};
    const text = scriptSafeJson(value);
    expect(text).to.not.match(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).to.deep.equal(value);
  });

  it('escapes </script in inlined code (any case) and drops source-map comments', () => {
    const code = 'var s="</script>";var t="</SCRIPT";\n//# sourceMappingURL=vega.min.js.map';
    const out = inlineScriptCode(code);
    expect(out).to.equal('var s="<\\/script>";var t="<\\/SCRIPT";\n');
    // Same meaning to JavaScript: the strings are unchanged.
    expect(new Function(`${out}; return [s, t];`)()).to.deep.equal(['</script>', '</SCRIPT']);
  });
});

describe('markdownTableHtml', () => {
  it('turns a markdownTable back into an HTML table with the original cell text', () => {
    const md = markdownTable(
      ['Word', 'rho'],
      [
        ['x|y', '0.5'],
        ['</script>', '1'],
        ['a\\|b', '2'],
        ['&amp;', '3'],
      ],
    );
    expect(markdownTableHtml(md)).to.equal(
      [
        '<table>',
        '<thead><tr><th style="text-align:left">Word</th><th style="text-align:right">rho</th></tr></thead>',
        '<tbody>',
        '<tr><td style="text-align:left">x|y</td><td style="text-align:right">0.5</td></tr>',
        '<tr><td style="text-align:left">&lt;/script&gt;</td><td style="text-align:right">1</td></tr>',
        '<tr><td style="text-align:left">a\\|b</td><td style="text-align:right">2</td></tr>',
        '<tr><td style="text-align:left">&amp;amp;</td><td style="text-align:right">3</td></tr>',
        '</tbody>',
        '</table>',
      ].join('\n'),
    );
  });

  it('shows anything that is not a table as escaped preformatted text', () => {
    expect(markdownTableHtml('just <b>text</b>')).to.equal('<pre>just &lt;b&gt;text&lt;/b&gt;</pre>');
  });
});
