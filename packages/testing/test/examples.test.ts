/**
 * Runs every script in examples/ on its tiny inputs (examples/data/), from the TypeScript sources, as
 * `pnpm example examples/<name>.ts` does, and checks the lines a reader is promised.
 */
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {expect} from 'chai';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const run = promisify(execFile);

const EXAMPLES: Record<string, {args: (out: string) => string[]; expect: RegExp[]}> = {
  'tour.ts': {
    args: (out) => [join(ROOT, 'examples/data/tiny-glove.txt'), out],
    expect: [
      /loaded 14 x 8/,
      /nearest to cat: dog/,
      /man : king :: woman : queen/,
      /similarity: Spearman 0\.\d+.*9\/10 pairs \(1 OOV\)/,
      /analogy: 6\/6 correct/,
      /wrote .*vectors\.w2v\.txt/,
    ],
  },
  'train-sgns.ts': {
    args: (out) => [join(ROOT, 'examples/data/toy-corpus.txt'), out],
    expect: [/trained 26 x 16/, /nearest to king: /, /wrote .*sgns\.glove\.txt \(26 rows read back\)/],
  },
  'finetune-layer.ts': {
    args: () => [],
    expect: [/backend \w+; vocabulary 10/, /after 30 epochs: loss [\d.]+, train accuracy 1\.00/, /tuned neighbours of good: /],
  },
};

describe('examples/', function () {
  this.timeout(120_000);
  let out: string;
  let outputs: Map<string, Promise<string>>;
  before(() => {
    out = mkdtempSync(join(tmpdir(), 'embedlab-examples-'));
    // All at once: each spends most of its time starting tsx and tfjs.
    outputs = new Map(
      Object.entries(EXAMPLES).map(([name, e]) => [
        name,
        run(process.execPath, ['--conditions=@embedlab/source', '--import', 'tsx', `examples/${name}`, ...e.args(out)], {cwd: ROOT, encoding: 'utf8'}).then(
          (r) => r.stdout,
        ),
      ]),
    );
  });
  after(async () => {
    await Promise.allSettled(outputs.values());
    rmSync(out, {recursive: true, force: true});
  });
  for (const [name, e] of Object.entries(EXAMPLES)) {
    it(`${name} runs and prints what it promises`, async () => {
      const stdout = await outputs.get(name)!;
      for (const re of e.expect) expect(stdout).to.match(re);
    });
  }
});
