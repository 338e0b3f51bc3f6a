/**
 * Escaping for the offline HTML page. Three contexts, three rules:
 * - text and attributes: `escapeHtml` (& < > " ');
 * - JSON data inside <script>: `scriptSafeJson` writes < > & U+2028 U+2029 as \u escapes, so no string in
 *   the data (a word like `</script>`) can end the script element; JSON.parse restores them;
 * - vendored library code inside <script>: `inlineScriptCode` turns `</script` into `<\/script`, which
 *   means the same to JavaScript inside strings, templates and regexes.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c]!);
}

/** JSON text safe to place inside a `<script type="application/json">` element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Library code safe to inline in a `<script>` element; drops source-map comments (the maps are not shipped). */
export function inlineScriptCode(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/^\/\/# sourceMappingURL=.*$/gm, '');
}

const ENTITY = /^&(?:[A-Za-z][A-Za-z0-9]*|#\d+|#x[0-9A-Fa-f]+);/;

/** One Markdown table cell's inline text as HTML: backslash escapes and entities resolved, nothing else. */
function cellHtml(cell: string): string {
  let out = '';
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]!;
    if (c === '\\' && i + 1 < cell.length && /[!-/:-@[-`{-~]/.test(cell[i + 1]!)) {
      out += escapeHtml(cell[++i]!);
    } else if (c === '&') {
      const entity = ENTITY.exec(cell.slice(i));
      if (entity) {
        out += entity[0];
        i += entity[0].length - 1;
      } else out += '&amp;';
    } else out += escapeHtml(c);
  }
  return out.trim();
}

/** Splits a table line on pipes that are not backslash-escaped, dropping the outer pipes. */
function splitRow(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let afterPipe = false; // only whitespace since the last unescaped pipe
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) {
      current += c + line[++i]!;
      afterPipe = false;
    } else if (c === '|') {
      cells.push(current);
      current = '';
      afterPipe = true;
    } else {
      current += c;
      if (c.trim() !== '') afterPipe = false;
    }
  }
  if (!afterPipe) cells.push(current);
  if (line.trimStart().startsWith('|')) cells.shift();
  return cells;
}

const SEPARATOR_CELL = /^\s*(:?)-+(:?)\s*$/;

/**
 * A GFM pipe table (as `markdownTable` writes) as an HTML table. Anything that is not a single table
 * comes back as an escaped `<pre>` block, so the text is still shown, just not laid out.
 */
export function markdownTableHtml(markdown: string): string {
  const lines = markdown.split(/\r?\n/).filter((l) => l.trim() !== '');
  const fallback = `<pre>${escapeHtml(markdown)}</pre>`;
  if (lines.length < 2 || !lines.every((l) => l.trim().startsWith('|'))) return fallback;
  const header = splitRow(lines[0]!);
  const separator = splitRow(lines[1]!);
  if (separator.length !== header.length || !separator.every((c) => SEPARATOR_CELL.test(c))) return fallback;
  const aligns = separator.map((c) => {
    const m = SEPARATOR_CELL.exec(c)!;
    return m[1] && m[2] ? 'center' : m[2] ? 'right' : m[1] ? 'left' : '';
  });
  const cell = (tag: 'th' | 'td', text: string, i: number) => `<${tag}${aligns[i] ? ` style="text-align:${aligns[i]}"` : ''}>${cellHtml(text)}</${tag}>`;
  const body = lines.slice(2).map((l) => {
    const cells = splitRow(l);
    return `<tr>${header.map((_, i) => cell('td', cells[i] ?? '', i)).join('')}</tr>`;
  });
  return `<table>\n<thead><tr>${header.map((h, i) => cell('th', h, i)).join('')}</tr></thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}
