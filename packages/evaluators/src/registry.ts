/**
 * The benchmark registry: one entry per dataset id with its files (paths relative to a data directory laid
 * out like ../shared/datasets), checksums where known, canonical URL, citation, format and score scale.
 */
import {ArgumentError} from '@embedlab/core';
import {KNOWN_FILES, type KnownFile} from './known-files.js';
import {messages} from './messages.js';

/** How to read a similarity file: separator, header lines to drop, 0-based columns of w1, w2 and score. */
export interface SimilarityFormat {
  kind: 'similarity';
  /** `'whitespace'` splits on runs of spaces/tabs; `'auto'` picks tab, then comma, then whitespace per line. */
  separator: '\t' | ',' | ' ' | 'whitespace' | 'auto';
  header: number;
  columns: [number, number, number];
}

export type DatasetFormat = {kind: 'google-analogy'} | {kind: 'msr-analogy'} | {kind: 'bats'} | SimilarityFormat;

export interface DatasetFile {
  path: string;
  sha256?: string;
  bytes?: number;
  /** A direct download of exactly this file (a pinned mirror), used only when sha256 is known. */
  mirror?: string;
  stripFinalNewline?: boolean;
}

/**
 * Another known copy of a dataset: its own files (one per file of the entry, in the same roles) read with
 * its own layout, giving the same pairs. Used when the entry's own files are absent; never downloaded.
 */
export interface DatasetAlternative {
  /** Where this copy comes from and how it is laid out; `exp datasets` shows it when this copy is found. */
  label: string;
  files: DatasetFile[];
  format: DatasetFormat;
}

export interface DatasetEntry {
  id: string;
  task: 'analogy' | 'similarity';
  title: string;
  files: DatasetFile[];
  canonicalUrl: string;
  citation: string;
  format: DatasetFormat;
  /** 1-based column of the gold score (similarity sets). */
  scoreColumn?: number;
  scoreRange?: [number, number];
  /** Published item count (questions or pairs). */
  items?: number;
  notes?: string;
  /** Other known copies (file names and layouts) of the same data, tried in order when `files` are absent. */
  alternatives?: DatasetAlternative[];
}

function known(path: string): DatasetFile {
  const f = KNOWN_FILES.find((k: KnownFile) => k.path === path);
  if (!f) throw new Error(`internal: ${path} is not in KNOWN_FILES`);
  return {...f};
}

const tab3: SimilarityFormat = {kind: 'similarity', separator: '\t', header: 0, columns: [0, 1, 2]};

/**
 * The wordvectors.org copy (Faruqui & Dyer's eval-word-vectors, data/word-sim/EN-*.txt) of a similarity set:
 * `word1 word2 score`, tab-separated (copies with CRLF or spaces exist too, so any whitespace separates),
 * no header; the same pairs as the original file. Put it in the dataset's folder under its own name.
 */
const wordvectorsOrg = (path: string): DatasetAlternative => ({
  label: 'wordvectors.org copy, word1 word2 score',
  files: [{path}],
  format: {kind: 'similarity', separator: 'whitespace', header: 0, columns: [0, 1, 2]},
});
const WS353_CITATION =
  'Finkelstein, Gabrilovich, Matias, Rivlin, Solan, Wolfman & Ruppin (2002). Placing Search in Context: The Concept Revisited. ACM TOIS 20(1):116-131.';
const AGIRRE =
  'Agirre, Alfonseca, Hall, Kravalova, Pasca & Soroa (2009). A Study on Similarity and Relatedness Using Distributional and WordNet-based Approaches. NAACL-HLT 2009, pp. 19-27.';
const WS353_URL = 'http://www.cs.technion.ac.il/~gabr/resources/data/wordsim353/wordsim353.zip';

const ENTRIES: DatasetEntry[] = [
  {
    id: 'google-analogy',
    task: 'analogy',
    title: 'Google analogy (questions-words.txt)',
    files: [known('google-analogy/questions-words.txt')],
    canonicalUrl: 'http://download.tensorflow.org/data/questions-words.txt',
    citation: 'Mikolov, Chen, Corrado & Dean (2013). Efficient Estimation of Word Representations in Vector Space. ICLR 2013 Workshop (arXiv:1301.3781).',
    format: {kind: 'google-analogy'},
    items: 19544,
    notes: '14 sections, the first 5 semantic; 171 repeated questions (kept).',
  },
  {
    id: 'msr-analogy',
    task: 'analogy',
    title: 'MSR syntactic analogies',
    files: [{path: 'msr-analogy/word_relationship.questions'}, {path: 'msr-analogy/word_relationship.answers'}],
    canonicalUrl:
      'http://research.microsoft.com/en-us/um/people/gzweig/Pubs/myz_naacl13_test_set.tgz (members test_set/word_relationship.questions and .answers)',
    citation: 'Mikolov, Yih & Zweig (2013). Linguistic Regularities in Continuous Space Word Representations. NAACL-HLT 2013, pp. 746-751.',
    format: {kind: 'msr-analogy'},
    items: 8000,
    notes: 'Two line-aligned files: questions "a b c", answers "TAG d"; sections are the TAGs. Not in the shared data folder; no checksum known.',
  },
  {
    id: 'bats-3.0',
    task: 'analogy',
    title: 'BATS 3.0 (Bigger Analogy Test Set)',
    files: KNOWN_FILES.filter((f) => f.path.startsWith('bats-3.0/')).map((f) => ({...f})),
    canonicalUrl: 'https://vecto-data.s3-us-west-1.amazonaws.com/BATS_3.0.zip (project page http://vecto.space/projects/BATS/)',
    citation:
      "Gladkova, Drozd & Matsuoka (2016). Analogy-based detection of morphological and semantic relations with word embeddings: what works and what doesn't. NAACL-HLT 2016 SRW, pp. 47-54.",
    format: {kind: 'bats'},
    items: 2000,
    notes: '40 files x 50 pairs in 4 groups; "/"-separated alternative answers ("50/50_burger" is one token).',
  },
  {
    id: 'ws353-combined',
    task: 'similarity',
    title: 'WordSim-353 (all 353 pairs)',
    files: [known('ws353/combined.tab')],
    alternatives: [wordvectorsOrg('ws353/EN-WS-353-ALL.txt')],
    canonicalUrl: WS353_URL,
    citation: WS353_CITATION,
    format: {kind: 'similarity', separator: '\t', header: 1, columns: [0, 1, 2]},
    scoreColumn: 3,
    scoreRange: [0, 10],
    items: 353,
    notes: "'money cash' twice; 'money bank'/'bank money' both.",
  },
  {
    id: 'ws353-set1',
    task: 'similarity',
    title: 'WordSim-353 set 1 (153 pairs)',
    files: [known('ws353/set1.tab')],
    canonicalUrl: WS353_URL,
    citation: WS353_CITATION,
    format: {kind: 'similarity', separator: '\t', header: 1, columns: [0, 1, 2]},
    scoreColumn: 3,
    scoreRange: [0, 10],
    items: 153,
  },
  {
    id: 'ws353-set2',
    task: 'similarity',
    title: 'WordSim-353 set 2 (200 pairs)',
    files: [known('ws353/set2.tab')],
    canonicalUrl: WS353_URL,
    citation: WS353_CITATION,
    format: {kind: 'similarity', separator: '\t', header: 1, columns: [0, 1, 2]},
    scoreColumn: 3,
    scoreRange: [0, 10],
    items: 200,
  },
  {
    id: 'ws353-sim',
    task: 'similarity',
    title: 'WordSim-353 similarity subset (Agirre et al.)',
    files: [known('ws353-sim/wordsim_similarity_goldstandard.txt')],
    alternatives: [wordvectorsOrg('ws353-sim/EN-WS-353-SIM.txt')],
    canonicalUrl: 'http://alfonseca.org/pubs/ws353simrel.tar.gz',
    citation: AGIRRE,
    format: tab3,
    scoreColumn: 3,
    scoreRange: [0, 10],
    items: 203,
  },
  {
    id: 'ws353-rel',
    task: 'similarity',
    title: 'WordSim-353 relatedness subset (Agirre et al.)',
    files: [known('ws353-rel/wordsim_relatedness_goldstandard.txt')],
    alternatives: [wordvectorsOrg('ws353-rel/EN-WS-353-REL.txt')],
    canonicalUrl: 'http://alfonseca.org/pubs/ws353simrel.tar.gz',
    citation: AGIRRE,
    format: tab3,
    scoreColumn: 3,
    scoreRange: [0, 10],
    items: 252,
  },
  {
    id: 'simlex-999',
    task: 'similarity',
    title: 'SimLex-999',
    files: [known('simlex-999/SimLex-999.txt')],
    alternatives: [wordvectorsOrg('simlex-999/EN-SIMLEX-999.txt')],
    canonicalUrl: 'http://www.cl.cam.ac.uk/~fh295/SimLex-999.zip',
    citation:
      'Hill, Reichart & Korhonen (2015). SimLex-999: Evaluating Semantic Models with (Genuine) Similarity Estimation. Computational Linguistics 41(4):665-695.',
    format: {kind: 'similarity', separator: '\t', header: 1, columns: [0, 1, 3]},
    scoreColumn: 4,
    scoreRange: [0, 10],
    items: 999,
  },
  {
    id: 'men',
    task: 'similarity',
    title: 'MEN (natural form, full)',
    files: [known('men/MEN_dataset_natural_form_full')],
    alternatives: [wordvectorsOrg('men/EN-MEN-TR-3k.txt')],
    canonicalUrl: 'http://clic.cimec.unitn.it/~elia.bruni/resources/MEN.tar.gz',
    citation: 'Bruni, Tran & Baroni (2014). Multimodal Distributional Semantics. JAIR 49:1-47.',
    format: {kind: 'similarity', separator: ' ', header: 0, columns: [0, 1, 2]},
    scoreColumn: 3,
    scoreRange: [0, 50],
    items: 3000,
  },
  {
    id: 'rg-65',
    task: 'similarity',
    title: 'Rubenstein & Goodenough 65',
    files: [known('rg-65/EN-RG-65.txt')],
    canonicalUrl: 'http://www.cs.cmu.edu/~mfaruqui/word-sim/EN-RG-65.txt',
    citation: 'Rubenstein & Goodenough (1965). Contextual Correlates of Synonymy. CACM 8(10):627-633.',
    format: tab3,
    scoreColumn: 3,
    scoreRange: [0, 4],
    items: 65,
  },
  {
    id: 'mc-30',
    task: 'similarity',
    title: 'Miller & Charles 30',
    files: [known('mc-30/EN-MC-30.txt')],
    canonicalUrl: 'http://www.cs.cmu.edu/~mfaruqui/word-sim/EN-MC-30.txt',
    citation: 'Miller & Charles (1991). Contextual Correlates of Semantic Similarity. Language and Cognitive Processes 6(1):1-28.',
    format: tab3,
    scoreColumn: 3,
    scoreRange: [0, 4],
    items: 30,
  },
  {
    id: 'rw',
    task: 'similarity',
    title: 'Stanford Rare Words',
    files: [known('rw/rw.txt')],
    alternatives: [wordvectorsOrg('rw/EN-RW-STANFORD.txt')],
    canonicalUrl: 'http://www-nlp.stanford.edu/~lmthang/morphoNLM/rw.zip',
    citation: 'Luong, Socher & Manning (2013). Better Word Representations with Recursive Neural Networks for Morphology. CoNLL 2013, pp. 104-113.',
    format: tab3,
    scoreColumn: 3,
    scoreRange: [0, 10],
    items: 2034,
    notes: 'Columns after the third are individual ratings (ignored).',
  },
  {
    id: 'mturk-287',
    task: 'similarity',
    title: 'MTurk-287',
    files: [known('mturk-287/Mtruk.csv')],
    alternatives: [wordvectorsOrg('mturk-287/EN-MTurk-287.txt')],
    canonicalUrl: 'http://www.kiraradinsky.com/files/Mtruk.csv',
    citation:
      'Radinsky, Agichtein, Gabrilovich & Markovitch (2011). A Word at a Time: Computing Word Relatedness using Temporal Semantic Analysis. WWW 2011, pp. 337-346.',
    format: {kind: 'similarity', separator: ',', header: 0, columns: [0, 1, 2]},
    scoreColumn: 3,
    scoreRange: [1, 5],
    items: 287,
  },
  {
    id: 'mturk-771',
    task: 'similarity',
    title: 'MTurk-771',
    files: [{path: 'mturk-771/MTURK-771.csv'}],
    alternatives: [wordvectorsOrg('mturk-771/EN-MTurk-771.txt')],
    canonicalUrl: 'http://www2.mta.ac.il/~gideon/mturk771.html (file MTURK-771.csv)',
    citation: 'Halawi, Dror, Gabrilovich & Koren (2012). Large-scale Learning of Word Relatedness with Constraints. KDD 2012, pp. 1406-1414.',
    format: {kind: 'similarity', separator: 'auto', header: 0, columns: [0, 1, 2]},
    scoreColumn: 3,
    scoreRange: [1, 5],
    items: 771,
    notes:
      'Not in the shared data folder; no checksum known. Distributed comma-separated; tab copies exist, so the separator is detected per line. The wordvectors.org copy (EN-MTurk-771.txt, tab-separated, CRLF) is accepted in its place.',
  },
  {
    id: 'simverb-3500',
    task: 'similarity',
    title: 'SimVerb-3500',
    files: [{path: 'simverb-3500/SimVerb-3500.txt'}],
    alternatives: [wordvectorsOrg('simverb-3500/EN-SimVerb-3500.txt')],
    canonicalUrl: 'https://www.repository.cam.ac.uk/handle/1810/264124 (file SimVerb-3500.txt)',
    citation: 'Gerz, Vulic, Hill, Reichart & Korhonen (2016). SimVerb-3500: A Large-Scale Evaluation Set of Verb Similarity. EMNLP 2016, pp. 2173-2182.',
    format: {kind: 'similarity', separator: '\t', header: 0, columns: [0, 1, 3]},
    scoreColumn: 4,
    scoreRange: [0, 10],
    items: 3500,
    notes: 'Tab-separated w1 w2 POS score relation. Not in the shared data folder; no checksum known.',
  },
  {
    id: 'yp-130',
    task: 'similarity',
    title: 'Yang & Powers verbs (YP-130)',
    files: [{path: 'yp-130/EN-YP-130.txt'}],
    canonicalUrl: 'http://www.cs.cmu.edu/~mfaruqui/word-sim/EN-YP-130.txt (wordvectors.org distribution)',
    citation: 'Yang & Powers (2006). Verb Similarity on the Taxonomy of WordNet. GWC 2006, pp. 121-128.',
    format: tab3,
    scoreColumn: 3,
    scoreRange: [0, 4],
    items: 130,
    notes: 'Not in the shared data folder; no checksum known.',
  },
  {
    id: 'verb-143',
    task: 'similarity',
    title: 'Verb-143',
    files: [{path: 'verb-143/EN-VERB-143.txt'}],
    canonicalUrl: 'http://www.cs.cmu.edu/~mfaruqui/word-sim/EN-VERB-143.txt (wordvectors.org distribution)',
    citation: 'Baker, Reichart & Korhonen (2014). An Unsupervised Model for Instance Level Subcategorization Acquisition. EMNLP 2014, pp. 278-289.',
    format: tab3,
    scoreColumn: 3,
    scoreRange: [0, 4],
    items: 143,
    notes: 'Not in the shared data folder; no checksum known; score range as distributed by wordvectors.org (unverified here).',
  },
  {
    id: 'card-660',
    task: 'similarity',
    title: 'Cambridge Rare Word Dataset (Card-660)',
    files: [{path: 'card-660/dataset.tsv'}],
    canonicalUrl: 'https://pilehvar.github.io/card-660/ (file dataset.tsv)',
    citation:
      'Pilehvar, Kartsaklis, Prokhorov & Collier (2018). Card-660: Cambridge Rare Word Dataset - a Reliable Benchmark for Infrequent Word Representation Models. EMNLP 2018, pp. 1391-1401.',
    format: tab3,
    scoreColumn: 3,
    scoreRange: [0, 4],
    items: 660,
    notes: "Tokens such as 'HIV/Aids' and 'C++' are kept verbatim. Not in the shared data folder; no checksum known.",
  },
];

const ALIASES: Record<string, string> = {
  ws353: 'ws353-combined',
  wordsim353: 'ws353-combined',
  simlex: 'simlex-999',
  bats: 'bats-3.0',
  google: 'google-analogy',
  msr: 'msr-analogy',
};

/** Every registered dataset (copies). */
export function listDatasets(task?: 'analogy' | 'similarity'): DatasetEntry[] {
  return ENTRIES.filter((e) => !task || e.task === task).map((e) => structuredClone(e));
}

/** One dataset by id (or alias: ws353, simlex, bats, google, msr); throws ArgumentError naming the known ids. */
export function getDataset(id: string): DatasetEntry {
  const e = ENTRIES.find((x) => x.id === (ALIASES[id] ?? id));
  if (!e)
    throw new ArgumentError(
      messages.unknownDataset(
        id,
        ENTRIES.map((x) => x.id),
      ),
    );
  return structuredClone(e);
}
