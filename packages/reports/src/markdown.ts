/**
 * GitHub-flavoured Markdown helpers. Cell and heading text is data (words, dataset names), so it is
 * escaped to render literally: a word like `<b>` or `a|b` must neither become markup nor split a cell.
 */
import {ArgumentError} from '@embedlab/core';
import {messages} from './messages.js';

export type Align = 'left' | 'right' | 'center';
export type Cell = string | number | null | undefined;

export interface MarkdownTableOptions {
  /** One alignment for every column, or one per column. __Default:__ right for columns whose
   * non-empty cells are all numbers (or strings that start like one, e.g. `0.635 [0.628, 0.642]`), else left. */
  align?: Align | readonly Align[];
}

/**
 * Escapes text so GitHub Markdown shows it literally, on one line: backslash-escapes Markdown
 * punctuation (`\ ` * _ ~ [ ] |`), writes `& < >` as entities and turns line breaks into spaces.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_~[\]|]/g, '\\$&')
    .replace(/\r\n|\r|\n/g, ' ');
}

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'number' ? String(cell) : cell;
}

function looksNumeric(cell: Cell): boolean {
  return typeof cell === 'number' || (typeof cell === 'string' && /^[-+−]?(\d|\.\d)/.test(cell));
}

const SEPARATOR: Record<Align, string> = {left: ':---', right: '---:', center: ':---:'};

/**
 * A GFM pipe table. Cells are escaped with `escapeMarkdown`; `null`/`undefined` give empty cells.
 * `markdownTable(['arm', 'rho'], [['glove', '0.372']])` gives
 * `| arm | rho |\n| :--- | ---: |\n| glove | 0.372 |\n`.
 */
export function markdownTable(headers: readonly string[], rows: readonly (readonly Cell[])[], options: MarkdownTableOptions = {}): string {
  const width = headers.length;
  rows.forEach((row, i) => {
    if (row.length !== width) throw new ArgumentError(messages.tableWidth(i, row.length, width));
  });
  let align: readonly Align[];
  if (typeof options.align === 'string') align = headers.map(() => options.align as Align);
  else if (options.align) {
    if (options.align.length !== width) throw new ArgumentError(messages.alignWidth(options.align.length, width));
    align = options.align;
  } else {
    align = headers.map((_, c) => {
      const filled = rows.map((r) => r[c]).filter((cell) => cellText(cell) !== '');
      return filled.length > 0 && filled.every(looksNumeric) ? 'right' : 'left';
    });
  }
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return (
    [
      line(headers.map(escapeMarkdown)),
      line(align.map((a) => SEPARATOR[a])),
      ...rows.map((row) => line(row.map((cell) => escapeMarkdown(cellText(cell))))),
    ].join('\n') + '\n'
  );
}

/** A fenced code block whose fence is longer than any backtick run inside, so content cannot close it. */
export function fencedBlock(content: string, lang = ''): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${content}${content.endsWith('\n') ? '' : '\n'}${fence}\n`;
}
