/** Corpora by name, for configs and the CLI; plus concatenation. */
import type {Corpus, Document} from './document.js';
import {messages} from './messages.js';
import {ConfigError} from '@embedlab/core/data';
import {mobyDickCorpus} from './moby-dick.js';
import {sotuCorpus} from './sotu.js';
import {spamAssassinCorpus} from './spam-assassin.js';
import {wordnetGlossCorpus} from './wordnet.js';

export const CORPUS_NAMES = ['sotu', 'moby-dick', 'spam-assassin', 'wordnet-glosses'] as const;
export type CorpusName = (typeof CORPUS_NAMES)[number];

/** Open a packaged corpus by name (SpamAssassin as bodies). `configPath` names the config field in errors. */
export function openCorpus(name: string, configPath = 'corpus'): Corpus {
  switch (name) {
    case 'sotu':
      return sotuCorpus();
    case 'moby-dick':
      return mobyDickCorpus();
    case 'spam-assassin':
      return spamAssassinCorpus();
    case 'wordnet-glosses':
      return wordnetGlossCorpus();
    default:
      throw new ConfigError(configPath, messages.unknownCorpus(name, CORPUS_NAMES));
  }
}

/** Several corpora one after another; document ids are prefixed `<corpus>/` and provenance lists each part. */
export function concatCorpora(parts: readonly Corpus[]): Corpus & {parts: readonly Corpus[]} {
  return {
    parts,
    provenance: {corpus: parts.map((p) => p.provenance.corpus).join('+'), source: 'concatenation', options: {parts: parts.map((p) => p.provenance)}},
    async *[Symbol.asyncIterator](): AsyncIterator<Document> {
      for (const part of parts) {
        for await (const d of part) yield {...d, id: `${part.provenance.corpus}/${d.id}`};
      }
    },
  };
}
