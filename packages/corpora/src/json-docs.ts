/** Shared helper: read one per-document JSON file of a @stdlib dataset package. */
import {readFile} from 'node:fs/promises';
import {DataError} from '@embedlab/core/data';
import {messages} from './messages.js';

export async function readJsonDoc(path: string): Promise<Record<string, unknown> & {text: string}> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new DataError(path, undefined, messages.badJson((error as Error).message));
  }
  const obj = parsed as {text?: unknown};
  if (typeof obj !== 'object' || obj === null || typeof obj.text !== 'string') {
    throw new DataError(path, undefined, messages.badJson('no string "text" field'));
  }
  return obj as Record<string, unknown> & {text: string};
}

/** The `file_list.json` of a @stdlib dataset (paths of .txt files relative to data/). */
export async function readFileList(path: string): Promise<string[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new DataError(path, undefined, `cannot read file list: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) {
    throw new DataError(path, undefined, 'expected a JSON array of file names');
  }
  return parsed as string[];
}
