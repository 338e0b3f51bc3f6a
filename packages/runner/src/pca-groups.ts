/**
 * The word groups drawn on each arm's 2D PCA map: groups whose relations the analogy sets test
 * (countries/capitals, family, adjective/comparative), so the map shows whether those offsets are
 * parallel. Words an arm lacks are listed in the chart caption.
 */
import {pcaMapRows, type WordGroup} from '@embedlab/reports/internal';
import type {WordVectors} from '@embedlab/core';

export const PCA_GROUPS: readonly WordGroup[] = [
  {group: 'countries', words: ['france', 'italy', 'germany', 'japan', 'china', 'russia', 'spain', 'egypt']},
  {group: 'capitals', words: ['paris', 'rome', 'berlin', 'tokyo', 'beijing', 'moscow', 'madrid', 'cairo']},
  {group: 'family', words: ['man', 'woman', 'king', 'queen', 'boy', 'girl', 'brother', 'sister', 'father', 'mother']},
  {group: 'adjectives', words: ['good', 'bad', 'big', 'small', 'fast', 'large', 'strong']},
  {group: 'comparatives', words: ['better', 'worse', 'bigger', 'smaller', 'faster', 'larger', 'stronger']},
];

/** One artifact row per placed word (`explained1/2` repeated on each), or nothing when under 2 words are known. */
export function pcaArtifactRows(vectors: WordVectors, groups: readonly WordGroup[] = PCA_GROUPS): Record<string, unknown>[] {
  const found = groups.flatMap((g) => g.words).filter((w) => vectors.vector(w) !== undefined);
  if (found.length < 2 || vectors.dim < 2) return [];
  const {rows, explained, missing} = pcaMapRows(groups, vectors);
  return rows.map((r) => ({...r, explained1: explained[0], explained2: explained[1], missing: missing.length}));
}
