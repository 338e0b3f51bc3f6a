/**
 * @embedlab/corpora: the text corpora shipped in npm packages (State of the Union addresses, Moby-Dick,
 * SpamAssassin, WordNet glosses) and plain text files, as documents with provenance; one tokenizer;
 * seeded train/test splits. No tfjs.
 */
export type {Document, CorpusProvenance, Corpus} from './document.js';
export {TOKEN_PATTERN, normalizeText, tokenize} from './tokenizer.js';
export {packageInfo, type PackageInfo} from './package-data.js';
export {sotuCorpus} from './sotu.js';
export {mobyDickCorpus} from './moby-dick.js';
export {spamAssassinCorpus, type SpamAssassinOptions} from './spam-assassin.js';
export {wordnetGlossCorpus, wordnetLexicon, type LexiconOptions, type Synset} from './wordnet.js';
export {textFilesCorpus, type TextFilesOptions} from './text-files.js';
export {trainTestSplit, collect, type SplitOptions, type Split} from './split.js';
export {CORPUS_NAMES, type CorpusName, openCorpus, concatCorpora} from './registry.js';
/** @internal The package's message builders (tests match error texts against them). */
export {messages} from './messages.js';
