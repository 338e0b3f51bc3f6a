/**
 * Readers for word-analogy question files.
 *
 * - Google (questions-words.txt): `: section` lines, then `a b c d` per line (whitespace-separated). Sections
 *   whose names start with `gram` are syntactic, the others semantic (the first 5 in the Google file).
 * - MSR: two line-aligned files, `a b c` and `TAG d`; each distinct TAG is a section (all syntactic).
 * Blank lines are skipped; repeated questions are kept and counted.
 */
import {DataError} from '@embedlab/core';
import {splitLines} from './lines.js';
import {messages} from './messages.js';
import type {AnalogyDataset, AnalogyQuestion, AnalogySection, FileRecord} from './types.js';

export function parseGoogleAnalogy(text: string, file: string, id = 'google-analogy', files: FileRecord[] = []): AnalogyDataset {
  const sections: AnalogySection[] = [];
  const questions: AnalogyQuestion[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  splitLines(text).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith(':')) {
      const name = line.slice(1).trim();
      if (!name) throw new DataError(file, i + 1, messages.emptyField('section name'));
      sections.push({name, kind: name.startsWith('gram') ? 'syntactic' : 'semantic'});
      return;
    }
    if (sections.length === 0) throw new DataError(file, i + 1, messages.sectionMissing());
    const parts = line.split(/\s+/);
    if (parts.length !== 4) throw new DataError(file, i + 1, messages.wrongFieldCount('4 words "a b c d"', parts.length));
    const [a, b, c, d] = parts as [string, string, string, string];
    const key = parts.join(' ');
    if (seen.has(key)) duplicates++;
    else seen.add(key);
    questions.push({a, b, c, answers: [d], section: sections.length - 1, line: i + 1});
  });
  return {id, sections, questions, files, duplicateQuestions: duplicates};
}

export function parseMsrAnalogy(
  questionsText: string,
  answersText: string,
  names: {questions: string; answers: string},
  id = 'msr-analogy',
  files: FileRecord[] = [],
): AnalogyDataset {
  const q = splitLines(questionsText);
  const a = splitLines(answersText);
  // Trailing blank lines do not count against alignment.
  while (q.length && q[q.length - 1]!.trim() === '') q.pop();
  while (a.length && a[a.length - 1]!.trim() === '') a.pop();
  if (q.length !== a.length) throw new DataError(names.answers, undefined, messages.lineCountMismatch(q.length, a.length));
  const sections: AnalogySection[] = [];
  const sectionIndex = new Map<string, number>();
  const questions: AnalogyQuestion[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (let i = 0; i < q.length; i++) {
    const qp = q[i]!.trim().split(/\s+/);
    if (qp.length !== 3) throw new DataError(names.questions, i + 1, messages.wrongFieldCount('3 words "a b c"', qp[0] === '' ? 0 : qp.length));
    const ap = a[i]!.trim().split(/\s+/);
    if (ap.length !== 2) throw new DataError(names.answers, i + 1, messages.wrongFieldCount('"TAG d"', ap[0] === '' ? 0 : ap.length));
    const [tag, d] = ap as [string, string];
    let s = sectionIndex.get(tag);
    if (s === undefined) {
      s = sections.length;
      sectionIndex.set(tag, s);
      sections.push({name: tag, kind: 'syntactic'});
    }
    const key = `${qp.join(' ')} ${d}`;
    if (seen.has(key)) duplicates++;
    else seen.add(key);
    questions.push({a: qp[0]!, b: qp[1]!, c: qp[2]!, answers: [d], section: s, line: i + 1});
  }
  return {id, sections, questions, files, duplicateQuestions: duplicates};
}
