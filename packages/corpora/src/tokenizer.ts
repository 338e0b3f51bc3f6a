/**
 * The one tokenizer every embedlab corpus goes through, so counts and vocabularies agree across packages
 * and with the gensim comparison (which reads text already tokenized by this function).
 *
 * Rules, in order:
 * 1. Curly apostrophes U+2019 (’) and U+2018 (‘) become the ASCII apostrophe `'`.
 * 2. The text is lowercased (`String.prototype.toLowerCase`, locale independent).
 * 3. Tokens are the matches of `[a-z0-9]+('[a-z0-9]+)*`: ASCII letters and digits, with inner apostrophes
 *    kept ("don't", "o'clock", "ships'" -> "ships"). Everything else separates tokens, so hyphens split
 *    ("well-known" -> "well", "known") and non-ASCII letters split ("café" -> "caf").
 */

/** The token pattern (global, so use a fresh `matchAll`/`match`; never call `.exec` on it concurrently). */
export const TOKEN_PATTERN = /[a-z0-9]+(?:'[a-z0-9]+)*/g;

const CURLY_APOSTROPHES = /[\u2018\u2019]/g;

/** Normalize text before matching: curly apostrophes folded to `'`, then lowercase. */
export function normalizeText(text: string): string {
  return text.replace(CURLY_APOSTROPHES, "'").toLowerCase();
}

/** Split text into tokens (see the module comment for the exact rules). */
export function tokenize(text: string): string[] {
  return normalizeText(text).match(TOKEN_PATTERN) ?? [];
}
