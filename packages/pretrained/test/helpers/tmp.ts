import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** A fresh temporary directory per test file, removed after it; `file(name, content)` writes into it. */
export function useTmpDir(): {dir: () => string; file: (name: string, content: string | Uint8Array) => string} {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'embedlab-pretrained-'));
  });
  after(() => rmSync(dir, {recursive: true, force: true}));
  return {
    dir: () => dir,
    file: (name, content) => {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
  };
}

export const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
