/** Loaded benchmark data: plain objects, JSON-serializable, each remembering the files it came from. */

/** A file a result depends on: its path relative to the data directory and its SHA-256. */
export interface FileRecord {
  path: string;
  sha256: string;
  bytes: number;
}

export interface AnalogySection {
  name: string;
  /** Google: the first 5 sections are semantic, the other 9 syntactic. undefined when the set has no split. */
  kind?: 'semantic' | 'syntactic';
}

/** a : b :: c : d, where any of `answers` counts as d (Google and MSR have exactly one). */
export interface AnalogyQuestion {
  a: string;
  b: string;
  c: string;
  answers: string[];
  /** Index into the dataset's sections. */
  section: number;
  /** 1-based line in the source file. */
  line: number;
}

export interface AnalogyDataset {
  id: string;
  sections: AnalogySection[];
  questions: AnalogyQuestion[];
  files: FileRecord[];
  /** Questions whose exact text occurs earlier in the file (kept, as every reference tool keeps them). */
  duplicateQuestions: number;
}

export interface BatsPair {
  source: string;
  /** Alternatives in file order; only targets[0] is used as a vector. */
  targets: string[];
  line: number;
}

export interface BatsCategory {
  /** File name without extension, e.g. `I01 [noun - plural_reg]`. */
  name: string;
  /** Group folder, e.g. `1_Inflectional_morphology`. */
  group: string;
  file: string;
  pairs: BatsPair[];
}

export interface BatsDataset {
  id: string;
  categories: BatsCategory[];
  files: FileRecord[];
}

export interface SimilarityPair {
  w1: string;
  w2: string;
  score: number;
  line: number;
}

export interface SimilarityDataset {
  id: string;
  pairs: SimilarityPair[];
  files: FileRecord[];
  /** [low, high] of the gold scale. */
  scoreRange: [number, number];
  /** Rows whose (w1, w2) already occurred (same order); kept as in the file. */
  duplicatePairs: number;
  /** Pairs whose reverse (w2, w1) occurred earlier; kept. */
  reversedPairs: number;
}
