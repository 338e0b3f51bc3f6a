/**
 * fastText's `.vec` text file (`FastText::saveVectors` + `operator<<(ostream, Vector)`, fastText 0.9.2):
 * a header `"<rows> <dim>\n"`, then per row the word, a space, and each value followed by a space, then
 * `"\n"`. Values are printed by a C++ stream with precision 5, i.e. C's `%.5g`. `print-word-vectors`
 * prints the same lines.
 *
 * Reading goes through `@embedlab/pretrained` (its word2vec-text reader, which this layout is).
 */
import {writeFileAtomic, DataError, type WordVectors} from '@embedlab/core/data';
import {readVectors, type ReadOptions} from '@embedlab/pretrained';
import {messages} from '../messages.js';

/**
 * `printf("%.<precision>g", x)` as glibc prints a float: `precision` significant digits, exponent form
 * when the exponent is < -4 or >= precision (two exponent digits at least), trailing zeros removed, exact
 * ties rounded to even (JavaScript's toPrecision rounds them up, glibc to even: 0.00390625 -> 0.0039062).
 */
export function formatG(x: number, precision = 5): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  let [digits, exponent] = splitExponential(a.toExponential(precision - 1));
  // An exact tie (the exact value has precision + 1 significant digits, the last a 5): round half to even.
  const [longDigits, longExponent] = splitExponential(a.toExponential(Math.min(100, precision + 60)));
  if (/^\d+5$/.test(longDigits.slice(0, precision + 1)) && /^0*$/.test(longDigits.slice(precision + 1))) {
    const truncated = longDigits.slice(0, precision);
    if (Number(truncated[truncated.length - 1]) % 2 === 0) {
      digits = truncated;
      exponent = longExponent;
    }
  }
  let out: string;
  if (exponent < -4 || exponent >= precision) {
    const mantissa = stripZeros(digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits);
    const e = Math.abs(exponent);
    out = `${mantissa}e${exponent < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  } else if (exponent >= 0) {
    const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    out = stripZeros(`${intPart}.${digits.slice(exponent + 1)}`);
  } else {
    out = stripZeros(`0.${'0'.repeat(-exponent - 1)}${digits}`);
  }
  return sign + out;
}

/** "1.2345e-3" -> ["12345", -3] */
function splitExponential(s: string): [string, number] {
  const [m, e] = s.split('e') as [string, string];
  return [m.replace('.', ''), Number(e)];
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** One `.vec` line for a word: `word v1 v2 ... vD \n` (a space after every value, as fastText writes). */
export function vecLine(word: string, values: ArrayLike<number>): string {
  let line = `${word} `;
  for (let j = 0; j < values.length; j++) line += `${formatG(values[j] as number)} `;
  return `${line}\n`;
}

/** The whole `.vec` text for word vectors, as `fasttext` writes it next to a `.bin`. */
export function fastTextVecText(vectors: WordVectors): string {
  const parts = [`${vectors.size} ${vectors.dim}\n`];
  for (let i = 0; i < vectors.size; i++) parts.push(vecLine(vectors.words[i] as string, vectors.row(i)));
  return parts.join('');
}

/**
 * Writes vectors as fastText's `.vec` (atomically). From a model read from a `.bin`
 * (`model.toWordVectors()`) this is byte for byte the `.vec` the tool wrote with it. Five significant
 * digits: for a lossless text file use `writeWord2vecText` from @embedlab/pretrained.
 */
export function writeFastTextVec(path: string, vectors: WordVectors): void {
  for (let i = 0; i < vectors.data.length; i++) {
    if (!Number.isFinite(vectors.data[i] as number))
      throw new DataError(path, undefined, messages.vecNotFinite(vectors.words[Math.floor(i / vectors.dim)] as string));
  }
  writeFileAtomic(path, fastTextVecText(vectors));
}

/** Reads a `.vec` (word2vec text with a header) into core `WordVectors`; options as `readVectors`. */
export function readFastTextVec(path: string, options: Omit<ReadOptions, 'format'> = {}): Promise<WordVectors> {
  return readVectors(path, {...options, format: 'fasttext'});
}
