/** Plain UTF-8 text files as a corpus: one document per file, per non-empty line, or per paragraph. */
import {readFile} from 'node:fs/promises';
import {basename, resolve} from 'node:path';
import {ArgumentError, ResourceError} from '@embedlab/core/data';
import type {Corpus, Document} from './document.js';
import {messages} from './messages.js';

export interface TextFilesOptions {
  /** Document unit. `line`: each non-empty line; `paragraph`: blocks separated by blank lines. __Default:__ `'file'`. */
  split?: 'file' | 'line' | 'paragraph';
  /** Corpus name recorded in provenance. __Default:__ `'text-files'`. */
  name?: string;
}

/** Stream text files; ids are `<file name>` or `<file name>:<1-based line of the unit's start>`. */
export function textFilesCorpus(paths: readonly string[], options: TextFilesOptions = {}): Corpus {
  const split = options.split ?? 'file';
  if (!['file', 'line', 'paragraph'].includes(split)) throw new ArgumentError(messages.badSplitMode(split));
  const files = paths.map((p) => resolve(p));
  return {
    provenance: {corpus: options.name ?? 'text-files', source: files.join(', '), options: {split}},
    async *[Symbol.asyncIterator](): AsyncIterator<Document> {
      for (const file of files) {
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch (error) {
          throw new ResourceError(`${file}: cannot read text file (${(error as Error).message})`);
        }
        const name = basename(file);
        if (split === 'file') {
          yield {id: name, text};
          continue;
        }
        const lines = text.split(/\r?\n/);
        let start = -1;
        let buffer: string[] = [];
        for (let i = 0; i <= lines.length; i++) {
          const line = lines[i];
          const blank = line === undefined || line.trim() === '';
          if (split === 'line') {
            if (!blank) yield {id: `${name}:${i + 1}`, text: line as string};
            continue;
          }
          if (!blank) {
            if (start < 0) start = i;
            buffer.push(line as string);
          } else if (start >= 0) {
            yield {id: `${name}:${start + 1}`, text: buffer.join('\n')};
            start = -1;
            buffer = [];
          }
        }
      }
    },
  };
}
