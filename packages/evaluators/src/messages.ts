/** Every user-facing message of @embedlab/evaluators, in one place so tests can compare against them. */
export const messages = {
  fillerRequired: () => "similarity protocol oov 'fill' needs a filler: evaluateSimilarity(vectors, dataset, protocol, {fill: (word) => vector or null})",
  fillerDim: (word: string, got: number, dim: number) =>
    `the OOV filler gave a vector of length ${got} for ${JSON.stringify(word)}; the table's vectors have ${dim}`,
  unknownDataset: (id: string, known: readonly string[]) => `unknown dataset ${JSON.stringify(id)}; known ids: ${known.join(', ')}`,
  wrongTask: (id: string, task: string, wanted: string) => `dataset ${JSON.stringify(id)} is a ${task} set, not ${wanted}`,
  unknownPreset: (name: string, known: readonly string[]) => `unknown protocol preset ${JSON.stringify(name)}; expected one of ${known.join(', ')}`,
  unknownProtocolKey: (key: string, known: readonly string[]) => `unknown protocol key ${JSON.stringify(key)}; known keys: ${known.join(', ')}`,
  expected: (what: string, got: unknown) => `expected ${what} (got ${JSON.stringify(got)})`,
  missingFile: (id: string, path: string, places: readonly string[], url: string, why: string, alternatives: readonly string[] = []) =>
    `dataset ${JSON.stringify(id)}: file ${JSON.stringify(path)} not found (${why}). Put it at ${places.map((p) => JSON.stringify(p)).join(' or ')} ` +
    `(EMBEDLAB_DATA_DIR points at a folder laid out like ../shared/datasets)` +
    (alternatives.length ? `; also accepted instead, under the same folder: ${alternatives.join(' or ')}` : '') +
    `. Source: ${url}`,
  badChecksum: (id: string, file: string, got: string, want: string, url: string) =>
    `dataset ${JSON.stringify(id)}: ${file} is corrupt or a different version: sha256 ${got}, expected ${want}. Replace it with the file from ${url}`,
  sectionMissing: () => 'a question before any ": section" line; the Google format starts each section with ": name"',
  wrongFieldCount: (want: string, got: number) => `expected ${want}, found ${got} field(s)`,
  badScore: (text: string, column: number) => `score ${JSON.stringify(text)} in column ${column} is not a number`,
  lineCountMismatch: (questions: number, answers: number) =>
    `the questions file has ${questions} lines but the answers file has ${answers}; they must be line-aligned`,
  emptyField: (what: string) => `empty ${what}`,
  noAnalogyQuestions: (id: string) => `dataset ${JSON.stringify(id)} has no questions`,
  vectorsTooSmall: (dim: number) => `vectors have dimension ${dim}; need at least 1`,
  differentItems: (what: string, a: number, b: number) => `paired comparison needs the same items: ${what} has ${a} vs ${b}`,
  badLevel: (level: number) => `confidence level must be in (0, 1) (got ${level})`,
  badResamples: (n: number) => `resamples must be a positive integer (got ${n})`,
} as const;
