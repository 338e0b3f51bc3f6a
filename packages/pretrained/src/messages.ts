/** Every user-facing message of @embedlab/pretrained, in one place so tests can compare against them. */
const q = (s: string) => JSON.stringify(s);

export const messages = {
  emptyFile: (format: string) => `file is empty; expected ${format} vectors (one word and its values per line)`,
  noRows: () => 'file holds no vectors (only blank lines or a header)',
  wrongValueCount: (word: string, got: number, dim: number, why: string) => `word ${q(word)} has ${got} values, expected ${dim} (${why})`,
  missingValues: () => 'line holds a word but no values',
  notANumber: (word: string, position: number, token: string) => `value ${position} of word ${q(word)} is ${q(token)}, expected a decimal number`,
  nonFinite: (word: string, position: number, token: string) =>
    `value ${position} of word ${q(word)} is ${q(token)}, which is NaN or infinite in float32; expected a finite number`,
  badHeader: (line: string) => `header ${q(line)} is not "<rows> <dim>" with two positive integers`,
  headerTooFewRows: (promised: number, got: number) =>
    `header promises ${promised} rows but the file ends after ${got}; the file is truncated or the header is wrong`,
  headerTooManyRows: (promised: number) =>
    `header promises ${promised} rows but the file has more; the header is wrong (pass limit to read only the first rows)`,
  truncatedBinary: (row: number, word: string, need: number, got: number) =>
    `file ends inside row ${row} (word ${q(word)}): expected ${need} bytes of float32 values, found ${got}; the binary file is truncated`,
  truncatedWord: (row: number) => `file ends inside the word of row ${row}; the binary file is truncated`,
  badUtf8: (bytes: string) => `word is not valid UTF-8 (bytes ${bytes}); pass {encodingErrors: 'replace'} to read it with U+FFFD replacement characters`,
  duplicateWord: (word: string, firstLine: number) =>
    `word ${q(word)} appears again (first at line/row ${firstLine}); pass {duplicates: 'keep-first'} to keep the first occurrence`,
  lineTooLong: (bytes: number) => `a single line is longer than ${bytes} bytes; this is not a vector file`,
  unknownFormat: (format: string) => `unknown vector format ${q(format)}; expected one of glove, word2vec, word2vec-binary, fasttext, auto`,
  zipNoMember: (members: string[]) => `zip archive holds no single vector file; pass {member} naming one of: ${members.slice(0, 20).join(', ')}`,
  zipMemberMissing: (member: string, members: string[]) => `zip archive has no member ${q(member)}; it holds: ${members.slice(0, 20).join(', ')}`,
  zipSlip: (entry: string, target: string) => `zip entry ${q(entry)} would be written outside the target directory ${target}; refusing to extract this archive`,
  badWord: (word: string, what: string) => `word ${q(word)} cannot be written to ${what}: it contains a space, tab or newline`,
  emptyWord: (row: number) => `row ${row} has an empty word, which no vector format can hold`,
  lineEmptyWord: () => 'line starts with a space or tab: its word is empty',
  offline: (source: string, reason: string, places: string[]) =>
    `vector source ${q(source)} is not available locally and cannot be downloaded (${reason}). ` +
    `Put the file in place and retry:\n${places.map((p) => `  - ${p}`).join('\n')}`,
  unknownSource: (name: string, known: string[]) => `unknown vector source ${q(name)} (not a file either); known sources: ${known.join(', ')}`,
  seedRequired: () => `oov 'random' needs an integer seed (options.seed); embedlab never draws unseeded random rows`,
  badOov: (oov: string) => `unknown OOV policy ${q(oov)}; expected zeros, random, mean or {predict: (word) => vector}`,
  badPrediction: (token: string, got: number, dim: number) =>
    `the OOV predictor gave a vector of length ${got} for ${q(token)}; the pretrained vectors have ${dim}`,
  corruptCache: (file: string, why: string) => `vector cache ${file} is corrupt (${why}); it will be rebuilt`,
};
