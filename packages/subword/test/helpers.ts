import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

/** Absolute path of a file in test/fixtures. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

/** Lines of `word v1 ... vD ` as the fasttext tool prints them: [word, the value tokens]. */
export function readPrinted(name: string): [string, string[]][] {
  return readFileSync(fixture(name), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((line) => {
      const parts = line.trimEnd().split(' ');
      return [parts[0] as string, parts.slice(1)];
    });
}

/**
 * Half a unit in the 5th significant digit of a value printed with `%.5g`: the most a printed value can
 * differ from the float it was printed from.
 */
export function printedTolerance(token: string): number {
  const v = Math.abs(Number(token));
  if (v === 0) return 0;
  return 0.5 * 10 ** (Math.floor(Math.log10(v)) - 4);
}
