/** The unit every corpus reader yields. */
export interface Document {
  /** Stable id inside its corpus (a file stem, a synset id, `file:line`). */
  id: string;
  /** Raw text, untokenized. */
  text: string;
  /** Class label for labelled corpora (SpamAssassin: `'spam'` or `'ham'`). */
  label?: string;
  /** Extra fields the source carries (year, president, chapter title, ...). */
  meta?: Record<string, string | number>;
}

/** Where a corpus came from: recorded next to every vocabulary or vector set built from it. */
export interface CorpusProvenance {
  /** Corpus name as embedlab calls it (`sotu`, `spam-assassin`, ...). */
  corpus: string;
  /** npm package that ships the data, and its installed version; absent for plain files. */
  package?: string;
  version?: string;
  /** Files or folder read. */
  source: string;
  /** Options that change the text (e.g. `bodies: true`). */
  options?: Record<string, unknown>;
}

/** A streamable corpus: documents plus provenance. Iterate it with `for await`. */
export interface Corpus extends AsyncIterable<Document> {
  readonly provenance: CorpusProvenance;
}
